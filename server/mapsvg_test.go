package server

import (
	"encoding/xml"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"qcmap"
	"qcmap/geo"
)

func loadAtlas(t testing.TB) (*geo.Atlas, *qcmap.Dataset) {
	t.Helper()
	a, err := geo.Load(os.DirFS("../assets/geo"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := qcmap.LoadFile("../assets/data/relations.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return a, d
}

// xmlIDs parses svg as XML and returns the data-id values of the elements
// with the class named class.
func xmlIDs(t *testing.T, svg, class string) map[string]xml.StartElement {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(svg))
	out := map[string]xml.StartElement{}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		var id, cls string
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "data-id":
				id = a.Value
			case "class":
				cls = a.Value
			}
		}
		if id != "" && strings.Contains(" "+cls+" ", " "+class+" ") {
			out[id] = se
		}
	}
}

func TestMapSVG(t *testing.T) {
	a, d := loadAtlas(t)
	for _, lang := range []string{"fr", "en"} {
		svg, err := MapSVG(a, d, MapOptions{Lang: lang, Origin: orb.Point{d.Capital.Lon, d.Capital.Lat}})
		if err != nil {
			t.Fatal(err)
		}
		markers := xmlIDs(t, svg, "marker")
		shapes := xmlIDs(t, svg, "p")
		offices := xmlIDs(t, svg, "office")
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
	a, d := loadAtlas(t)
	for _, level := range []string{geo.Continent, geo.Closeup} {
		for area := range geo.Areas {
			frag, err := LevelFragment(a, d, level, area, "fr")
			if err != nil {
				t.Fatalf("LevelFragment(%s, %s): %v", level, area, err)
			}
			shapes := xmlIDs(t, frag, "p")
			for _, j := range d.Jurisdictions {
				if j.Area == area && j.Kind == qcmap.KindPartner {
					if _, ok := shapes[j.ID]; !ok {
						t.Errorf("LevelFragment(%s, %s) lacks partner %s", level, area, j.ID)
					}
				}
			}
		}
	}
	if _, err := LevelFragment(a, d, geo.Continent, "mars", "fr"); err == nil {
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
	a, d := loadAtlas(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := MapSVG(a, d, MapOptions{Lang: "fr"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMapBytes reports what the map costs on the wire, gzipped: the
// world view the page carries (budget 40 KB) and each continent view
// fetched on zoom (budget 150 KB). The byte counts are deterministic; the
// benchmark prints them for `make bench`.
func BenchmarkMapBytes(b *testing.B) {
	a, d := loadAtlas(b)
	report := func(name, s string, budget int) {
		n := len(gzipped(b, []byte(s)))
		b.ReportMetric(float64(n), name+"-gz-bytes")
		verdict := "ok"
		if n > budget {
			verdict = "OVER BUDGET"
		}
		b.Logf("%-28s %7d bytes gzipped (budget %d): %s", name, n, budget, verdict)
	}
	for b.Loop() {
	}
	world, err := MapSVG(a, d, MapOptions{Lang: "fr", Origin: orb.Point{d.Capital.Lon, d.Capital.Lat}})
	if err != nil {
		b.Fatal(err)
	}
	report("world-view", world, 40<<10)
	for _, area := range []string{"north-america", "western-europe", "latin-america", "asia"} {
		frag, err := LevelFragment(a, d, geo.Continent, area, "fr")
		if err != nil {
			b.Fatal(err)
		}
		report("continent-"+area, frag, 150<<10)
	}
}
