// Command gencss rewrites the block of a stylesheet that follows from
// package carto (the palettes, the label steps, the markers' scales):
//
//	go run ./geo/carto/gencss assets/web/qcmap.css
//
// go generate ./geo/carto runs it.
package main

import (
	"fmt"
	"os"

	"qcmap/geo/carto"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gencss FILE.css")
		os.Exit(2)
	}
	f := os.Args[1]
	b, err := os.ReadFile(f)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencss:", err)
		os.Exit(1)
	}
	out, ok := carto.SpliceCSS(string(b))
	if !ok {
		fmt.Fprintf(os.Stderr, "gencss: %s has no %q … %q block\n", f, carto.CSSBegin, carto.CSSEnd)
		os.Exit(1)
	}
	if err := os.WriteFile(f, []byte(out), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gencss:", err)
		os.Exit(1)
	}
}
