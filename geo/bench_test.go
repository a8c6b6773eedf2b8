//go:build !wasm

package geo

import (
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
