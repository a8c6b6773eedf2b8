package render_test

import (
	"encoding/xml"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"qcmap"
	"qcmap/geo"
	"qcmap/geo/golden"
	"qcmap/geo/render"
	"qcmap/geo/render/png"
	"qcmap/geo/render/rendertest"
)

func TestMapSVG(t *testing.T) {
	a, d := rendertest.Load(t)
	for _, lang := range []string{"fr", "en"} {
		svg, err := render.MapSVG(a, d, render.MapOptions{Lang: lang, Origin: orb.Point{d.Capital.Lon, d.Capital.Lat}, Measure: png.TextWidth})
		if err != nil {
			t.Fatal(err)
		}
		markers := rendertest.XMLIDs(t, svg, "marker")
		shapes := rendertest.XMLIDs(t, svg, "p")
		offices := rendertest.XMLIDs(t, svg, "office")
		for _, j := range d.Jurisdictions {
			m, ok := markers[j.ID]
			if !ok {
				t.Errorf("MapSVG(%s) has no marker for %s", lang, j.ID)
				continue
			}
			if got := attrOf(m, "aria-label"); got != j.Name.In(lang) {
				t.Errorf("MapSVG(%s) marker %s aria-label = %q; want %q", lang, j.ID, got, j.Name.In(lang))
			}
			if _, ok := shapes[j.ID]; !ok {
				t.Errorf("MapSVG(%s) has no shape for %s", lang, j.ID)
			}
			if !strings.Contains(svg, `data-label="`+j.ID+`"`) {
				t.Errorf("MapSVG(%s) has no label for %s", lang, j.ID)
			}
		}
		for _, o := range d.Offices {
			if _, ok := offices[o.ID]; !ok {
				t.Errorf("MapSVG(%s) has no pin for %s", lang, o.ID)
			}
		}
		if n := strings.Count(svg, `class="arc `); n != len(d.Jurisdictions)-1 {
			t.Errorf("MapSVG(%s) has %d arcs; want one per jurisdiction but Québec (%d)", lang, n, len(d.Jurisdictions)-1)
		}
	}
}

func TestLevelFragment(t *testing.T) {
	a, d := rendertest.Load(t)
	for _, level := range []string{geo.Continent, geo.Closeup} {
		for area := range geo.Areas {
			frag, err := render.LevelFragment(a, d, level, area, "fr")
			if err != nil {
				t.Fatalf("LevelFragment(%s, %s): %v", level, area, err)
			}
			shapes := rendertest.XMLIDs(t, frag, "p")
			for _, j := range d.Jurisdictions {
				if j.Area == area && j.Kind == qcmap.KindPartner {
					if _, ok := shapes[j.ID]; !ok {
						t.Errorf("LevelFragment(%s, %s) lacks partner %s", level, area, j.ID)
					}
				}
			}
		}
	}
	if _, err := render.LevelFragment(a, d, geo.Continent, "mars", "fr"); err == nil {
		t.Error("LevelFragment(continent, mars) = nil error; want one")
	}
}

func attrOf(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func BenchmarkMapSVG(b *testing.B) {
	a, d := rendertest.Load(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := render.MapSVG(a, d, render.MapOptions{Lang: "fr", Measure: png.TextWidth}); err != nil {
			b.Fatal(err)
		}
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
	golden.Check(t, filepath.Join("testdata", "map-world-fr.svg"), []byte(world))
	frag, err := render.LevelFragment(a, d, geo.Continent, "western-europe", "fr")
	if err != nil {
		t.Fatal(err)
	}
	rendertest.XMLIDs(t, frag, "p")
	golden.Check(t, filepath.Join("testdata", "continent-western-europe.svg"), []byte(frag))
}
