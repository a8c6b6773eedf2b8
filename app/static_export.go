//go:build !wasm

package main

import (
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"

	"qcmap/server"
)

// exportStatic writes into dir everything a static host needs to serve
// qcmap: the prerendered pages (one per partner), app.wasm and the other
// files under /web/, go-app's scripts, manifest and service worker, the map
// drawings, and the JSON API as .json files. Pages are written as
// <path>.html (and / as index.html); a host resolves /partners/us-vt to
// partners/us-vt.html, as GitHub Pages and Netlify do and as nginx does with
// `try_files $uri $uri.html =404`.
func exportStatic(srv *server.Server, dir string) error {
	h := srv.Handler()
	d := srv.Data()
	files := map[string]string{ // URL path → file
		"/":                     "index.html",
		"/list":                 "list.html",
		"/app.js":               "app.js",
		"/app.css":              "app.css",
		"/wasm_exec.js":         "wasm_exec.js",
		"/app-worker.js":        "app-worker.js",
		"/manifest.webmanifest": "manifest.webmanifest",
		"/api/relations":        "api/relations.json",
		"/api/partners":         "api/partners.json",
		"/api/offices":          "api/offices.json",
	}
	for _, j := range d.Jurisdictions {
		id := strings.ToLower(j.ID)
		files["/partners/"+id] = "partners/" + id + ".html"
		files["/api/partners/"+id] = "api/partners/" + id + ".json"
	}
	for _, p := range server.GeoPaths() {
		files[p] = strings.TrimPrefix(p, "/")
	}
	err := fs.WalkDir(srv.Web, ".", func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			files["/web/"+p] = path.Join("web", p)
		}
		return err
	})
	if err != nil {
		return err
	}
	for url, file := range files {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, url, nil))
		if rec.Code != http.StatusOK {
			return fmt.Errorf("qcmap: exporting %s: status %d: %s", url, rec.Code, rec.Body.String())
		}
		out := filepath.Join(dir, filepath.FromSlash(file))
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(out, rec.Body.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}
