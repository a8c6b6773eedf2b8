//go:build !wasm

package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"qcmap/geo/golden"
	"qcmap/geo/render"
	"qcmap/geo/render/rendertest"
)

// TestPrerenderViewGolden pins a partner's page as every visitor first
// downloads it: the server's map, framed on Vermont before the wasm runs.
// go test ./app -run TestPrerenderViewGolden -update rewrites it.
func TestPrerenderViewGolden(t *testing.T) {
	a, d := rendertest.Load(t)
	svg, err := render.MapSVG(a, d, render.MapOptions{Lang: "en", Origin: orb.Point{d.Capital.Lon, d.Capital.Lat}})
	if err != nil {
		t.Fatal(err)
	}
	framed := prerenderView(svg, "US-VT")
	if framed == svg {
		t.Fatal("prerenderView(map, US-VT) left the world view unchanged")
	}
	// Only the root element (the frame and the classes) and the hatch
	// pattern (its scale for the frame) change; the golden keeps them,
	// which is what the view depends on.
	root := framed[:strings.IndexByte(framed, '>')+1]
	pattern := framed[strings.Index(framed, `<pattern id="hatch"`):]
	pattern = pattern[:strings.IndexByte(pattern, '>')+1]
	rendertest.XMLIDs(t, framed, "marker") // still well-formed
	golden.Check(t, filepath.Join("testdata", "partner-us-vt-root.svg.txt"), []byte(root+"\n"+pattern+"\n"))
}
