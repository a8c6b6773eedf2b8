package render_test

import (
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"

	"qcmap/geo"
	"qcmap/geo/golden"
	"qcmap/geo/render"
	"qcmap/geo/render/rendertest"
)

// TestMapSVGGolden compares the page's world map in French, and the
// Western Europe fragment of the continent level, with their goldens.
func TestMapSVGGolden(t *testing.T) {
	a, d := rendertest.Load(t)
	world, err := render.MapSVG(a, d, render.MapOptions{Lang: "fr", Origin: orb.Point{d.Capital.Lon, d.Capital.Lat}})
	if err != nil {
		t.Fatal(err)
	}
	rendertest.XMLIDs(t, world, "marker") // well-formed
	golden.Check(t, filepath.Join("testdata", "map-world-fr.svg"), []byte(world))
	frag, err := render.LevelFragment(a, d, geo.Continent, "western-europe", "fr")
	if err != nil {
		t.Fatal(err)
	}
	rendertest.XMLIDs(t, frag, "p")
	golden.Check(t, filepath.Join("testdata", "continent-western-europe.svg"), []byte(frag))
}
