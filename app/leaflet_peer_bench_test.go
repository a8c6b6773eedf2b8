//go:build !wasm

package main

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"qcmap/assets"
	"qcmap/assets/compress"
)

// The Leaflet peer is what a user would pick instead of qcmap: a small
// Leaflet 1.9 page (server/benchreport/leaflet, Leaflet pinned by its
// package-lock.json) of the same partners, agreements and world
// boundaries, without tiles, served from a directory by a plain static
// server with precompressed brotli, as nginx's brotli_static would. Its
// figures are information beside qcmap's, not a budget:
//
//	leaflet-visible-cold          first contentful paint (Leaflet's controls
//	                              paint before the data arrives)
//	leaflet-partner-visible-cold  the partners drawn: the frame after they
//	                              are in the page (mark peer-partner-visible)
//	leaflet-interactive-cold      the same moment, their clicks attached
//	                              (mark qcmap-interactive, as qcmap's)
//	leaflet-click-to-panel        a click on a partner's path to its panel,
//	                              the partners of clickPartners
//	leaflet-first-visit-bytes     the page's and every resource's transferSize

// leafletDir is the peer's folder, from this package's directory.
const leafletDir = "../server/benchreport/leaflet"

// startLeafletPeer writes the peer's files into a temp dir, each text file
// beside its brotli (quality 11), with data.json made from the embedded
// dataset by the server's own GET /api/relations, and serves the dir on a
// loopback port until the test ends. It returns the base URL.
func startLeafletPeer(b testing.TB) string {
	b.Helper()
	dist := filepath.Join(leafletDir, "node_modules", "leaflet", "dist")
	if _, err := os.Stat(filepath.Join(dist, "leaflet.js")); err != nil {
		b.Fatalf("Leaflet is not installed in server/benchreport/leaflet/node_modules; `make bench-deps` installs it: %v", err)
	}
	dir := b.TempDir()
	for name, src := range map[string]string{
		"index.html":  filepath.Join(leafletDir, "index.html"),
		"peer.js":     filepath.Join(leafletDir, "peer.js"),
		"leaflet.js":  filepath.Join(dist, "leaflet.js"),
		"leaflet.css": filepath.Join(dist, "leaflet.css"),
	} {
		data, err := os.ReadFile(src)
		if err != nil {
			b.Fatal(err)
		}
		writePeerFile(b, dir, name, data)
	}
	for _, name := range []string{"countries.geojson", "partners.geojson"} {
		data, err := fs.ReadFile(assets.Geo(), "world/"+name)
		if err != nil {
			b.Fatal(err)
		}
		writePeerFile(b, dir, name, data)
	}
	writePeerFile(b, dir, "data.json", peerRelations(b))
	writePeerFile(b, dir, "robots.txt", []byte("User-agent: *\nAllow: /\n"))

	ts := httptest.NewServer(peerStatic(dir))
	b.Cleanup(ts.Close)
	return ts.URL
}

// peerRelations returns what qcmap's GET /api/relations answers for the
// embedded dataset.
func peerRelations(b testing.TB) []byte {
	b.Helper()
	srv, err := newServer("")
	if err != nil {
		b.Fatal(err)
	}
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/api/relations", nil))
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Encoding") != "" {
		b.Fatalf("GET /api/relations = %d, Content-Encoding %q; want 200, none", rec.Code, rec.Header().Get("Content-Encoding"))
	}
	return rec.Body.Bytes()
}

// writePeerFile writes dir/name and dir/name.br.
func writePeerFile(b testing.TB, dir, name string, data []byte) {
	b.Helper()
	br, err := compress.Best("br", data) // what qcmap's build writes
	if err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(dir, name)
	if err := os.WriteFile(file, data, 0o644); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(file+".br", br, 0o644); err != nil {
		b.Fatal(err)
	}
}

// peerTypes are the Content-Types of the files the peer serves.
var peerTypes = map[string]string{
	".html":    "text/html; charset=utf-8",
	".js":      "text/javascript; charset=utf-8",
	".css":     "text/css; charset=utf-8",
	".json":    "application/json",
	".geojson": "application/geo+json",
	".txt":     "text/plain; charset=utf-8",
}

// peerStatic serves the files of dir, / as index.html, each with
// Cache-Control: max-age=3600, and F.br in place of F, with
// Content-Encoding: br, to a request that accepts br.
func peerStatic(dir string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := path.Clean(r.URL.Path)
		if name == "/" {
			name = "/index.html"
		}
		if name == "/favicon.ico" {
			// What Chromium asks for on its own, after a page with no
			// icon of its own such as robots.txt: nothing, but no error.
			w.WriteHeader(http.StatusNoContent)
			return
		}
		typ, ok := peerTypes[path.Ext(name)]
		if !ok || (r.Method != "GET" && r.Method != "HEAD") {
			http.NotFound(w, r)
			return
		}
		file := filepath.Join(dir, filepath.FromSlash(name))
		h := w.Header()
		h.Set("Vary", "Accept-Encoding")
		data, err := os.ReadFile(file + ".br")
		if err == nil && acceptsBrotli(r.Header.Get("Accept-Encoding")) {
			h.Set("Content-Encoding", "br")
		} else if data, err = os.ReadFile(file); err != nil {
			http.NotFound(w, r)
			return
		}
		h.Set("Content-Type", typ)
		h.Set("Cache-Control", "max-age=3600")
		h.Set("Content-Length", strconv.Itoa(len(data)))
		if r.Method == "GET" {
			w.Write(data)
		}
	})
}

// acceptsBrotli reports whether an Accept-Encoding header lists br with a
// weight above 0.
func acceptsBrotli(header string) bool {
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(part, ";")
		if !strings.EqualFold(strings.TrimSpace(coding), "br") {
			continue
		}
		k, v, ok := strings.Cut(params, "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(k), "q") {
			return true
		}
		q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		return err == nil && q > 0
	}
	return false
}

// peerRun is one cold visit of the Leaflet peer: times in ms since
// navigation, Bytes in bytes.
type peerRun struct {
	Visible, Partner, Interactive float64
	Clicks                        []float64 // one per clickPartners
	Bytes                         float64
}

// leafletRun visits the peer at base in a fresh browser, as
// BenchmarkBrowserPage visits qcmap: a small file of the same origin first,
// then the page, cold, then a click on each of clickPartners.
func leafletRun(b testing.TB, base string) peerRun {
	b.Helper()
	br := newBrowser(b, 1440, 900)
	br.do("starting the page's process", chromedp.Navigate(base+"/robots.txt"))
	br.do("opening the Leaflet peer", chromedp.Navigate(base+"/"))
	br.waitFor("the Leaflet peer to be interactive", `performance.getEntriesByName("qcmap-interactive").length > 0`)
	run := peerRun{
		Visible:     perfMark(br, "first-contentful-paint"),
		Partner:     perfMark(br, "peer-partner-visible"),
		Interactive: perfMark(br, "qcmap-interactive"),
		Bytes: eval[float64](br, `[...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")]
			.reduce((n, e) => n + e.transferSize, 0)`),
	}
	for _, id := range clickPartners {
		run.Clicks = append(run.Clicks, clickUntil(br, `document.querySelector('path[data-id="`+id+`"]')`,
			`document.querySelector('aside[data-panel][data-id="`+id+`"]:not([hidden])')`).Shown)
	}
	br.noErrors()
	return run
}

// leafletVisit is one turn of the peer's visits in BenchmarkBrowserPage.
func leafletVisit(b testing.TB, base string, runs *pageRuns) {
	r := leafletRun(b, base)
	runs.add("leaflet-visible-cold", r.Visible)
	runs.add("leaflet-partner-visible-cold", r.Partner)
	runs.add("leaflet-interactive-cold", r.Interactive)
	runs.add("leaflet-click-to-panel", r.Clicks...)
	runs.add("leaflet-first-visit-bytes", r.Bytes)
}
