package compress

import (
	"bytes"
	"compress/gzip"
	"io"
	"mime"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

func TestByExt(t *testing.T) {
	for _, tc := range []struct {
		name string
		want bool
	}{
		{"app.wasm", true},
		{"app.js", true},
		{"web/qcmap.css", true},
		{"APP.JS", true},
		{"manifest.webmanifest", true},
		{"world.geojson", true},
		{"icon.svg", true},
		{"favicon.ico", true},
		{"robots.txt", true},
		{"index.html", true},
		{"icon-192.png", false},
		{"photo.jpg", false},
		{"app.wasm.br", false},
		{"app.wasm.gz", false},
		{"Makefile", false},
	} {
		if got := ByExt(tc.name); got != tc.want {
			t.Errorf("ByExt(%q) = %v; want %v", tc.name, got, tc.want)
		}
	}
}

func TestByType(t *testing.T) {
	for _, tc := range []struct {
		ct   string
		want bool
	}{
		{"text/html; charset=utf-8", true},
		{"text/css", true},
		{"text/javascript; charset=utf-8", true},
		{"application/javascript", true},
		{"application/json", true},
		{"application/geo+json", true},
		{"application/manifest+json", true},
		{"application/xml", true},
		{"image/svg+xml", true},
		{"application/wasm", true},
		{"image/x-icon", true},
		{"image/vnd.microsoft.icon", true},
		{"IMAGE/SVG+XML", true},
		{"image/png", false},
		{"image/jpeg", false},
		{"application/octet-stream", false},
		{"", false},
		{"not a type;;", false},
	} {
		if got := ByType(tc.ct); got != tc.want {
			t.Errorf("ByType(%q) = %v; want %v", tc.ct, got, tc.want)
		}
	}
}

// TestExtAndTypeAgree checks the extension table against the type rule:
// every compressible extension's type, as the table gives it and as the
// standard library's registry does, is a compressible type.
func TestExtAndTypeAgree(t *testing.T) {
	for ext, ct := range types {
		if ext != strings.ToLower(ext) {
			t.Errorf("types[%q]: extensions are lower case", ext)
		}
		if !ByType(ct) {
			t.Errorf("ByType(%q) = false; want true, the type of %s", ct, ext)
		}
		if !ByExt("f"+ext) || TypeByExt("f"+ext) != ct {
			t.Errorf("TypeByExt(%q) = %q; want %q", "f"+ext, TypeByExt("f"+ext), ct)
		}
		if std := mime.TypeByExtension(ext); std != "" && !ByType(std) {
			t.Errorf("ByType(%q) = false; want true, the registry's type of %s", std, ext)
		}
	}
	for _, ext := range []string{".png", ".jpg", ".gif", ".webp", ".avif", ".woff2"} {
		if std := mime.TypeByExtension(ext); std != "" && ByType(std) {
			t.Errorf("ByType(%q) = true; want false, %s is compressed already", std, ext)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	data := []byte(strings.Repeat("<path d=\"M1 2L3 4\"/>\n", 500))
	readers := map[string]func(io.Reader) (io.Reader, error){
		Br:   func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil },
		Gzip: func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) },
	}
	for _, coding := range Codings {
		for name, enc := range map[string]func(string, []byte) ([]byte, error){"Best": Best, "Fast": Fast} {
			z, err := enc(coding, data)
			if err != nil {
				t.Fatalf("%s(%q): %v", name, coding, err)
			}
			if len(z) >= len(data) {
				t.Errorf("%s(%q): %d bytes from %d; want fewer", name, coding, len(z), len(data))
			}
			r, err := readers[coding](bytes.NewReader(z))
			if err != nil {
				t.Fatalf("%s(%q): reading: %v", name, coding, err)
			}
			got, err := io.ReadAll(r)
			if err != nil || !bytes.Equal(got, data) {
				t.Errorf("%s(%q) does not decode to its input (err %v)", name, coding, err)
			}
		}
	}
	if _, err := Best("zstd", data); err == nil {
		t.Errorf("Best(%q) = nil error; want one", "zstd")
	}
}

func TestExt(t *testing.T) {
	for _, tc := range []struct{ coding, want string }{{Br, ".br"}, {Gzip, ".gz"}, {"zstd", ""}} {
		if got := Ext(tc.coding); got != tc.want {
			t.Errorf("Ext(%q) = %q; want %q", tc.coding, got, tc.want)
		}
	}
}
