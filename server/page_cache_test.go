package server

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
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

// TestPageCacheOrigin checks that a page whose head names the origin
// (PageHead) is kept once per origin: without a base URL each request's
// host gets its own page, never another host's, and a host asking again is
// served from the cache; go-app's og:url and og:image are gone. A base
// URL makes every host one entry.
func TestPageCacheOrigin(t *testing.T) {
	var renders atomic.Int32
	s, _ := newTestServer(t)
	goApp := countingPages(&renders)
	s.Pages = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// What go-app writes, which finishPages removes.
		rec := &recorder{header: w.Header(), status: http.StatusOK}
		goApp.ServeHTTP(rec, r)
		page := strings.Replace(rec.buf.String(), "<head>", `<head><meta property="og:url" content="https:///x"><meta content="https://" property="og:image">`, 1)
		w.Header().Del("Content-Length")
		w.Write([]byte(page))
	})
	s.PageHead = func(r *http.Request, origin string) string {
		return `<meta property="og:url" content="` + origin + r.URL.Path + `">`
	}
	h := s.Handler()
	get := func(host string) string {
		t.Helper()
		r := httptest.NewRequest("GET", "http://"+host+"/", nil)
		r.Header.Set("X-Forwarded-Host", "evil.example") // no trust-proxy: ignored
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != 200 {
			t.Fatalf("GET / from %s = %d", host, w.Code)
		}
		return w.Body.String()
	}
	for i, tc := range []struct {
		base, host, want string
		renders          int32
	}{
		{"", "a.example", "http://a.example/", 1},
		{"", "b.example:8080", "http://b.example:8080/", 2},
		{"", "a.example", "http://a.example/", 2}, // from the cache
		{"https://qcmap.example", "a.example", "https://qcmap.example/", 3},
		{"https://qcmap.example", "c.example", "https://qcmap.example/", 3},
	} {
		s.BaseURL = tc.base
		page := get(tc.host)
		if got := strings.Count(page, `property="og:url"`); got != 1 || !strings.Contains(page, `<meta property="og:url" content="`+tc.want+`">`) {
			t.Errorf("%d: GET / from %s (base %q): %d og:url; want one, %s:\n%.300s", i, tc.host, tc.base, got, tc.want, page)
		}
		if strings.Contains(page, "og:image") || strings.Contains(page, "evil.example") {
			t.Errorf("%d: GET / from %s kept go-app's og:image or believed X-Forwarded-Host", i, tc.host)
		}
		if got := renders.Load(); got != tc.renders {
			t.Errorf("%d: GET / from %s (base %q): %d renders; want %d", i, tc.host, tc.base, got, tc.renders)
		}
	}
}
