// Command gencss rewrites the blocks of a stylesheet that follow from
// package carto: the palettes, the design system's tokens, the label steps,
// the markers' scales, and the fonts' @font-face rules, whose files it names
// by the content-hashed URLs the server gives them (server.WebURL over the
// stylesheet's folder):
//
//	go run ./geo/carto/gencss assets/web/qcmap.css
//
// go generate ./geo/carto runs it.
package main

import (
	"log"
	"os"
	"path/filepath"

	"qcmap/geo/carto"
	"qcmap/server"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("gencss: ")
	if len(os.Args) != 2 {
		log.Fatal("usage: gencss FILE.css")
	}
	f := os.Args[1]
	b, err := os.ReadFile(f)
	if err != nil {
		log.Fatal(err)
	}
	out, ok := carto.SpliceCSS(string(b))
	if !ok {
		log.Fatalf("%s has no %q … %q block", f, carto.CSSBegin, carto.CSSEnd)
	}
	web := &server.Server{Web: os.DirFS(filepath.Dir(f))}
	out, ok = carto.SpliceFontCSS(out, web.WebURL)
	if !ok {
		log.Fatalf("%s has no %q … %q block", f, carto.FontCSSBegin, carto.FontCSSEnd)
	}
	for _, font := range carto.Fonts {
		if web.WebURL(font.FontPath()) == font.FontPath() {
			log.Fatalf("%s is missing: copy it from node_modules/%s/files/", font.FontPath(), font.Package)
		}
	}
	if err := os.WriteFile(f, []byte(out), 0o644); err != nil {
		log.Fatal(err)
	}
}
