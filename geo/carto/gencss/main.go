// Command gencss rewrites the block of a stylesheet that follows from
// package carto (the palettes, the label steps, the markers' scales):
//
//	go run ./geo/carto/gencss assets/web/qcmap.css
//
// go generate ./geo/carto runs it.
package main

import (
	"log"
	"os"

	"qcmap/geo/carto"
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
	if err := os.WriteFile(f, []byte(out), 0o644); err != nil {
		log.Fatal(err)
	}
}
