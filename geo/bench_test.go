//go:build !wasm

package geo

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"testing"
)

// benchLevel returns the features of the level g of the real boundary
// files, read once per call.
func benchFeatures(tb testing.TB, g Grid) *[len(Layers)][]feature {
	tb.Helper()
	loadAssets(tb)
	var feats [len(Layers)][]feature
	for j, layer := range Layers {
		f, err := readLayer(os.DirFS(assetsDir), g.Name+"/"+layer+".geojson", layer)
		if err != nil {
			tb.Fatal(err)
		}
		feats[j] = f
	}
	return &feats
}

// TestBuildLevel checks what BenchmarkLevel builds: the same shapes as Load,
// every one drawn.
func TestBuildLevel(t *testing.T) {
	a := loadAssets(t)
	for _, g := range Levels {
		t.Run(g.Name, func(t *testing.T) {
			got := buildLevel(g, benchFeatures(t, g))
			want, _ := a.Level(g.Name)
			for _, layer := range Layers {
				gs, ws := got.Layer(layer), want.Layer(layer)
				if len(gs) != len(ws) || len(gs) == 0 {
					t.Fatalf("buildLevel(%s) %s has %d shapes; want %d", g.Name, layer, len(gs), len(ws))
				}
				for i := range gs {
					if gs[i] != ws[i] {
						t.Errorf("buildLevel(%s) %s[%d] = %+v; want %+v", g.Name, layer, i, gs[i].ID, ws[i].ID)
					}
					if gs[i].D == "" {
						t.Errorf("buildLevel(%s) %s %s has no path", g.Name, layer, gs[i].ID)
					}
				}
			}
		})
	}
}

// BenchmarkLevel builds the shapes of each level from its features:
// projection, path data, boxes and label points.
func BenchmarkLevel(b *testing.B) {
	for _, g := range Levels {
		b.Run(g.Name, func(b *testing.B) {
			feats := benchFeatures(b, g)
			var lv *Level
			b.ReportAllocs()
			for b.Loop() {
				lv = buildLevel(g, feats)
			}
			n := 0
			for _, layer := range Layers {
				for _, s := range lv.Layer(layer) {
					n += len(s.D)
				}
			}
			b.ReportMetric(float64(n), "d-bytes")
		})
	}
}

// Budgets of the JSON that the client fetches, gzipped at the best level.
const (
	worldBudget = 40 << 10  // the world level, all layers
	viewBudget  = 150 << 10 // the continent level's shapes in a view
)

// sizeCases are the payloads that BenchmarkSize measures.
var sizeCases = []struct {
	name   string
	level  string
	view   Box
	budget int
}{
	{"world", World, WorldBox, worldBudget},
	{"continent/western-europe", Continent, ProjectBox(-10, 35, 20, 56), viewBudget},
	{"continent/north-america", Continent, ProjectBox(-125, 24, -52, 60), viewBudget},
}

// BenchmarkSize reports the size of each payload of sizeCases as JSON and
// gzipped, and says when one is over its budget.
func BenchmarkSize(b *testing.B) {
	a := loadAssets(b)
	for _, c := range sizeCases {
		b.Run(c.name, func(b *testing.B) {
			lv, err := a.Level(c.level)
			if err != nil {
				b.Fatal(err)
			}
			var js, gz []byte
			b.ReportAllocs()
			for b.Loop() {
				js, gz = viewJSON(lv, c.view)
			}
			b.ReportMetric(float64(len(js)), "json-bytes")
			b.ReportMetric(float64(len(gz)), "gzip-bytes")
			if len(gz) > c.budget {
				b.Logf("OVER BUDGET: %s is %d bytes gzipped; budget %d", c.name, len(gz), c.budget)
			}
		})
	}
}

// viewJSON returns the JSON of the shapes of lv whose boxes meet view, and
// that JSON gzipped at the best level.
func viewJSON(lv *Level, view Box) (js, gz []byte) {
	sub := Level{Name: lv.Name, Factor: lv.Factor}
	for _, layer := range Layers {
		var in []Shape
		for _, s := range lv.Layer(layer) {
			if s.Box.Intersects(view) {
				in = append(in, s)
			}
		}
		switch layer {
		case LayerCountries:
			sub.Countries = in
		case LayerAdmin1:
			sub.Admin1 = in
		case LayerPartners:
			sub.Partners = in
		}
	}
	js, err := json.Marshal(sub)
	if err != nil {
		panic(err)
	}
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(js)
	w.Close()
	return js, buf.Bytes()
}
