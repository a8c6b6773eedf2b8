package server

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/andybalholm/brotli"

	"qcmap/assets/compress"
)

func TestNegotiateEncoding(t *testing.T) {
	tests := []struct {
		header string
		want   string // the codings, best first
	}{
		{"", ""},
		{"  ", ""},
		{"gzip", "gzip"},
		{"GZIP", "gzip"},
		{"x-gzip", "gzip"},
		{"br", "br"},
		{"BR", "br"},
		{"gzip, deflate, br", "br gzip"},
		{"gzip, deflate, br, zstd", "br gzip"},
		{"br;q=1.0, gzip;q=0.8, *;q=0.1", "br gzip"},
		{"br;q=0, gzip;q=0.5", "gzip"},
		{"br; q=0, gzip", "gzip"},
		{"br;q=0.0, gzip", "gzip"},
		{"br;q=0.000, gzip;q=0.001", "gzip"},
		{"gzip;q=0.5, br", "br gzip"},
		{"gzip, br;q=0.5", "gzip br"},
		{"gzip;level=1;q=0.4, br;q=0.3", "gzip br"},
		{"gzip;q=0", ""},
		{"gzip; Q=0", ""},
		{"*", "br gzip"},
		{"*;q=0.5, br;q=0.2", "gzip br"},
		{"*;q=0", ""},
		{"*;q=0, gzip", "gzip"},
		{"br;q=0, *", "gzip"},
		{"identity", ""},
		{"identity, gzip", "gzip"},
		{"identity;q=1, br;q=0.5", ""},
		{"identity;q=0.5, br;q=0.5, gzip;q=0.4", "br"},
		{"identity;q=0", ""},
		{"deflate", ""},
		{"gzipper, brotli", ""},
		{"gzip;q=abc", ""},
		{"gzip;q=", ""},
		{"gzip;q=1.5", ""},
		{"gzip;q=-1", ""},
		{"gzip;q=NaN, br;q=Inf", ""},
		{"gzip;q=0.5;q=1", "gzip"},
		{"br, br;q=0", "br"},
		{",, ;q=1, gzip", "gzip"},
	}
	for _, tt := range tests {
		if got := strings.Join(negotiate(tt.header), " "); got != tt.want {
			t.Errorf("negotiate(%q) = %q; want %q", tt.header, got, tt.want)
		}
	}
}

func FuzzNegotiateEncoding(f *testing.F) {
	for _, s := range []string{"gzip", "br;q=0", "gzip;q=0.5, br", "br, gzip;q=0.0", "gzip;Q=0;level=1", "*;q=0.1", "identity;q=0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, header string) {
		got := negotiate(header)
		if len(got) > 2 {
			t.Fatalf("negotiate(%q) = %q; want at most br and gzip", header, got)
		}
		for _, c := range got {
			if c != codingBr && c != codingGzip || !strings.Contains(strings.ToLower(header), c) && !strings.Contains(header, "*") {
				t.Errorf("negotiate(%q) = %q: %s not asked for", header, got, c)
			}
		}
	})
}

// TestStaticPrecompressed checks that the build's F.br and F.gz are sent as
// they are, that a stale one is ignored, and that they are no files of
// their own.
func TestStaticPrecompressed(t *testing.T) {
	js := []byte(strings.Repeat("console.log('qcmap');\n", 100))
	old := []byte(strings.Repeat("console.log('old');\n", 100))
	// Built at quality 11, unlike the server's own (5): told apart by bytes.
	jsBr, jsGz := brotliAt(t, js, 11), gzipped(t, js)
	s, log := newTestServer(t)
	s.Web = fstest.MapFS{
		"a.js":       {Data: js},
		"a.js.br":    {Data: jsBr},
		"a.js.gz":    {Data: jsGz},
		"b.js":       {Data: js},
		"b.js.br":    {Data: brotliAt(t, old, 11)}, // stale
		"e.js":       {Data: js},
		"e.js.br":    {Data: brotliAt(t, old, 11)}, // stale, and so is
		"e.js.gz":    {Data: gzipped(t, old)},      // its gzip trailer
		"c.txt.gz":   {Data: jsGz},                 // a file of its own: no c.txt
		"d.png":      {Data: []byte("png")},
		"d.png.gz":   {Data: jsGz}, // a png is never compressed: a file of its own
		"readme.txt": {Data: []byte("small")},
	}
	h := s.Handler()
	for _, tt := range []struct {
		target, acceptEncoding string
		want                   []byte // the exact bytes sent; nil: any that decode to wantPlain
		wantPlain              []byte
		wantStatus             int
	}{
		{"/web/a.js", "br", jsBr, js, 200},
		{"/web/a.js", "gzip", jsGz, js, 200},
		{"/web/a.js", "", js, js, 200},
		{s.WebURL("/web/a.js"), "br", jsBr, js, 200},
		{"/web/b.js", "br", nil, js, 200}, // compressed now, not the stale file
		{"/web/e.js", "br", nil, js, 200},
		{"/web/e.js", "gzip", nil, js, 200},
		{"/web/a.js.br", "", nil, nil, 404},
		{"/web/a.js.gz", "br", nil, nil, 404},
		{"/web/c.txt.gz", "", jsGz, jsGz, 200},
		{"/web/d.png.gz", "", jsGz, jsGz, 200},
	} {
		w := do(h, "GET", tt.target, map[string]string{"Accept-Encoding": tt.acceptEncoding})
		what := "GET " + tt.target + " Accept-Encoding: " + tt.acceptEncoding
		if w.Code != tt.wantStatus {
			t.Fatalf("%s = %d %s; want %d", what, w.Code, w.Body, tt.wantStatus)
		}
		if w.Code != 200 {
			errorBody(t, what, w.Body.Bytes())
			continue
		}
		if tt.want != nil && !bytes.Equal(w.Body.Bytes(), tt.want) {
			t.Errorf("%s: sent %d bytes, not the %d of the file", what, w.Body.Len(), len(tt.want))
		}
		if got := decode(t, w.Header().Get("Content-Encoding"), w.Body.Bytes()); !bytes.Equal(got, tt.wantPlain) {
			t.Errorf("%s: body decodes to %.40q; want %.40q", what, got, tt.wantPlain)
		}
		if got, want := w.Header().Get("Content-Length"), strconv.Itoa(w.Body.Len()); got != want {
			t.Errorf("%s: Content-Length = %s; want %s", what, got, want)
		}
	}
	if got := log.String(); !strings.Contains(got, "b.js.br") || !strings.Contains(got, "e.js.br") || !strings.Contains(got, "e.js.gz") || strings.Contains(got, "a.js") {
		t.Errorf("log = %q; want warnings about b.js.br, e.js.br and e.js.gz only", got)
	}
	if got := s.Precompressed("a.js", "br"); !bytes.Equal(got, jsBr) {
		t.Errorf("Precompressed(a.js, br) = %d bytes; want a.js.br", len(got))
	}
	if got := s.Precompressed("b.js", "br"); got != nil {
		t.Errorf("Precompressed(b.js, br) = %d bytes; want nil (stale)", len(got))
	}
}

func brotliAt(t testing.TB, data []byte, quality int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := brotli.NewWriterLevel(&buf, quality)
	zw.Write(data)
	zw.Close()
	return buf.Bytes()
}

// gzipped returns data in gzip at its best, as the build writes it.
func gzipped(t testing.TB, data []byte) []byte {
	t.Helper()
	z, err := compress.Best(compress.Gzip, data)
	if err != nil {
		t.Fatal(err)
	}
	return z
}

// TestCompressPages checks go-app's pages sent in brotli and gzip, each
// rendered and compressed once, with an ETag per coding, made from the
// bytes kept, that revalidates to 304.
func TestCompressPages(t *testing.T) {
	page := "<!doctype html><html><head><title>qcmap</title></head><body>" + strings.Repeat("<p>Québec</p>", 200) + "</body></html>"
	const version = `"v1"`
	var served atomic.Int32
	s := New(loadReal(t))
	s.Pages = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// As go-app: one ETag per version, compared as a string.
		w.Header().Set("ETag", version)
		w.Header().Set("Cache-Control", "no-cache")
		if r.Header.Get("If-None-Match") == version {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		// As go-app too: the same page in other bytes each time (its
		// attributes in another order), which must not defeat the cache.
		page := strings.Replace(page, "<title>", fmt.Sprintf(`<meta name="n" content="%d"><title>`, served.Add(1)), 1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Length", strconv.Itoa(len(page)))
		io.WriteString(w, page)
	})
	h := s.Handler()
	plain := do(h, "GET", "/partners/us-vt", nil)
	etag := plain.Header().Get("ETag")
	if plain.Code != 200 || etag == version || etag != newBody(plain.Body.Bytes()).etag {
		t.Fatalf("GET /partners/us-vt = %d, ETag %s; want 200 and the ETag of its bytes", plain.Code, etag)
	}
	var first []byte
	for _, tt := range []struct {
		acceptEncoding, wantEncoding string
	}{
		{"gzip, deflate, br", "br"},
		{"br", "br"},
		{"gzip", "gzip"},
		{"", ""},
		{"br;q=0, *", "gzip"},
	} {
		wantETag := etagFor(etag, tt.wantEncoding)
		w := do(h, "GET", "/partners/us-vt", map[string]string{"Accept-Encoding": tt.acceptEncoding})
		what := "GET /partners/us-vt Accept-Encoding: " + tt.acceptEncoding
		if w.Code != 200 || w.Header().Get("Content-Encoding") != tt.wantEncoding || w.Header().Get("ETag") != wantETag {
			t.Fatalf("%s = %d, Content-Encoding %q, ETag %s; want 200, %q, %s", what, w.Code, w.Header().Get("Content-Encoding"), w.Header().Get("ETag"), tt.wantEncoding, wantETag)
		}
		if w.Header().Get("Vary") != "Accept-Encoding" {
			t.Errorf("%s: Vary = %q; want Accept-Encoding", what, w.Header().Get("Vary"))
		}
		if got, want := w.Header().Get("Content-Length"), strconv.Itoa(w.Body.Len()); got != want {
			t.Errorf("%s: Content-Length = %s; want %s", what, got, want)
		}
		got := decode(t, tt.wantEncoding, w.Body.Bytes())
		if !bytes.Equal(got, plain.Body.Bytes()) {
			t.Errorf("%s: page %.100q…; want the bytes first sent, with the oEmbed link", what, got)
		}
		if tt.wantEncoding == "br" {
			if first == nil {
				first = w.Body.Bytes()
			} else if !bytes.Equal(first, w.Body.Bytes()) {
				t.Errorf("%s: other bytes than the first time: compressed again", what)
			}
		}
		// Revalidation: the coding's own ETag gives 304; another's, or
		// go-app's version, does not.
		for _, held := range []string{version, etag, etagFor(etag, "br"), etagFor(etag, "gzip")} {
			w := do(h, "GET", "/partners/us-vt", map[string]string{"Accept-Encoding": tt.acceptEncoding, "If-None-Match": held})
			if want := map[bool]int{true: 304, false: 200}[held == wantETag]; w.Code != want {
				t.Errorf("%s, If-None-Match %s = %d; want %d", what, held, w.Code, want)
			}
			if w.Code == 304 && (w.Header().Get("ETag") != wantETag || w.Header().Get("Vary") != "Accept-Encoding") {
				t.Errorf("%s, If-None-Match %s: 304 with ETag %q, Vary %q; want %s, Accept-Encoding", what, held, w.Header().Get("ETag"), w.Header().Get("Vary"), wantETag)
			}
		}
	}
	if !bytes.Contains(plain.Body.Bytes(), []byte(`type="application/json+oembed"`)) || !bytes.HasSuffix(plain.Body.Bytes(), []byte("</body></html>")) {
		t.Errorf("GET /partners/us-vt: page %.100q…; want it whole, with the oEmbed link", plain.Body)
	}
	if n := served.Load(); n != 1 {
		t.Errorf("the page handler rendered the page %d times; want once", n)
	}
}

// TestEncodingCachedBodies checks brotli on the API's JSON and the map's
// drawings, as on the static files.
func TestEncodingCachedBodies(t *testing.T) {
	s, _ := newTestServer(t)
	h := s.Handler()
	for _, target := range []string{"/api/relations", "/api/partners"} {
		plain := do(h, "GET", target, nil)
		for _, coding := range []string{"br", "gzip"} {
			w := do(h, "GET", target, map[string]string{"Accept-Encoding": coding})
			if w.Code != 200 || w.Header().Get("Content-Encoding") != coding || w.Header().Get("Vary") != "Accept-Encoding" {
				t.Fatalf("GET %s Accept-Encoding: %s = %d, Content-Encoding %q, Vary %q; want 200 in %s", target, coding, w.Code, w.Header().Get("Content-Encoding"), w.Header().Get("Vary"), coding)
			}
			if got := decode(t, coding, w.Body.Bytes()); !bytes.Equal(got, plain.Body.Bytes()) {
				t.Errorf("GET %s in %s: does not decode to the plain body", target, coding)
			}
			etag := w.Header().Get("ETag")
			if etag != etagFor(plain.Header().Get("ETag"), coding) {
				t.Errorf("GET %s in %s: ETag %s; want the plain one's with the coding", target, coding, etag)
			}
			if w := do(h, "GET", target, map[string]string{"Accept-Encoding": coding, "If-None-Match": etag}); w.Code != 304 {
				t.Errorf("GET %s in %s, If-None-Match %s = %d; want 304", target, coding, etag, w.Code)
			}
		}
	}
	if testing.Short() {
		return
	}
	s = imageServer(t)
	h = s.Handler()
	for _, target := range []string{"/geo/map/fr", "/map.svg?width=400&height=300"} {
		plain := do(h, "GET", target, nil)
		w := do(h, "GET", target, map[string]string{"Accept-Encoding": "gzip, br"})
		if w.Code != 200 || w.Header().Get("Content-Encoding") != "br" {
			t.Fatalf("GET %s Accept-Encoding: gzip, br = %d, Content-Encoding %q; want 200 in br", target, w.Code, w.Header().Get("Content-Encoding"))
		}
		if got := decode(t, "br", w.Body.Bytes()); !bytes.Equal(got, plain.Body.Bytes()) {
			t.Errorf("GET %s in br: does not decode to the plain body", target)
		}
		etag := w.Header().Get("ETag")
		if !strings.HasSuffix(etag, `-br"`) {
			t.Errorf("GET %s in br: ETag %s; want one ending -br", target, etag)
		}
		if w := do(h, "GET", target, map[string]string{"Accept-Encoding": "br", "If-None-Match": etag}); w.Code != 304 {
			t.Errorf("GET %s in br, If-None-Match %s = %d; want 304", target, etag, w.Code)
		}
	}
}
