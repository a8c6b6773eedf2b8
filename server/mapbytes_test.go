package server

import (
	"testing"

	"github.com/paulmach/orb"

	"qcmap/geo"
	"qcmap/geo/render"
	"qcmap/geo/render/png"
)

// BenchmarkMapBytes reports what the map costs on the wire, gzipped: the
// world view the page carries (budget 40 KB) and each continent view
// fetched on zoom (budget 150 KB). The byte counts are deterministic; the
// benchmark prints them for `make bench`.
func BenchmarkMapBytes(b *testing.B) {
	a, d := atlasOnce(b)
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
	world, err := render.MapSVG(a, d, render.MapOptions{Lang: "fr", Origin: orb.Point{d.Capital.Lon, d.Capital.Lat}, Measure: png.TextWidth})
	if err != nil {
		b.Fatal(err)
	}
	report("world-view", world, 40<<10)
	for _, area := range []string{"north-america", "western-europe", "latin-america", "asia"} {
		frag, err := render.LevelFragment(a, d, geo.Continent, area, "fr")
		if err != nil {
			b.Fatal(err)
		}
		report("continent-"+area, frag, 150<<10)
	}
}
