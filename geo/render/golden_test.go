package render_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"

	"qcmap/geo"
	"qcmap/geo/render"
	"qcmap/geo/render/rendertest"
)

// updating reports whether the tests rewrite their golden files
// (go test -update). The flag is registered here unless another test file
// of the package already has.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files under testdata/")
	}
}

// checkGolden compares got with the golden file at path, rewriting it
// under -update. It has the signature of the shared golden.Check, which is
// to replace it.
func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if updating() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (%d bytes; want %d); run go test -update and review the diff", path, len(got), len(want))
	}
}

// TestMapSVGGolden compares the page's world map in French, and the
// Western Europe fragment of the continent level, with their goldens.
func TestMapSVGGolden(t *testing.T) {
	a, d := rendertest.Load(t)
	world, err := render.MapSVG(a, d, render.MapOptions{Lang: "fr", Origin: orb.Point{d.Capital.Lon, d.Capital.Lat}})
	if err != nil {
		t.Fatal(err)
	}
	rendertest.XMLIDs(t, world, "marker") // well-formed
	checkGolden(t, filepath.Join("testdata", "map-world-fr.svg"), []byte(world))
	frag, err := render.LevelFragment(a, d, geo.Continent, "western-europe", "fr")
	if err != nil {
		t.Fatal(err)
	}
	rendertest.XMLIDs(t, frag, "p")
	checkGolden(t, filepath.Join("testdata", "continent-western-europe.svg"), []byte(frag))
}
