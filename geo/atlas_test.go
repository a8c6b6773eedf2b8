//go:build !wasm

package geo

import (
	"errors"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// fixtureFS returns the files of testdata/fixture as every level's layers,
// with the files in replace put in their place.
func fixtureFS(t testing.TB, replace map[string]string) fs.FS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, g := range Levels {
		for _, layer := range Layers {
			data, err := os.ReadFile("testdata/fixture/" + layer + ".geojson")
			if err != nil {
				t.Fatal(err)
			}
			fsys[g.Name+"/"+layer+".geojson"] = &fstest.MapFile{Data: data}
		}
	}
	for name, data := range replace {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

func loadFixture(t testing.TB) *Atlas {
	t.Helper()
	a, err := Load(fixtureFS(t, nil))
	if err != nil {
		t.Fatalf("Load(fixture) = %v", err)
	}
	return a
}

func TestLoad(t *testing.T) {
	a := loadFixture(t)
	for _, g := range Levels {
		lv, err := a.Level(g.Name)
		if err != nil {
			t.Fatalf("Level(%q) = %v", g.Name, err)
		}
		if lv.Name != g.Name || lv.Factor != g.Factor {
			t.Errorf("Level(%q) = %s ×%d; want %s ×%d", g.Name, lv.Name, lv.Factor, g.Name, g.Factor)
		}
		for layer, want := range map[string][]string{
			LayerCountries: {"AA", "BB", "CC", "DD"},
			LayerAdmin1:    {"AA-N", "AA-S"},
			LayerPartners:  {"AA-N", "BB"},
		} {
			var ids []string
			for _, s := range lv.Layer(layer) {
				ids = append(ids, s.ID)
				if s.D == "" || !strings.HasPrefix(s.D, "M") || !strings.HasSuffix(s.D, "z") {
					t.Errorf("%s %s %s: D = %q; want a closed path", g.Name, layer, s.ID, s.D)
				}
				if !s.Box.Contains(s.Label) {
					t.Errorf("%s %s %s: label %v outside box %v", g.Name, layer, s.ID, s.Label, s.Box)
				}
			}
			if !slices.Equal(ids, want) {
				t.Errorf("%s %s ids = %v; want %v", g.Name, layer, ids, want)
			}
		}
	}
	if _, err := a.Level("street"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Level(%q) = %v; want ErrNotFound", "street", err)
	}
}

func TestLoadShape(t *testing.T) {
	a := loadFixture(t)
	world, _ := a.Level(World)
	north, ok := world.Shape(LayerAdmin1, "AA-N")
	if !ok {
		t.Fatalf("Shape(admin1, AA-N) not found")
	}
	want := Shape{ID: "AA-N", NameEN: "North", NameFR: "Nord"}
	if north.ID != want.ID || north.Country() != "AA" || north.NameEN != want.NameEN || north.NameFR != want.NameFR {
		t.Errorf("Shape(admin1, AA-N) = %+v; want %+v in country AA", north, want)
	}
	// The south edge of AA-N is the north edge of AA-S, reversed.
	south, _ := world.Shape(LayerAdmin1, "AA-S")
	n, s := parsePath(north.D)[0], parsePath(south.D)[0]
	if n[0] != s[3] || n[1] != s[2] {
		t.Errorf("AA-N %v and AA-S %v do not share their border", n, s)
	}
	// The box is the projected square, rounded outwards.
	sw, ne := Project(0, 45), Project(10, 50)
	if north.Box[0] > sw[0] || north.Box[3] < sw[1] || north.Box[2] < ne[0] || north.Box[1] > ne[1] {
		t.Errorf("AA-N box %v does not hold %v and %v", north.Box, sw, ne)
	}
	// DD is far smaller than a grid unit: it stays as a marker.
	dot, _ := world.Shape(LayerCountries, "DD")
	if pts := parsePath(dot.D); len(pts) != 1 || len(pts[0]) != 3 {
		t.Errorf("DD = %q; want a one-unit triangle", dot.D)
	}
	// BB has a hole, which CC fills.
	bb, _ := world.Shape(LayerCountries, "BB")
	if got := strings.Count(bb.D, "M"); got != 2 {
		t.Errorf("BB = %q; want 2 rings", bb.D)
	}
	if _, ok := world.Shape(LayerCountries, "ZZ"); ok {
		t.Errorf("Shape(countries, ZZ) found")
	}
}

func TestWhere(t *testing.T) {
	a := loadFixture(t)
	tests := []struct {
		name        string
		lon, lat    float64
		layer, id   string
		wantMissing bool
	}{
		{"partner", 5, 47, LayerPartners, "AA-N", false},
		{"admin1 unit", 5, 42, LayerAdmin1, "AA-S", false},
		{"partner country", 21, 41, LayerPartners, "BB", false},
		{"in the hole of BB", 25, 45, LayerCountries, "CC", false},
		{"second island", 33, 41, LayerCountries, "CC", false},
		{"sea", -30, 0, "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			layer, id, ok := a.Where(tt.lon, tt.lat)
			if layer != tt.layer || id != tt.id || ok == tt.wantMissing {
				t.Errorf("Where(%v, %v) = %q, %q, %v; want %q, %q, %v", tt.lon, tt.lat, layer, id, ok, tt.layer, tt.id, !tt.wantMissing)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	const file = "continent/admin1.geojson"
	feature := func(props, geom string) string {
		return `{"type":"FeatureCollection","features":[{"type":"Feature","properties":` + props + `,"geometry":` + geom + `}]}`
	}
	square := `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}`
	tests := []struct {
		name    string
		data    string // "" removes the file
		want    string
		invalid bool
	}{
		{"missing file", "", "continent/admin1.geojson", false},
		{"not JSON", "{", "continent/admin1.geojson", false},
		{"no id", feature(`{"name_en":"X"}`, square), "feature 0 has no id", true},
		{"duplicate id", `{"type":"FeatureCollection","features":[` +
			`{"type":"Feature","properties":{"id":"X-1"},"geometry":` + square + `},` +
			`{"type":"Feature","properties":{"id":"X-1"},"geometry":` + square + `}]}`,
			`features 0 and 1 both have id "X-1"`, true},
		{"point", feature(`{"id":"X-1"}`, `{"type":"Point","coordinates":[0,0]}`), `feature "X-1" is a Point`, true},
		{"clockwise", feature(`{"id":"X-1"}`, `{"type":"Polygon","coordinates":[[[0,0],[0,1],[1,1],[1,0],[0,0]]]}`),
			`feature "X-1": polygon 0, ring 0 (exterior) is wound the wrong way`, true},
		{"not closed", feature(`{"id":"X-1"}`, `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0.5]]]}`),
			`feature "X-1": polygon 0, ring 0 (exterior) is not closed`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fixtureFS(t, map[string]string{file: tt.data})
			if tt.data == "" {
				delete(fsys.(fstest.MapFS), file)
			}
			_, err := Load(fsys)
			if err == nil || !strings.HasPrefix(err.Error(), "geo: ") || !strings.Contains(err.Error(), file) ||
				!strings.Contains(err.Error(), tt.want) || errors.Is(err, ErrInvalid) != tt.invalid {
				t.Errorf("Load(%s) = %v; want an error naming %s with %q (ErrInvalid: %v)", tt.name, err, file, tt.want, tt.invalid)
			}
		})
	}
}

// FuzzLoad feeds outside GeoJSON to Load as one layer of one level: it must
// return an atlas or an error, never panic or hang.
func FuzzLoad(f *testing.F) {
	for _, name := range []string{"countries", "admin1", "partners"} {
		data, err := os.ReadFile("testdata/fixture/" + name + ".geojson")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"X"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1e-9,0],[0,1e-9],[0,0]]]}}]}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"X"},"geometry":{"type":"MultiPolygon","coordinates":[]}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Load(fixtureFS(t, map[string]string{"world/admin1.geojson": string(data)}))
		if err != nil {
			return
		}
		lv, err := a.Level(World)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range lv.Admin1 {
			if s.ID == "" || s.D == "" {
				t.Errorf("Load gave the shape %+v", s)
			}
		}
	})
}
