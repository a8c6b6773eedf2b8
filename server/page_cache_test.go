package server

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// countingPages stands in for go-app: a page in other bytes at each render
// (go-app's attribute order), and the number of renders so far.
func countingPages(renders *atomic.Int32) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/nope" {
			http.NotFound(w, r)
			return
		}
		n := renders.Add(1)
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Cache-Control", "no-cache")
		fmt.Fprintf(w, "<!doctype html><html><head><title>%s?%s</title><meta name=n content=%d></head><body>%s</body></html>",
			r.URL.Path, r.URL.RawQuery, n, strings.Repeat("<p>Québec</p>", 100))
	})
}

// TestPageCache checks that a page is rendered once per dataset for the
// parameters it reads, whatever else the query holds, and that the cache
// keeps within its bound.
func TestPageCache(t *testing.T) {
	var renders atomic.Int32
	s, _ := newTestServer(t)
	s.Pages = countingPages(&renders)
	s.PageParams = []string{"lang", "sector"}
	h := s.Handler()
	get := func(target string) []byte {
		t.Helper()
		w := do(h, "GET", target, map[string]string{"Accept-Encoding": "br"})
		if w.Code != 200 {
			t.Fatalf("GET %s = %d; want 200", target, w.Code)
		}
		return decode(t, w.Header().Get("Content-Encoding"), w.Body.Bytes())
	}
	entries := func() int {
		n, _ := s.data.Load().pages.Load().len()
		return n
	}
	check := func(what string, wantRenders int32, wantEntries int) {
		t.Helper()
		if got := renders.Load(); got != wantRenders {
			t.Errorf("%s: %d renders; want %d", what, got, wantRenders)
		}
		if got := entries(); got != wantEntries {
			t.Errorf("%s: %d entries; want %d", what, got, wantEntries)
		}
	}

	home := get("/")
	if again := get("/"); !bytes.Equal(again, home) {
		t.Errorf("GET / twice: other bytes the second time")
	}
	check("GET / twice", 1, 1)
	for _, target := range []string{"/?n=1", "/?n=2", "/?sector=", "/?utm_source=x&n=3"} {
		if got := get(target); !bytes.Equal(got, home) {
			t.Errorf("GET %s = %.60q…; want the page of /", target, got)
		}
	}
	if w := do(h, "HEAD", "/?n=4", nil); w.Code != 200 || w.Body.Len() != 0 || w.Header().Get("Content-Length") != fmt.Sprint(len(home)) {
		t.Errorf("HEAD /?n=4 = %d, %d bytes, Content-Length %s; want 200, none, %d", w.Code, w.Body.Len(), w.Header().Get("Content-Length"), len(home))
	}
	check("unknown parameters", 1, 1)
	if bytes.Contains(home, []byte("n=")) {
		t.Errorf("GET /?n=1: page %.80q; want it rendered without the unknown parameter", home)
	}

	en := get("/?lang=en")
	for _, target := range []string{"/?n=5&lang=en", "/?lang=en&lang=fr", "/?lang=en&sector="} {
		if got := get(target); !bytes.Equal(got, en) {
			t.Errorf("GET %s = %.60q…; want the page of /?lang=en", target, got)
		}
	}
	check("a parameter the page reads", 2, 2)
	if get("/list"); renders.Load() != 3 {
		t.Errorf("GET /list: %d renders; want 3", renders.Load())
	}

	// Answers other than 200 are not kept.
	for range 3 {
		if w := do(h, "GET", "/nope", nil); w.Code != 404 {
			t.Errorf("GET /nope = %d; want 404", w.Code)
		}
	}
	check("404s", 3, 3)

	// A reload starts afresh.
	s.SetData(loadReal(t))
	check("after SetData", 3, 0)
	if got := get("/"); bytes.Equal(got, home) {
		t.Errorf("GET / after SetData: the bytes of before; want it rendered again")
	}
	check("GET / after SetData", 4, 1)
	s.DropPages()
	get("/")
	check("GET / after DropPages", 5, 1)

	// Many requests for one new page at once render it once.
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() { get("/?sector=trade") })
	}
	wg.Wait()
	check("16 requests at once", 6, 2)

	// The bound: a flood of distinct values keeps the cache within it.
	one := int64(len(home)) * 3 // a page in its three codings, at most
	s.PageCacheBytes = 4 * one
	s.DropPages()
	for i := range 50 {
		get(fmt.Sprintf("/?sector=s%d", i))
	}
	n, size := s.data.Load().pages.Load().len()
	if size > s.PageCacheBytes || n == 0 || n > 50 {
		t.Errorf("after 50 pages: %d entries of %d bytes; want at most %d bytes", n, size, s.PageCacheBytes)
	}
	if got := renders.Load(); got != 6+50 {
		t.Errorf("after 50 pages: %d renders; want %d", got, 6+50)
	}
}
