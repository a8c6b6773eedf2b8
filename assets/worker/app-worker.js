// qcmap's service worker, a go-app ServiceWorkerTemplate. Unlike go-app's
// default worker it waits for the whole precache before it installs, answers
// a navigation to any of the app's pages (any query) from the cached shell
// but the static embed (/embed?static=1, the server's page without the
// loader), and a navigation elsewhere (a file, the API, an image) as any
// other request, from its cache or the network; and it keeps
// the map for offline use: the world and continent levels and both
// languages' maps are precached; a closeup fragment, large and fetched only
// when a person zooms in that far, is kept when it is first fetched, and
// offline the continent level stands in for a closeup never fetched.
const cacheName = "qcmap-{{.Version}}";
const runtimeCached = "/geo/closeup/";
// The app's pages: the server writes in their exact paths and the partner
// pages' pattern (workerTemplate in app/serve.go).
const pagePaths = new Set(QCMAP_PAGE_PATHS);
const partnerPage = new RegExp(QCMAP_PARTNER_PATTERN);
const resourcesToCache = {{.ResourcesToCache}};

// aliases maps the plain URL of each file under /web/ that the precache
// keeps by its content-hashed URL (/web/app.wasm for /web/app.<hash>.wasm)
// to that URL, for the requests that name the file plainly, offline too.
const aliases = new Map(
  resourcesToCache
    .map((u) => [u.replace(/\.[0-9a-f]{12}(\.[^./]*)?$/, "$1"), u])
    .filter(([plain, u]) => plain !== u && plain.startsWith("/web/"))
);

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
  if (request.mode === "navigate" && (pagePaths.has(url.pathname) || partnerPage.test(url.pathname))) {
    if (url.pathname === "/embed" && url.searchParams.get("static") === "1") {
      return; // the embed without wasm is the server's page, never the shell
    }
    event.respondWith(navigation(url, request));
    return;
  }
  event.respondWith(cacheFirst(request, event));
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

async function cacheFirst(request, event) {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(request, { ignoreVary: true });
  if (hit) {
    return hit;
  }
  const alias = aliases.get(new URL(request.url).pathname);
  const aliased = alias && (await cache.match(alias, { ignoreVary: true }));
  if (aliased) {
    return aliased;
  }
  const path = new URL(request.url).pathname;
  if (!path.startsWith(runtimeCached)) {
    return fetch(request);
  }
  let response;
  try {
    response = await fetch(request);
  } catch (err) {
    // Offline, a closeup not seen before: the same area's continent level,
    // drawn in the same projection, stands in for it.
    const area = path.slice(runtimeCached.length);
    const fallback = await cache.match("/geo/continent/" + area, { ignoreVary: true });
    if (fallback) {
      return fallback;
    }
    throw err;
  }
  if (response.ok) {
    event.waitUntil(cache.put(request, response.clone()));
  }
  return response;
}
