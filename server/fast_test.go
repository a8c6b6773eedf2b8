package server

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// serveLoopback serves h with Serve on a loopback port until the test
// ends, and returns its base URL.
func serveLoopback(t *testing.T, h http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, ln, h, time.Second, slog.New(slog.DiscardHandler)) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve = %v", err)
		}
	})
	return "http://" + ln.Addr().String()
}

// serveBothWays serves s through Serve (fasthttp with its fast paths) and
// through net/http alone until the test ends, and returns both base URLs
// and a count of the requests Serve handed to the net/http handler.
func serveBothWays(t *testing.T, s *Server) (fast, plain string, slow *atomic.Int32) {
	t.Helper()
	root := s.Handler().(handler)
	slow = new(atomic.Int32)
	inner := root.Handler
	root.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		slow.Add(1)
		inner.ServeHTTP(w, r)
	})
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return serveLoopback(t, root), ts.URL, slow
}

// rawResponse is a response as sent: status, header (without Date, which
// the two servers write at their own second) and the bytes of the body.
type rawResponse struct {
	status int
	header http.Header
	body   string
}

var rawClient = &http.Client{
	Transport:     &http.Transport{DisableCompression: true},
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

func fetchRaw(t *testing.T, method, url string, header map[string]string) rawResponse {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		if k == "Host" {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	resp, err := rawClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	resp.Header.Del("Date")
	return rawResponse{resp.StatusCode, resp.Header, string(b)}
}

// TestServeKeptPages serves the same Server through Serve (fasthttp, with
// its fast path for kept pages) and through net/http alone, and requires
// the same status, header and body for every kind of request a page gets:
// codings, validators, HEAD, parameters the page reads and ones it does
// not, the embed's own, paths net/http cleans, a page never kept, proxy
// headers trusted or not, another Host. Once a page is kept, the fast
// path must answer it without calling the net/http handler.
func TestServeKeptPages(t *testing.T) {
	for _, trust := range []bool{false, true} {
		var renders atomic.Int32
		s, _ := newTestServer(t)
		s.Pages = countingPages(&renders)
		s.PageParams = []string{"lang", "sector"}
		s.TrustProxy = trust
		fast, plain, slow := serveBothWays(t, s)

		br := map[string]string{"Accept-Encoding": "br, gzip"}
		cases := []struct {
			method, target string
			header         map[string]string
			kept           bool // answered by the fast path the second time
		}{
			{"GET", "/", br, true},
			{"GET", "/", map[string]string{"Accept-Encoding": "gzip"}, true},
			{"GET", "/", map[string]string{"Accept-Encoding": "br;q=0.5, gzip;q=0.9"}, true},
			{"GET", "/", nil, true},
			{"GET", "/", map[string]string{"Accept-Encoding": "identity"}, true},
			{"HEAD", "/", br, true},
			{"GET", "/?n=1&lang=en", br, true},
			{"GET", "/", map[string]string{"Accept-Encoding": "br", "Accept-Language": "en-US,en;q=0.9"}, true},
			{"GET", "/partners/us-vt", map[string]string{"Accept-Encoding": "gzip", "Accept-Language": "fr-CA,en;q=0.8"}, true},
			{"GET", "/?lang=en&sector=energy", br, true},
			{"GET", "/partners/us-vt", br, true},
			{"GET", "/embed", br, true},
			{"GET", "/embed?static=1", br, true},
			{"GET", "/present", br, true},
			{"GET", "/", map[string]string{"Accept-Encoding": "br", "Host": "other.example:8080"}, true},
			{"GET", "/", map[string]string{"Accept-Encoding": "br", "X-Forwarded-Host": "proxy.example", "X-Forwarded-Proto": "https"}, true},
			{"GET", "/nope", br, false},
			{"GET", "/partners/../partners/us-vt", br, false},
			{"GET", "/partners/%75s-vt", br, false},
			{"GET", "//partners/us-vt", br, false},
			{"POST", "/", br, false},
			{"GET", "/api/partners", br, false},
		}
		for _, c := range cases {
			name := c.method + " " + c.target
			fetchRaw(t, c.method, fast+c.target, c.header) // the first renders and keeps it
			before := slow.Load()
			got := fetchRaw(t, c.method, fast+c.target, c.header)
			if d := slow.Load() - before; c.kept && d != 0 {
				t.Errorf("trust proxy %v, %s %v: the net/http handler was called for a kept page", trust, name, c.header)
			} else if !c.kept && d == 0 {
				t.Errorf("trust proxy %v, %s %v: answered by the fast path; want net/http", trust, name, c.header)
			}
			want := fetchRaw(t, c.method, plain+c.target, c.header)
			compareRaw(t, name, got, want)

			// The same with the ETag each server gave: a 304 from both.
			if etag := got.header.Get("Etag"); etag != "" {
				with := func(etag string) map[string]string {
					h := map[string]string{"If-None-Match": etag}
					for k, v := range c.header {
						h[k] = v
					}
					return h
				}
				compareRaw(t, name+" If-None-Match", fetchRaw(t, c.method, fast+c.target, with(etag)),
					fetchRaw(t, c.method, plain+c.target, with(want.header.Get("Etag"))))
			}
		}
	}
}

// TestServeWebFiles serves the same Server through Serve and through
// net/http alone, and requires the same status, header and body for the
// static files under /web/: plain and hashed names, every coding, HEAD,
// If-None-Match, files with no compressed form. Those are answered by the
// fast path (serveWeb), without the net/http handler; a stale hash, a
// missing file, a folder, a path net/http cleans and another method go
// to net/http, which answers with its error.
func TestServeWebFiles(t *testing.T) {
	s, _ := newTestServer(t)
	fast, plain, slow := serveBothWays(t, s)

	wasm := s.WebURL("/web/app.wasm")
	if wasm == "/web/app.wasm" {
		t.Fatal("WebURL gave app.wasm no hashed name")
	}
	br := map[string]string{"Accept-Encoding": "br, gzip"}
	cases := []struct {
		method, target string
		header         map[string]string
		fast           bool
	}{
		{"GET", wasm, br, true},
		{"GET", wasm, map[string]string{"Accept-Encoding": "gzip"}, true},
		{"GET", wasm, map[string]string{"Accept-Encoding": "identity"}, true},
		{"GET", wasm, nil, true},
		{"HEAD", wasm, br, true},
		{"GET", "/web/app.wasm", br, true},
		{"GET", s.WebURL("/web/x.css"), br, true},
		{"GET", "/web/logo.png", br, true},
		{"GET", "/web/icons/a.svg", nil, true},
		{"GET", "/web/app.000000000000.wasm", br, false},
		{"GET", "/web/nope.js", br, false},
		{"GET", "/web/icons", br, false},
		{"GET", "/web/icons/", br, false},
		{"GET", "/web/", br, false},
		{"GET", "/web/icons/../x.css", br, false},
		{"GET", "/web/%78.css", br, false},
		{"POST", wasm, br, false},
	}
	for _, c := range cases {
		name := c.method + " " + c.target
		before := slow.Load()
		got := fetchRaw(t, c.method, fast+c.target, c.header)
		if d := slow.Load() - before; c.fast && d != 0 {
			t.Errorf("%s %v: the net/http handler was called; want the fast path", name, c.header)
		} else if !c.fast && d == 0 {
			t.Errorf("%s %v: answered by the fast path; want net/http", name, c.header)
		}
		want := fetchRaw(t, c.method, plain+c.target, c.header)
		compareRaw(t, name, got, want)
		if got.body != want.body {
			t.Errorf("%s %v: a body of %d bytes; net/http %d", name, c.header, len(got.body), len(want.body))
		}
		if c.fast && c.method == "GET" && got.status != http.StatusOK {
			t.Errorf("%s: status %d; want 200", name, got.status)
		}
		if etag := got.header.Get("Etag"); etag != "" {
			h := map[string]string{"If-None-Match": etag}
			for k, v := range c.header {
				h[k] = v
			}
			g, w := fetchRaw(t, c.method, fast+c.target, h), fetchRaw(t, c.method, plain+c.target, h)
			compareRaw(t, name+" If-None-Match", g, w)
			if g.status != http.StatusNotModified {
				t.Errorf("%s If-None-Match %s: status %d; want 304", name, etag, g.status)
			}
		}
	}
}

// compareRaw fails unless got and want have the same status, header and
// body. The page's own bytes differ between the two servers (each
// renders it, in its own attribute order), so a 200 from the page cache
// is compared by length and ETag form, not bytes.
func compareRaw(t *testing.T, name string, got, want rawResponse) {
	t.Helper()
	if got.status != want.status {
		t.Errorf("%s: status %d; net/http %d", name, got.status, want.status)
	}
	keys := func(h http.Header) []string {
		var ks []string
		for k := range h {
			ks = append(ks, k)
		}
		slices.Sort(ks)
		return ks
	}
	if g, w := keys(got.header), keys(want.header); !slices.Equal(g, w) {
		t.Errorf("%s: header names %v; net/http %v", name, g, w)
	}
	for k, w := range want.header {
		g := got.header[k]
		if k == "Etag" && len(g) == 1 && len(w) == 1 {
			// Each server's own render: the same coding suffix.
			if suffix(g[0]) != suffix(w[0]) {
				t.Errorf("%s: ETag %s; net/http %s", name, g[0], w[0])
			}
			continue
		}
		if k == "Content-Length" && got.header.Get("Etag") != "" {
			continue // the render's bytes, compared below by their kind
		}
		if !slices.Equal(g, w) {
			t.Errorf("%s: %s = %q; net/http %q", name, k, g, w)
		}
	}
	if got.header.Get("Etag") == "" && got.body != want.body {
		t.Errorf("%s: body %q; net/http %q", name, got.body, want.body)
	}
	if got.header.Get("Etag") != "" && got.status == http.StatusOK && len(got.body) == 0 != (len(want.body) == 0) {
		t.Errorf("%s: body of %d bytes; net/http %d", name, len(got.body), len(want.body))
	}
}

func suffix(etag string) string {
	if i := strings.LastIndexByte(etag, '-'); i >= 0 {
		return etag[i:]
	}
	return ""
}

// TestServeLimits checks the connection rules Serve keeps: a client that
// starts a request and stalls is cut after the 5 s allowed for its
// header, and a header larger than the read buffer is refused with 431.
func TestServeLimits(t *testing.T) {
	base := serveLoopback(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") }))
	addr := strings.TrimPrefix(base, "http://")

	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	t0 := time.Now()
	if _, err := io.WriteString(c, "GET / HTTP/1.1\r\nHost: x\r\n"); err != nil {
		t.Fatal(err)
	}
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	rest, err := io.ReadAll(c)
	if d := time.Since(t0); d < 4*time.Second || d > 8*time.Second || (err != nil && !strings.Contains(err.Error(), "reset")) {
		t.Errorf("a stalled header: the connection ended after %v (%v, %q); want it cut after about 5 s", d, err, rest)
	}

	req, _ := http.NewRequest("GET", base+"/", nil)
	req.Header.Set("X-Big", strings.Repeat("a", 20<<10))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("a 20 KB header: %d; want 431", resp.StatusCode)
	}

	// And an ordinary request still works on a kept-alive connection.
	c2, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	rd := bufio.NewReader(c2)
	for range 2 {
		io.WriteString(c2, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
		resp, err := http.ReadResponse(rd, nil)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || string(b) != "ok" {
			t.Errorf("keep-alive request: %d %q", resp.StatusCode, b)
		}
	}
}
