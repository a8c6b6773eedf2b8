//go:build !wasm

package main

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// go-app's loader (app.js) hands WebAssembly.instantiateStreaming a
// Response it builds around its own ReadableStream, to count the download's
// progress. Chromium keeps a module's compiled code only for a response it
// fetched itself (a synthesized body has no code cache handler), so with it
// every load, warm or offline, compiles app.wasm again. qcmap shows no
// percentage (its LoadingLabel is blank), so its loader hands over the
// fetched Response as it is: a warm load takes the compiled code from the
// HTTP or service worker cache.
//
// go-app's loader also registers the service worker as the page starts.
// On a first visit the worker's install then downloads app.wasm (and every
// other file it keeps) beside the page's own download and compile of it,
// on the same two cores: traced cold loads took 190 ms longer to become
// interactive than with the registration after the mount. qcmap registers
// the worker once the page is interactive (markMounted sets
// data-wasm="ready"), or 10 s after the loader starts if the page never
// mounts (no WebAssembly, a load error), so every visit still installs it.
//
// stockFetch is go-app v10.1.11's function, whole, from its first line to
// the end of the file, and stockWorker its call that registers the
// worker; patchLoader fails if either is not there, so a go-app upgrade
// that changes the loader is noticed at start and in the tests.
const (
	stockWorker = "\ngoappInitServiceWorker();\n"
	ownWorker   = "\nqcmapAfterMount(goappInitServiceWorker);\n"
	afterMount  = `
// qcmap: the service worker registers once the page is interactive (see
// app/loader.go).
function qcmapAfterMount(f) {
  const root = document.documentElement;
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    seen.disconnect();
    f();
  };
  const seen = new MutationObserver(() => {
    if (root.dataset.wasm === "ready") run();
  });
  seen.observe(root, { attributes: true, attributeFilter: ["data-wasm"] });
  if (root.dataset.wasm === "ready") run();
  setTimeout(run, 10000);
}
`
)

const (
	stockFetchStart = "async function fetchWithProgress(url, progess) {\n  const response = await fetch(url);\n"
	stockFetchEnd   = "  return res;\n}\n"
	ownFetch        = `async function fetchWithProgress(url, progess) {
  // qcmap: once the page's first frame is on screen, the fetched Response
  // itself (see app/loader.go).
  await new Promise((painted) => {
    if (document.visibilityState !== "visible") return painted(); // no frame to wait for
    setTimeout(painted, 3000);
    const types = window.PerformanceObserver && PerformanceObserver.supportedEntryTypes;
    if (!types || !types.includes("paint")) {
      requestAnimationFrame(() => setTimeout(painted));
      return;
    }
    const seen = new PerformanceObserver((list) => {
      if (list.getEntriesByName("first-contentful-paint").length) {
        seen.disconnect();
        painted();
      }
    });
    seen.observe({ type: "paint", buffered: true });
  });
  return fetch(url);
}
`
)

// patchLoader returns go-app's app.js with qcmap's fetchWithProgress and
// the service worker registered after the mount.
func patchLoader(js []byte) ([]byte, error) {
	i := bytes.Index(js, []byte(stockFetchStart))
	if i < 0 || !bytes.HasSuffix(js, []byte(stockFetchEnd)) || bytes.Count(js, []byte("function fetchWithProgress")) != 1 {
		return nil, errors.New("qcmap: go-app's app.js does not end with the fetchWithProgress it expects (app/loader.go): check the loader of the new go-app version")
	}
	if bytes.Count(js, []byte(stockWorker)) != 1 {
		return nil, errors.New("qcmap: go-app's app.js does not call goappInitServiceWorker once at its top level as app/loader.go expects: check the loader of the new go-app version")
	}
	out := bytes.Replace(js[:i:i], []byte(stockWorker), []byte(ownWorker), 1)
	out = append(out, ownFetch...)
	return append(out, afterMount...), nil
}

// pages is go-app's handler with qcmap's loader at /app.js.
type pages struct {
	*app.Handler
	appJS []byte
}

func newPages(h *app.Handler) (*pages, error) {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/app.js", nil))
	if rec.Code != http.StatusOK {
		return nil, errors.New("qcmap: go-app's handler answered /app.js with " + strconv.Itoa(rec.Code))
	}
	js, err := patchLoader(rec.Body.Bytes())
	if err != nil {
		return nil, err
	}
	return &pages{Handler: h, appJS: js}, nil
}

func (p *pages) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/app.js" {
		p.Handler.ServeHTTP(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/javascript") // as go-app sends it
	w.Header().Set("Content-Length", strconv.Itoa(len(p.appJS)))
	w.Write(p.appJS)
}
