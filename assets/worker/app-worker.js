// qcmap's service worker, a go-app ServiceWorkerTemplate. Unlike go-app's
// default worker it waits for the whole precache before it installs, answers
// any navigation (any path, any query) from the cached shell, and keeps
// every level of detail of the map for offline use.
const cacheName = "qcmap-{{.Version}}";
const resourcesToCache = {{.ResourcesToCache}};

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(cacheName)
      .then((cache) => cache.addAll(resourcesToCache))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k !== cacheName).map((k) => caches.delete(k)))
      )
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(navigation(url, request));
    return;
  }
  event.respondWith(cacheFirst(request));
});

// navigation answers a page from the cache: the page itself when it was
// kept (its path without the query), else the shell "/", whose client reads
// the real URL and shows the right partner, list or language.
async function navigation(url, request) {
  const cache = await caches.open(cacheName);
  const hit = (await cache.match(url.pathname)) || (await cache.match("/"));
  if (hit) {
    return hit;
  }
  return fetch(request);
}

async function cacheFirst(request) {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(request, { ignoreVary: true });
  if (hit) {
    return hit;
  }
  return fetch(request);
}
