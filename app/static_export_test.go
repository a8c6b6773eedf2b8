//go:build !wasm

package main

import (
	"bytes"
	"compress/gzip"
	"image/png"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"

	"qcmap/server"
)

// hashedWeb matches a content-hashed URL of a file under /web/.
var hashedWeb = regexp.MustCompile(`/web/[\w./-]+?\.[0-9a-f]{12}\.\w+`)

// TestResolveHashedWeb checks that the pages, app.js, the manifest and the
// service worker name the files under /web/ by their content-hashed URLs,
// and that the server serves those as immutable.
func TestResolveHashedWeb(t *testing.T) {
	srv, err := newServer("")
	if err != nil {
		t.Fatal(err)
	}
	h := srv.Handler()
	res := webResolver{srv}
	for loc, want := range map[string]string{
		"":               "/",
		"/":              "/",
		"/web":           "/web", // go-app's base for static files
		"/app-worker.js": "/app-worker.js",
		"/web/nope.css":  "/web/nope.css",
		"/web/qcmap.css": srv.WebURL("/web/qcmap.css"),
	} {
		if got := res.Resolve(loc); got != want {
			t.Errorf("Resolve(%q) = %q; want %q", loc, got, want)
		}
	}
	css := res.Resolve("/web/qcmap.css")
	if !hashedWeb.MatchString(css) {
		t.Fatalf("Resolve(/web/qcmap.css) = %q; want /web/qcmap.<hash>.css", css)
	}
	get := func(target string) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, target, nil))
		if w.Code != http.StatusOK {
			t.Fatalf("GET %s = %d %s", target, w.Code, w.Body)
		}
		return w
	}
	wants := map[string][]string{
		"/":                     {css, res.Resolve("/web/icon-192.png")},
		"/manifest.webmanifest": {res.Resolve("/web/icon-512.png"), res.Resolve("/web/icon.svg")},
		"/app-worker.js":        {css, res.Resolve("/web/icon.svg")},
		"/app.js":               {server.UncompressedLengthHeader},
	}
	if _, err := fs.Stat(srv.Web, "app.wasm"); err == nil {
		wasm := res.Resolve("/web/app.wasm")
		wants["/app.js"] = append(wants["/app.js"], wasm)
		wants["/app-worker.js"] = append(wants["/app-worker.js"], wasm)
	} else if os.Getenv("CI") != "" {
		t.Fatal("assets/web/app.wasm is not built: its hashed URL goes unchecked; run `make test`, which builds it first")
	}
	seen := map[string]bool{}
	for target, want := range wants {
		body := get(target).Body.String()
		for _, s := range want {
			if !strings.Contains(body, s) {
				t.Errorf("GET %s: no %s in %.300q…", target, s, body)
			}
		}
		for _, u := range hashedWeb.FindAllString(body, -1) {
			seen[u] = true
		}
	}
	for u := range seen {
		w := get(u)
		if cc := w.Header().Get("Cache-Control"); cc != "public, max-age=31536000, immutable" {
			t.Errorf("GET %s: Cache-Control = %q; want immutable", u, cc)
		}
	}
	if len(seen) < 4 {
		t.Errorf("hashed URLs named: %v; want the stylesheet and the icons at least", seen)
	}
}

// TestExportStatic checks that the export writes each file under /web/ by
// its name and its hashed name, and F.br and F.gz beside every compressible
// file F, decoding to F.
func TestExportStatic(t *testing.T) {
	defer func(q int) { exportBrotli = q }(exportBrotli)
	exportBrotli = 1 // quality 11 takes a minute over every page
	srv, err := newServer("")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := exportStatic(srv, dir, "https://qcmap.example"); err != nil {
		t.Fatal(err)
	}
	read := func(name string) []byte {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	// The link previews name the base URL, and images that are files of
	// the export, as a static host has no /map.png; no oEmbed link, as it
	// has no /oembed.
	for page, want := range map[string][2]string{
		"index.html":          {"https://qcmap.example/", "https://qcmap.example/og/map.png"},
		"list.html":           {"https://qcmap.example/list", "https://qcmap.example/og/map.png"},
		"partners/us-vt.html": {"https://qcmap.example/partners/us-vt", "https://qcmap.example/og/us-vt.png"},
	} {
		els := headOf(t, string(read(page)))
		if got := find(els, "property", "og:url", "content"); len(got) != 1 || got[0] != want[0] {
			t.Errorf("%s: og:url %q; want %q", page, got, want[0])
		}
		if got := find(els, "rel", "canonical", "href"); len(got) != 1 || got[0] != want[0] {
			t.Errorf("%s: canonical %q; want %q", page, got, want[0])
		}
		got := find(els, "property", "og:image", "content")
		if len(got) != 1 || got[0] != want[1] {
			t.Errorf("%s: og:image %q; want %q", page, got, want[1])
			continue
		}
		m, err := png.Decode(bytes.NewReader(read(strings.TrimPrefix(want[1], "https://qcmap.example/"))))
		if err != nil || m.Bounds().Dx() != 1200 || m.Bounds().Dy() != 630 {
			t.Errorf("%s: its og:image %s is not a PNG of 1200×630 (%v)", page, want[1], err)
		}
		if got := find(els, "type", "application/json+oembed", "href"); len(got) != 0 {
			t.Errorf("%s: oEmbed link %q; want none on a static host", page, got)
		}
	}
	// Every compressible file has both forms beside it; images and fonts
	// (woff2 is brotli inside) have none.
	compressed := 0
	err = filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || path.Ext(p) == ".br" || path.Ext(p) == ".gz" {
			return err
		}
		name := filepath.ToSlash(strings.TrimPrefix(p, dir+string(filepath.Separator)))
		plain := read(name)
		_, errBr := os.Stat(p + ".br")
		_, errGz := os.Stat(p + ".gz")
		if path.Ext(p) == ".png" || path.Ext(p) == ".woff2" || len(plain) < 100 {
			if errBr == nil || errGz == nil {
				t.Errorf("%s: compressed forms of an image, a font or a tiny file", name)
			}
			return nil
		}
		if errBr != nil || errGz != nil {
			t.Errorf("%s: no .br or .gz beside it", name)
			return nil
		}
		compressed++
		for ext, zr := range map[string]func(io.Reader) (io.Reader, error){
			".br": func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil },
			".gz": func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) },
		} {
			r, err := zr(bytes.NewReader(read(name + ext)))
			if err == nil {
				var got []byte
				if got, err = io.ReadAll(r); err == nil && !bytes.Equal(got, plain) {
					t.Errorf("%s%s does not decode to %s", name, ext, name)
				}
			}
			if err != nil {
				t.Errorf("%s%s: %v", name, ext, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if compressed < 20 {
		t.Errorf("%d files compressed; want every page, script, stylesheet and JSON file", compressed)
	}
	// The hashed names the pages use are there, with the same bytes.
	index := string(read("index.html"))
	if !strings.Contains(index, srv.WebURL("/web/qcmap.css")) {
		t.Errorf("index.html does not link the hashed stylesheet %s", srv.WebURL("/web/qcmap.css"))
	}
	for _, u := range hashedWeb.FindAllString(index+string(read("app.js"))+string(read("app-worker.js")), -1) {
		plain := regexp.MustCompile(`\.[0-9a-f]{12}\.`).ReplaceAllString(u, ".")
		if !bytes.Equal(read(u), read(plain)) {
			t.Errorf("%s differs from %s", u, plain)
		}
	}
	for _, name := range []string{"partners/us-vt.html.br", "api/relations.json.gz", "geo/map/fr.br", "web/qcmap.css.br"} {
		read(name)
	}
}
