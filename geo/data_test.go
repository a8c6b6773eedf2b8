//go:build !wasm

package geo

import (
	"fmt"
	"os"
	"slices"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/paulmach/orb/project"
)

// These tests check the real boundary files in ../assets/geo.

// partnerIDs are the ids the partners layer must have at every level.
var partnerIDs = []string{
	"BE-VLG", "BE-WAL", "BR-SP", "CA-QC", "CN-SD", "DE-BY", "ES-CT", "FR", "IT-25",
	"MX-GUA", "MX-JAL", "MX-NLE", "US-CA", "US-MA", "US-ME", "US-NH", "US-NY", "US-VT",
}

func TestAssetsPartners(t *testing.T) {
	a := loadAssets(t)
	for _, g := range Levels {
		lv, _ := a.Level(g.Name)
		for _, id := range partnerIDs {
			s, ok := lv.Shape(LayerPartners, id)
			switch {
			case !ok:
				t.Errorf("%s: partner %s missing", g.Name, id)
			case len(parsePath(s.D)) == 0 || s.Box[2] <= s.Box[0] || s.Box[3] <= s.Box[1]:
				t.Errorf("%s: partner %s is empty: d %q, box %v", g.Name, id, s.D, s.Box)
			case s.NameEN == "" || s.Name("fr") == "":
				t.Errorf("%s: partner %s has no name: %+v", g.Name, id, s)
			}
		}
	}
}

// TestAssetsValid reads every file as Load does: rings closed, at least
// four points, RFC 7946 winding, ids present and unique.
func TestAssetsValid(t *testing.T) {
	loadAssets(t)
	for _, g := range Levels {
		for _, layer := range Layers {
			name := g.Name + "/" + layer + ".geojson"
			feats, err := readLayer(os.DirFS(assetsDir), name, layer)
			if err != nil {
				t.Errorf("%v", err)
				continue
			}
			for _, f := range feats {
				if err := Validate(f.geom); err != nil {
					t.Errorf("%s %s: %v", name, f.id, err)
				}
			}
		}
	}
}

// unit is a shape's rings as closed lists of comparable points: (lon, lat)
// floats or grid integers.
type unit[P comparable] struct {
	id, country string
	rings       [][]P
}

// segment is a directed pair of consecutive ring points.
type segment[P comparable] [2]P

// checkBorders checks that every segment of every partner is shared with
// exactly one neighbour: it appears reversed in exactly one other admin1
// unit (or partner) of the same country, or it lies, in the same direction,
// on the country's outline in the countries layer (a coast or an
// international border). It returns a description of each segment that is
// not, at most max of them, and their count.
//
// A spike, a segment that the ring runs back along at once (A→B→A), is
// skipped: it has no width, so it can be neither a gap nor an overlap.
// Rounding makes some, where a narrow inlet collapses onto one grid line.
func checkBorders[P comparable](countries, admin1, partners []unit[P], max int) ([]string, int) {
	index := func(units []unit[P]) map[segment[P]][]*unit[P] {
		m := make(map[segment[P]][]*unit[P])
		for i := range units {
			u := &units[i]
			for _, r := range u.rings {
				for j := range r {
					s := segment[P]{r[j], r[(j+1)%len(r)]}
					m[s] = append(m[s], u)
				}
			}
		}
		return m
	}
	inAdmin1 := make(map[string]bool)
	for _, u := range admin1 {
		inAdmin1[u.id] = true
	}
	units := index(admin1)
	others := index(partners)
	outline := index(countries)
	var bad []string
	n := 0
	for _, p := range partners {
		for _, r := range p.rings {
			for j := range r {
				a, b := r[j], r[(j+1)%len(r)]
				if r[(j+len(r)-1)%len(r)] == b || r[(j+2)%len(r)] == a {
					continue
				}
				shared := 0
				for _, u := range units[segment[P]{b, a}] {
					if u.country == p.country && u.id != p.id {
						shared++
					}
				}
				for _, u := range others[segment[P]{b, a}] {
					if u.country == p.country && u.id != p.id && !inAdmin1[u.id] {
						shared++
					}
				}
				for _, u := range outline[segment[P]{a, b}] {
					if u.id == p.country {
						shared++
					}
				}
				if shared != 1 {
					n++
					if len(bad) < max {
						bad = append(bad, fmt.Sprintf("%s: segment %v→%v is shared %d times", p.id, a, b, shared))
					}
				}
			}
		}
	}
	return bad, n
}

func TestAssetsBordersLonLat(t *testing.T) {
	loadAssets(t)
	for _, g := range Levels {
		var layers [len(Layers)][]unit[orb.Point]
		for j, layer := range Layers {
			feats, err := readLayer(os.DirFS(assetsDir), g.Name+"/"+layer+".geojson", layer)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range feats {
				u := unit[orb.Point]{id: f.id, country: f.country}
				for _, p := range f.geom {
					for _, r := range p {
						u.rings = append(u.rings, r[:len(r)-1])
					}
				}
				layers[j] = append(layers[j], u)
			}
		}
		bad, n := checkBorders(layers[0], layers[1], layers[2], 10)
		if n > 0 {
			t.Errorf("%s: %d partner border segments are not shared exactly once in lon/lat, such as:\n%s", g.Name, n, join(bad))
		}
	}
}

func TestAssetsBordersGrid(t *testing.T) {
	a := loadAssets(t)
	for _, g := range Levels {
		lv, _ := a.Level(g.Name)
		var layers [len(Layers)][]unit[gridPoint]
		for j, layer := range Layers {
			for _, s := range lv.Layer(layer) {
				u := unit[gridPoint]{id: s.ID, country: s.Country()}
				if layer == LayerCountries {
					u.country = ""
				}
				u.rings = parsePath(s.D)
				layers[j] = append(layers[j], u)
			}
		}
		bad, n := checkBorders(layers[0], layers[1], layers[2], 10)
		if n > 0 {
			t.Errorf("%s: %d partner border segments are not shared exactly once on the ×%d grid, such as:\n%s", g.Name, n, g.Factor, join(bad))
		}
	}
}

func join(lines []string) string {
	out := ""
	for _, l := range slices.Sorted(slices.Values(lines)) {
		out += "\t" + l + "\n"
	}
	return out
}

// TestCheckBorders checks the checker: two squares sharing an edge pass; a
// gap between them, or a partner off its country's outline, does not.
func TestCheckBorders(t *testing.T) {
	country := []unit[gridPoint]{{id: "AA", rings: [][]gridPoint{{{0, 0}, {2, 0}, {4, 0}, {4, 2}, {2, 2}, {0, 2}}}}}
	west := unit[gridPoint]{id: "AA-W", country: "AA", rings: [][]gridPoint{{{0, 0}, {2, 0}, {2, 2}, {0, 2}}}}
	east := unit[gridPoint]{id: "AA-E", country: "AA", rings: [][]gridPoint{{{2, 0}, {4, 0}, {4, 2}, {2, 2}}}}
	gap := unit[gridPoint]{id: "AA-E", country: "AA", rings: [][]gridPoint{{{2, 0}, {4, 0}, {4, 2}, {2, 2}, {3, 1}}}}
	tests := []struct {
		name      string
		admin1    []unit[gridPoint]
		partners  []unit[gridPoint]
		wantCount int
	}{
		{"shared", []unit[gridPoint]{west, east}, []unit[gridPoint]{west}, 0},
		{"both partners", []unit[gridPoint]{west, east}, []unit[gridPoint]{west, east}, 0},
		{"gap", []unit[gridPoint]{west, gap}, []unit[gridPoint]{west}, 1},
		{"no neighbour", []unit[gridPoint]{west}, []unit[gridPoint]{west}, 1},
		{"other country", []unit[gridPoint]{west, east}, []unit[gridPoint]{{id: "BB-W", country: "BB", rings: west.rings}}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if bad, n := checkBorders(country, tt.admin1, tt.partners, 10); n != tt.wantCount {
				t.Errorf("checkBorders = %d, %v; want %d bad segments", n, bad, tt.wantCount)
			}
		})
	}
}

// TestAssetsLabels checks that every label point is inside its shape, or
// within the 0.1 map units it is rounded to of it.
func TestAssetsLabels(t *testing.T) {
	a := loadAssets(t)
	for _, g := range Levels {
		lv, _ := a.Level(g.Name)
		for _, layer := range Layers {
			feats, err := readLayer(os.DirFS(assetsDir), g.Name+"/"+layer+".geojson", layer)
			if err != nil {
				t.Fatal(err)
			}
			for i, s := range lv.Layer(layer) {
				m := project.MultiPolygon(feats[i].geom.Clone(), ToMap)
				p := orb.Point(s.Label)
				if !planar.MultiPolygonContains(m, p) && planar.DistanceFrom(m, p) > 0.1 {
					t.Errorf("%s %s %s: label %v is %.2f map units outside", g.Name, layer, s.ID, s.Label, planar.DistanceFrom(m, p))
				}
			}
		}
	}
}
