package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/andybalholm/brotli"
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
		wantEncoding   string // Content-Encoding: br, gzip or none
		wantVary       bool
		wantFile       string // the file of testWeb the body must equal (decoded)
	}{
		{name: "css plain", target: "/web/x.css", wantStatus: 200, wantType: "text/css; charset=utf-8", wantVary: true, wantFile: "x.css"},
		{name: "css gzip", target: "/web/x.css", acceptEncoding: "gzip", wantStatus: 200, wantType: "text/css; charset=utf-8", wantEncoding: "gzip", wantVary: true, wantFile: "x.css"},
		{name: "css br", target: "/web/x.css", acceptEncoding: "br", wantStatus: 200, wantType: "text/css; charset=utf-8", wantEncoding: "br", wantVary: true, wantFile: "x.css"},
		{name: "css br before gzip", target: "/web/x.css", acceptEncoding: "gzip, deflate, br, zstd", wantStatus: 200, wantType: "text/css; charset=utf-8", wantEncoding: "br", wantVary: true, wantFile: "x.css"},
		{name: "css br refused", target: "/web/x.css", acceptEncoding: "br;q=0, gzip;q=0.8, deflate", wantStatus: 200, wantType: "text/css; charset=utf-8", wantEncoding: "gzip", wantVary: true, wantFile: "x.css"},
		{name: "css all refused", target: "/web/x.css", acceptEncoding: "gzip;q=0, br; q=0.0", wantStatus: 200, wantType: "text/css; charset=utf-8", wantVary: true, wantFile: "x.css"},
		{name: "css other encodings", target: "/web/x.css", acceptEncoding: "deflate, zstd", wantStatus: 200, wantType: "text/css; charset=utf-8", wantVary: true, wantFile: "x.css"},
		{name: "wasm br", target: "/web/app.wasm", acceptEncoding: "br", wantStatus: 200, wantType: "application/wasm", wantEncoding: "br", wantVary: true, wantFile: "app.wasm"},
		{name: "wasm gzip", target: "/web/app.wasm", acceptEncoding: "gzip", wantStatus: 200, wantType: "application/wasm", wantEncoding: "gzip", wantVary: true, wantFile: "app.wasm"},
		{name: "small svg as it is", target: "/web/icons/a.svg", acceptEncoding: "br, gzip", wantStatus: 200, wantType: "image/svg+xml", wantVary: true, wantFile: "icons/a.svg"},
		{name: "png never compressed", target: "/web/logo.png", acceptEncoding: "br, gzip", wantStatus: 200, wantType: "image/png", wantFile: "logo.png"},
		{name: "HEAD", method: "HEAD", target: "/web/x.css", wantStatus: 200, wantType: "text/css; charset=utf-8", wantVary: true},
		{name: "HEAD br", method: "HEAD", target: "/web/x.css", acceptEncoding: "br", wantStatus: 200, wantType: "text/css; charset=utf-8", wantEncoding: "br", wantVary: true},
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
			if got := w.Header().Get("Content-Encoding"); got != tt.wantEncoding {
				t.Errorf("%s: Content-Encoding = %q; want %q", what, got, tt.wantEncoding)
			}
			if got := w.Header().Get("Vary") == "Accept-Encoding"; got != tt.wantVary {
				t.Errorf("%s: Vary = %q; want Accept-Encoding %v", what, w.Header().Get("Vary"), tt.wantVary)
			}
			if got := w.Header().Get("Cache-Control"); got != "no-cache" {
				t.Errorf("%s: Cache-Control = %q; want no-cache", what, got)
			}
			if etag := w.Header().Get("ETag"); !strongETag.MatchString(etag) || etag != etagFor(etag[:33]+`"`, tt.wantEncoding) {
				t.Errorf("%s: ETag = %q; want a strong ETag for the coding %q", what, etag, tt.wantEncoding)
			}
			if method == "HEAD" {
				if w.Body.Len() != 0 {
					t.Errorf("%s: body of %d bytes; want none", what, w.Body.Len())
				}
				if n := w.Header().Get("Content-Length"); n == "" || n == "0" {
					t.Errorf("%s: Content-Length = %q; want the GET's", what, n)
				}
				return
			}
			if got, want := w.Header().Get("Content-Length"), strconv.Itoa(w.Body.Len()); got != want {
				t.Errorf("%s: Content-Length = %s; want %s, the bytes sent", what, got, want)
			}
			body := decode(t, tt.wantEncoding, w.Body.Bytes())
			if want := testWeb[tt.wantFile].Data; !bytes.Equal(body, want) {
				t.Errorf("%s: body %.80q; want %s (%.80q)", what, body, tt.wantFile, want)
			}
			if tt.wantEncoding != "" && w.Body.Len() >= len(body) {
				t.Errorf("%s: %d bytes sent for %d; want fewer", what, w.Body.Len(), len(body))
			}
			if tt.wantEncoding != "" {
				if got := w.Header().Get(UncompressedLengthHeader); got != strconv.Itoa(len(body)) {
					t.Errorf("%s: %s = %q; want %d", what, UncompressedLengthHeader, got, len(body))
				}
			}
		})
	}
	if got := log.String(); got != "" {
		t.Errorf("log = %q; want nothing (no internal errors)", got)
	}
}

// decode undoes a content coding.
func decode(t testing.TB, coding string, data []byte) []byte {
	t.Helper()
	var r io.Reader
	switch coding {
	case "":
		return data
	case "br":
		r = brotli.NewReader(bytes.NewReader(data))
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("gzip: %v", err)
		}
		r = zr
	default:
		t.Fatalf("unknown coding %q", coding)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("%s: %v", coding, err)
	}
	return out
}

// TestStaticETag checks that each encoding has its own ETag and that a
// client revalidating any one gets 304.
func TestStaticETag(t *testing.T) {
	s, _ := newTestServer(t)
	h := s.Handler()
	plain := do(h, "GET", "/web/x.css", nil).Header().Get("ETag")
	gz := do(h, "GET", "/web/x.css", map[string]string{"Accept-Encoding": "gzip"}).Header().Get("ETag")
	br := do(h, "GET", "/web/x.css", map[string]string{"Accept-Encoding": "gzip, br"}).Header().Get("ETag")
	if plain == gz || plain == br || gz == br {
		t.Fatalf("ETags of /web/x.css plain, gzip, br = %q, %q, %q; want them to differ", plain, gz, br)
	}
	tests := []struct {
		name           string
		acceptEncoding string
		ifNoneMatch    string
		wantStatus     int
	}{
		{"plain, same", "", plain, 304},
		{"gzip, same", "gzip", gz, 304},
		{"br, same", "br, gzip", br, 304},
		{"gzip, holds plain", "gzip", plain, 200},
		{"plain, holds gzip", "", gz, 200},
		{"br, holds gzip", "gzip, br", gz, 200},
		{"gzip, holds br", "gzip", br, 200},
		{"gzip, holds both", "gzip", plain + ", " + gz, 304},
		{"br, holds all", "br", plain + ", " + gz + ", " + br, 304},
	}
	for _, tt := range tests {
		w := do(h, "GET", "/web/x.css", map[string]string{"Accept-Encoding": tt.acceptEncoding, "If-None-Match": tt.ifNoneMatch})
		if w.Code != tt.wantStatus {
			t.Errorf("%s: GET /web/x.css If-None-Match: %s = %d; want %d", tt.name, tt.ifNoneMatch, w.Code, tt.wantStatus)
		}
		if w.Code == 304 && (w.Header().Get("Vary") != "Accept-Encoding" || w.Body.Len() != 0) {
			t.Errorf("%s: 304 without Vary: Accept-Encoding, or with a body", tt.name)
		}
	}
}

// TestStaticHashed checks the immutable, content-hashed URLs of WebURL.
func TestStaticHashed(t *testing.T) {
	s, log := newTestServer(t)
	h := s.Handler()
	sum := sha256.Sum256(testWeb["x.css"].Data)
	want := "/web/x." + hex.EncodeToString(sum[:])[:12] + ".css"
	if got := s.WebURL("/web/x.css"); got != want {
		t.Fatalf("WebURL(/web/x.css) = %q; want %q", got, want)
	}
	for _, loc := range []string{"/web", "/web/", "/", "/app.js", "/web/nope.css", "/web/icons", "/web/x.css?v=1", "/web/../x.css"} {
		if got := s.WebURL(loc); got != loc {
			t.Errorf("WebURL(%q) = %q; want it unchanged", loc, got)
		}
	}
	svg := s.WebURL("/web/icons/a.svg")
	if !strings.HasPrefix(svg, "/web/icons/a.") || !strings.HasSuffix(svg, ".svg") || len(svg) != len("/web/icons/a.svg")+13 {
		t.Errorf("WebURL(/web/icons/a.svg) = %q; want /web/icons/a.<hash>.svg", svg)
	}

	for _, tt := range []struct {
		target, acceptEncoding, method string
	}{
		{want, "", "GET"},
		{want, "br", "GET"},
		{want, "gzip", "GET"},
		{want, "br", "HEAD"},
		{svg, "", "GET"},
	} {
		w := do(h, tt.method, tt.target, map[string]string{"Accept-Encoding": tt.acceptEncoding})
		what := tt.method + " " + tt.target + " Accept-Encoding: " + tt.acceptEncoding
		if w.Code != 200 {
			t.Fatalf("%s = %d %s; want 200", what, w.Code, w.Body)
		}
		if cc := w.Header().Get("Cache-Control"); cc != "public, max-age=31536000, immutable" {
			t.Errorf("%s: Cache-Control = %q; want public, max-age=31536000, immutable", what, cc)
		}
		if tt.method == "GET" {
			file := strings.TrimPrefix(regexp.MustCompile(`\.[0-9a-f]{12}\.`).ReplaceAllString(tt.target, "."), "/web/")
			if got := decode(t, w.Header().Get("Content-Encoding"), w.Body.Bytes()); !bytes.Equal(got, testWeb[file].Data) {
				t.Errorf("%s: body %.40q; want %s", what, got, file)
			}
		}
	}
	// The plain URL stays revalidated.
	if cc := do(h, "GET", "/web/x.css", nil).Header().Get("Cache-Control"); cc != "no-cache" {
		t.Errorf("GET /web/x.css: Cache-Control = %q; want no-cache", cc)
	}
	// An old (or made-up) hash is no file: a client must not keep it a year.
	for _, target := range []string{"/web/x.0123456789ab.css", "/web/nope.0123456789ab.css", "/web/x.css.0123456789ab", "/web/icons/a.0123456789ab.svg"} {
		w := do(h, "GET", target, nil)
		if w.Code != 404 || w.Header().Get("Content-Type") != jsonType {
			t.Fatalf("GET %s = %d %q; want a 404 JSON error", target, w.Code, w.Header().Get("Content-Type"))
		}
		if cc := w.Header().Get("Cache-Control"); cc != "no-store" {
			t.Errorf("GET %s: Cache-Control = %q; want no-store", target, cc)
		}
		if msg := errorBody(t, "GET "+target, w.Body.Bytes()); target == "/web/x.0123456789ab.css" && !strings.Contains(msg, want[len("/web"):]) {
			t.Errorf("GET %s: error %q; want it to name the current version %s", target, msg, want)
		}
	}
	if got := log.String(); got != "" {
		t.Errorf("log = %q; want nothing", got)
	}
}

// TestWellKnownFiles checks that /robots.txt and /embed.js are served from
// the web files (/embed.js revalidated on each use: host pages name its one
// URL), and that a missing /sitemap.xml is a plain 404 rather than go-app's
// attempt to fetch it over HTTP (a 500).
func TestWellKnownFiles(t *testing.T) {
	s := New(loadReal(t))
	s.Web = fstest.MapFS{
		"robots.txt": {Data: []byte("User-agent: *\nAllow: /\n")},
		"embed.js":   {Data: []byte("(function () {})();\n")},
	}
	s.Pages = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { http.Error(w, "pages", http.StatusInternalServerError) })
	h := s.Handler()
	for _, tc := range []struct {
		path string
		want int
	}{
		{"/robots.txt", http.StatusOK},
		{"/embed.js", http.StatusOK},
		{"/sitemap.xml", http.StatusNotFound},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tc.path, nil))
		if rec.Code != tc.want {
			t.Errorf("GET %s = %d; want %d", tc.path, rec.Code, tc.want)
		}
		if tc.path == "/embed.js" {
			if got := rec.Header().Get("Cache-Control"); got != "no-cache" {
				t.Errorf("GET /embed.js: Cache-Control %q; want no-cache", got)
			}
			if got := rec.Header().Get("Content-Type"); !strings.HasPrefix(got, "text/javascript") {
				t.Errorf("GET /embed.js: Content-Type %q; want text/javascript", got)
			}
		}
	}
}
