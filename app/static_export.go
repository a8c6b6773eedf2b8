//go:build !wasm

package main

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"qcmap/assets/compress"
	"qcmap/server"
)

// exportStatic writes into dir everything a static host needs to serve
// qcmap: the prerendered pages (one per partner), app.wasm and the other
// files under /web/, go-app's scripts, manifest and service worker, the map
// drawings, and the JSON API as .json files. Pages are written as
// <path>.html (and / as index.html); a host resolves /partners/us-vt to
// partners/us-vt.html, as GitHub Pages and Netlify do and as nginx does with
// `try_files $uri $uri.html =404`.
//
// Each file under /web/ is written twice, by its name and by its
// content-hashed name (web/app.<hash>.wasm), which the pages, app.js and the
// service worker use. Beside every compressible file F goes F.br (brotli,
// quality 11) and F.gz (gzip, best compression) when smaller, for a host
// that sends them as they are (nginx: brotli_static on; gzip_static on).
//
// The pages' link previews name base (an absolute URL without a final
// slash, the -base-url flag) and, since a static host has no /map.png and
// no /oembed, their images by file: og/map.png for the map, og/us-vt.png
// for a partner, drawn at 1200×630. Without base, which a link preview
// needs, the pages have no canonical, hreflang, og:url or og:image, and no
// image is written. exportStatic sets srv's BaseURL, Static, PageHead and
// ImageRate for that.
func exportStatic(srv *server.Server, dir, base string) error {
	var (
		imu    sync.Mutex
		images = map[string]string{} // the previews' /map.png URLs → file
	)
	lp := linkPreview{srv: srv, imageFile: func(q url.Values) string {
		name := "og/" + cmp.Or(q.Get("focus"), "map") + ".png"
		imu.Lock()
		images["/map.png?"+q.Encode()] = name
		imu.Unlock()
		return "/" + name
	}}
	srv.BaseURL, srv.Static, srv.ImageRate = base, true, -1
	srv.PageHead = func(r *http.Request, origin string) string {
		if base == "" {
			origin = "" // the request's host is the exporter's, not the site's
		}
		return lp.head(r, origin)
	}
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
		files[partnerPath(id)] = "partners/" + id + ".html"
		files["/api/partners/"+id] = "api/partners/" + id + ".json"
	}
	for _, p := range server.GeoPaths() {
		files[p] = strings.TrimPrefix(p, "/")
	}
	web := map[string]string{}    // URL path → name in srv.Web
	copies := map[string]string{} // file → its content-hashed name
	err := fs.WalkDir(srv.Web, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		if server.PrecompressedForm(srv.Web, p) {
			return nil // written beside its file below
		}
		files["/web/"+p] = path.Join("web", p)
		web["/web/"+p] = p
		if hashed := srv.WebURL("/web/" + p); hashed != "/web/"+p {
			copies[path.Join("web", p)] = strings.TrimPrefix(hashed, "/")
		}
		return nil
	})
	if err != nil {
		return err
	}
	// Brotli at quality 11 takes a while: a few files at once.
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
		sem  = make(chan struct{}, runtime.GOMAXPROCS(0))
	)
	for url, file := range files {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			if err := exportFile(srv, h, url, web[url], filepath.Join(dir, filepath.FromSlash(file))); err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	// The pages named their preview images as they were written.
	for url, file := range images {
		if err := exportFile(srv, h, url, "", filepath.Join(dir, filepath.FromSlash(file))); err != nil {
			return err
		}
	}
	for file, hashed := range copies {
		for _, ext := range []string{"", ".br", ".gz"} {
			data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(file+ext)))
			if errors.Is(err, fs.ErrNotExist) && ext != "" {
				continue
			}
			if err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(hashed+ext)), data, 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

// exportFile writes what h serves at url into out, and the compressed forms
// beside it: out.br and out.gz. webName is the file's name in srv.Web, if
// it is one.
func exportFile(srv *server.Server, h http.Handler, url, webName, out string) error {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, url, nil))
	if rec.Code != http.StatusOK {
		return fmt.Errorf("qcmap: exporting %s: status %d: %s", url, rec.Code, rec.Body.String())
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	data := rec.Body.Bytes()
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return err
	}
	if !compress.ByType(rec.Header().Get("Content-Type")) {
		return nil
	}
	for _, coding := range compress.Codings {
		z := srv.Precompressed(webName, coding) // the build's, if any
		var err error
		if z == nil {
			z, err = compress.Level(coding, data, exportBrotli)
		}
		if err != nil {
			return fmt.Errorf("qcmap: compressing %s: %w", url, err)
		}
		if len(z) >= len(data) {
			continue
		}
		if err := os.WriteFile(out+compress.Ext(coding), z, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// exportBrotli is the brotli quality of the export's files without a
// build-time form: the build's (compress.Best's); tests lower it.
var exportBrotli = compress.BestBrotli
