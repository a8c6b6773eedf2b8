package server

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

func TestStatic(t *testing.T) {
	s, log := newTestServer(t)
	h := s.Handler()
	tests := []struct {
		name           string
		method         string // GET when empty
		target         string
		acceptEncoding string
		wantStatus     int
		wantType       string
		wantGzip       bool
		wantVary       bool
		wantFile       string // the file of testWeb the body must equal (after gunzip)
	}{
		{name: "css plain", target: "/web/x.css", wantStatus: 200, wantType: "text/css; charset=utf-8", wantVary: true, wantFile: "x.css"},
		{name: "css gzip", target: "/web/x.css", acceptEncoding: "gzip", wantStatus: 200, wantType: "text/css; charset=utf-8", wantGzip: true, wantVary: true, wantFile: "x.css"},
		{name: "css gzip in a list", target: "/web/x.css", acceptEncoding: "br, gzip;q=0.8, deflate", wantStatus: 200, wantType: "text/css; charset=utf-8", wantGzip: true, wantVary: true, wantFile: "x.css"},
		{name: "css gzip refused", target: "/web/x.css", acceptEncoding: "gzip;q=0", wantStatus: 200, wantType: "text/css; charset=utf-8", wantVary: true, wantFile: "x.css"},
		{name: "css gzip refused q=0.0", target: "/web/x.css", acceptEncoding: "gzip; q=0.0", wantStatus: 200, wantType: "text/css; charset=utf-8", wantVary: true, wantFile: "x.css"},
		{name: "css other encodings", target: "/web/x.css", acceptEncoding: "br, deflate", wantStatus: 200, wantType: "text/css; charset=utf-8", wantVary: true, wantFile: "x.css"},
		{name: "wasm gzip", target: "/web/app.wasm", acceptEncoding: "gzip", wantStatus: 200, wantType: "application/wasm", wantGzip: true, wantVary: true, wantFile: "app.wasm"},
		{name: "svg in a folder", target: "/web/icons/a.svg", acceptEncoding: "gzip", wantStatus: 200, wantType: "image/svg+xml", wantGzip: true, wantVary: true, wantFile: "icons/a.svg"},
		{name: "png never gzip", target: "/web/logo.png", acceptEncoding: "gzip", wantStatus: 200, wantType: "image/png", wantFile: "logo.png"},
		{name: "HEAD", method: "HEAD", target: "/web/x.css", wantStatus: 200, wantType: "text/css; charset=utf-8", wantVary: true},
		{name: "missing file", target: "/web/nope.css", wantStatus: 404, wantType: jsonType},
		{name: "missing file in a folder", target: "/web/icons/b.svg", wantStatus: 404, wantType: jsonType},
		{name: "folder", target: "/web/icons", wantStatus: 404, wantType: jsonType},
		{name: "folder with slash", target: "/web/icons/", wantStatus: 404, wantType: jsonType},
		{name: "root", target: "/web/", wantStatus: 404, wantType: jsonType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method := tt.method
			if method == "" {
				method = "GET"
			}
			var header map[string]string
			if tt.acceptEncoding != "" {
				header = map[string]string{"Accept-Encoding": tt.acceptEncoding}
			}
			w := do(h, method, tt.target, header)
			what := method + " " + tt.target + " Accept-Encoding: " + tt.acceptEncoding
			if w.Code != tt.wantStatus {
				t.Fatalf("%s = %d %q; want %d", what, w.Code, w.Body, tt.wantStatus)
			}
			checkSecurityHeaders(t, what, w.Header())
			if got := w.Header().Get("Content-Type"); got != tt.wantType {
				t.Errorf("%s: Content-Type = %q; want %q", what, got, tt.wantType)
			}
			if w.Code != 200 {
				errorBody(t, what, w.Body.Bytes())
				return
			}
			if got := w.Header().Get("Content-Encoding") == "gzip"; got != tt.wantGzip {
				t.Errorf("%s: Content-Encoding = %q; want gzip %v", what, w.Header().Get("Content-Encoding"), tt.wantGzip)
			}
			if got := w.Header().Get("Vary") == "Accept-Encoding"; got != tt.wantVary {
				t.Errorf("%s: Vary = %q; want Accept-Encoding %v", what, w.Header().Get("Vary"), tt.wantVary)
			}
			if w.Header().Get("Cache-Control") == "" {
				t.Errorf("%s: no Cache-Control", what)
			}
			if etag := w.Header().Get("ETag"); !strongETag.MatchString(etag) || strings.HasSuffix(etag, `-gz"`) != tt.wantGzip {
				t.Errorf("%s: ETag = %q; want a strong ETag (ending -gz when gzipped: %v)", what, etag, tt.wantGzip)
			}
			if method == "HEAD" {
				if w.Body.Len() != 0 {
					t.Errorf("%s: body of %d bytes; want none", what, w.Body.Len())
				}
				return
			}
			body := w.Body.Bytes()
			if tt.wantGzip {
				zr, err := gzip.NewReader(bytes.NewReader(body))
				if err != nil {
					t.Fatalf("%s: gzip: %v", what, err)
				}
				if body, err = io.ReadAll(zr); err != nil {
					t.Fatalf("%s: gzip: %v", what, err)
				}
			}
			if want := testWeb[tt.wantFile].Data; !bytes.Equal(body, want) {
				t.Errorf("%s: body %.80q; want %s (%.80q)", what, body, tt.wantFile, want)
			}
		})
	}
	if got := log.String(); got != "" {
		t.Errorf("log = %q; want nothing (no internal errors)", got)
	}
}

// TestStaticETag checks that each encoding has its own ETag and that a
// client revalidating either one gets 304.
func TestStaticETag(t *testing.T) {
	s, _ := newTestServer(t)
	h := s.Handler()
	plain := do(h, "GET", "/web/x.css", nil).Header().Get("ETag")
	gz := do(h, "GET", "/web/x.css", map[string]string{"Accept-Encoding": "gzip"}).Header().Get("ETag")
	if plain == gz {
		t.Fatalf("ETag of /web/x.css plain and gzip = %q; want them to differ", plain)
	}
	tests := []struct {
		name           string
		acceptEncoding string
		ifNoneMatch    string
		wantStatus     int
	}{
		{"plain, same", "", plain, 304},
		{"gzip, same", "gzip", gz, 304},
		{"gzip, holds plain", "gzip", plain, 200},
		{"plain, holds gzip", "", gz, 200},
		{"gzip, holds both", "gzip", plain + ", " + gz, 304},
	}
	for _, tt := range tests {
		w := do(h, "GET", "/web/x.css", map[string]string{"Accept-Encoding": tt.acceptEncoding, "If-None-Match": tt.ifNoneMatch})
		if w.Code != tt.wantStatus {
			t.Errorf("%s: GET /web/x.css If-None-Match: %s = %d; want %d", tt.name, tt.ifNoneMatch, w.Code, tt.wantStatus)
		}
		if w.Code == 304 && w.Header().Get("Vary") != "Accept-Encoding" {
			t.Errorf("%s: 304 without Vary: Accept-Encoding", tt.name)
		}
	}
}

func TestAcceptsGzip(t *testing.T) {
	tests := []struct {
		header string
		want   bool
	}{
		{"", false},
		{"gzip", true},
		{"GZIP", true},
		{"gzip, deflate, br", true},
		{"br;q=1.0, gzip;q=0.8, *;q=0.1", true},
		{"gzip;q=0.001", true},
		{"gzip;q=1", true},
		{"gzip;q=0", false},
		{"gzip; q=0", false},
		{"gzip;q=0.0", false},
		{"gzip;q=0.000", false},
		{"gzip;q=abc", false},
		{"deflate", false},
		{"x-gzip", false},
		{"gzipper", false},
	}
	for _, tt := range tests {
		if got := acceptsGzip(tt.header); got != tt.want {
			t.Errorf("acceptsGzip(%q) = %v; want %v", tt.header, got, tt.want)
		}
	}
}

func FuzzAcceptsGzip(f *testing.F) {
	for _, s := range []string{"gzip", "gzip;q=0", "gzip;q=0.5", "br, gzip;q=0.0", "gzip;Q=0;level=1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, header string) {
		got := acceptsGzip(header)
		if got && !strings.Contains(strings.ToLower(header), "gzip") {
			t.Errorf("acceptsGzip(%q) = true without gzip", header)
		}
	})
}

// TestWellKnownFiles checks that /robots.txt is served from the web files,
// and that a missing /sitemap.xml is a plain 404 rather than go-app's
// attempt to fetch it over HTTP (a 500).
func TestWellKnownFiles(t *testing.T) {
	s := New(loadReal(t))
	s.Web = fstest.MapFS{"robots.txt": {Data: []byte("User-agent: *\nAllow: /\n")}}
	s.Pages = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { http.Error(w, "pages", http.StatusInternalServerError) })
	h := s.Handler()
	for _, tc := range []struct {
		path string
		want int
	}{
		{"/robots.txt", http.StatusOK},
		{"/sitemap.xml", http.StatusNotFound},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tc.path, nil))
		if rec.Code != tc.want {
			t.Errorf("GET %s = %d; want %d", tc.path, rec.Code, tc.want)
		}
	}
}
