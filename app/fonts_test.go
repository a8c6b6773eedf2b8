//go:build !wasm

package main

import (
	"bytes"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"qcmap/assets"
	"qcmap/geo/carto"
)

// TestFontsMatchNPM checks that each committed font under assets/web/fonts/
// is byte for byte the file of the npm package it comes from (pinned in
// package.json, installed by npm ci), and that the folder holds no other:
// so `make run` needs no npm, and an update of the packages shows here.
func TestFontsMatchNPM(t *testing.T) {
	var want []string
	for _, f := range carto.Fonts {
		want = append(want, f.File)
		npm := filepath.Join("..", "node_modules", filepath.FromSlash(f.Package), "files", f.File)
		pkg, err := os.ReadFile(npm)
		if err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is not installed (%v); `make test-deps` runs npm ci", f.Package, err)
			}
			t.Skipf("%s is not installed (%v); `make test-deps` runs npm ci", f.Package, err)
		}
		got, err := os.ReadFile(filepath.Join("..", "assets", "web", "fonts", f.File))
		if err != nil {
			t.Errorf("assets/web/fonts/%s: %v; copy it from %s", f.File, err, npm)
			continue
		}
		if !bytes.Equal(got, pkg) {
			t.Errorf("assets/web/fonts/%s differs from %s (%d bytes, %d); copy it again and run go generate ./geo/carto", f.File, npm, len(got), len(pkg))
		}
	}
	entries, err := fs.ReadDir(assets.Web(), "fonts")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !slices.Contains(want, e.Name()) {
			t.Errorf("assets/web/fonts/%s is in no carto.Fonts entry; remove it or add it", e.Name())
		}
	}
}

// fontURL matches a @font-face's url().
var fontURL = regexp.MustCompile(`url\(([^)]+\.woff2)\)`)

// TestFontFaces checks that the stylesheet's @font-face rules are
// carto.FontCSS with the server's hashed URLs (go generate ./geo/carto
// writes them), that each URL answers its font, immutable, that the pages
// preload exactly the fonts marked Preload by those same URLs (a preload
// by another URL would fetch the font twice), and that the service
// worker keeps every font for offline use.
func TestFontFaces(t *testing.T) {
	srv, err := newServer("")
	if err != nil {
		t.Fatal(err)
	}
	css, err := fs.ReadFile(assets.Web(), "qcmap.css")
	if err != nil {
		t.Fatal(err)
	}
	if out, ok := carto.SpliceFontCSS(string(css), srv.WebURL); !ok || out != string(css) {
		t.Fatalf("assets/web/qcmap.css's fonts block is out of date (ok %v); run go generate ./geo/carto", ok)
	}
	h := srv.Handler()
	get := func(target string) *httptest.ResponseRecorder {
		t.Helper()
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, target, nil))
		if w.Code != http.StatusOK {
			t.Fatalf("GET %s = %d; want 200", target, w.Code)
		}
		return w
	}
	urls := map[string]string{} // file → URL in the stylesheet
	for _, m := range fontURL.FindAllStringSubmatch(string(css), -1) {
		w := get(m[1])
		if ct, cc := w.Header().Get("Content-Type"), w.Header().Get("Cache-Control"); ct != "font/woff2" || !strings.Contains(cc, "immutable") {
			t.Errorf("GET %s: Content-Type %q, Cache-Control %q; want font/woff2, immutable", m[1], ct, cc)
		}
		urls[filepath.Base(m[1])] = m[1]
	}
	if len(urls) != len(carto.Fonts) {
		t.Errorf("the stylesheet names %d fonts; want %d (carto.Fonts)", len(urls), len(carto.Fonts))
	}
	for _, page := range []string{"/", "/partners/us-vt", "/list?lang=en"} {
		head := get(page).Body.String()
		head = head[:strings.Index(head, "</head>")]
		for _, f := range carto.Fonts {
			u := srv.WebURL(f.FontPath())
			link := `<link rel="preload" href="` + u + `" as="font" type="font/woff2" crossorigin>`
			if got := strings.Contains(head, link); got != f.Preload {
				t.Errorf("GET %s: preloads %s: %v; want %v", page, f.File, got, f.Preload)
			}
		}
	}
	worker := get("/app-worker.js").Body.String()
	for _, f := range carto.Fonts {
		if u := srv.WebURL(f.FontPath()); !strings.Contains(worker, `"`+u+`"`) {
			t.Errorf("app-worker.js does not precache %s", u)
		}
	}
}
