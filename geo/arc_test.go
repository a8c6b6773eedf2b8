package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

var quebecCity = orb.Point{-71.208, 46.8139}

func TestGreatCircle(t *testing.T) {
	tests := []struct {
		name     string
		from, to orb.Point
		lines    int
	}{
		{"Québec–Paris", quebecCity, orb.Point{2.3522, 48.8566}, 1},
		{"Québec–São Paulo", quebecCity, orb.Point{-46.63611, -23.5475}, 1},
		{"Québec–Jinan crosses the antimeridian", quebecCity, orb.Point{117.0, 36.65}, 2},
		{"same point", quebecCity, quebecCity, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := GreatCircle(tt.from, tt.to, 64)
			if len(got) != tt.lines {
				t.Fatalf("GreatCircle(%v, %v) has %d lines; want %d", tt.from, tt.to, len(got), tt.lines)
			}
			first, last := got[0][0], got[len(got)-1][len(got[len(got)-1])-1]
			if first != tt.from || last != tt.to {
				t.Errorf("GreatCircle(%v, %v) runs from %v to %v", tt.from, tt.to, first, last)
			}
			// Every point lies on the great circle: the distances
			// through it add up to the whole.
			whole := geo.DistanceHaversine(tt.from, tt.to)
			n := 0
			for _, ls := range got {
				for _, p := range ls {
					n++
					if d := geo.DistanceHaversine(tt.from, p) + geo.DistanceHaversine(p, tt.to); math.Abs(d-whole) > 1 {
						t.Errorf("GreatCircle(%v, %v) has %v, %.0f m off the arc", tt.from, tt.to, p, d-whole)
					}
				}
			}
			if want := 65 + 2*(tt.lines-1); n != want {
				t.Errorf("GreatCircle(%v, %v) has %d points; want %d", tt.from, tt.to, n, want)
			}
		})
	}
}

func TestArc(t *testing.T) {
	paris := orb.Point{2.3522, 48.8566}
	got := Arc(quebecCity, paris)
	sub := parsePath(got)
	if len(sub) != 1 {
		t.Fatalf("Arc(%v, %v) = %q; want one subpath", quebecCity, paris, got)
	}
	start, end := Project(quebecCity[0], quebecCity[1]), Project(paris[0], paris[1])
	pts := sub[0]
	if a := pts[0]; a != (gridPoint{int(math.Round(start[0] * 2)), int(math.Round(start[1] * 2))}) {
		t.Errorf("Arc(%v, %v) starts at %v; want %v×2", quebecCity, paris, a, start)
	}
	if b := pts[len(pts)-1]; b != (gridPoint{int(math.Round(end[0] * 2)), int(math.Round(end[1] * 2))}) {
		t.Errorf("Arc(%v, %v) ends at %v; want %v×2", quebecCity, paris, b, end)
	}
	// The great circle bends north of the straight line on the map.
	mid := pts[len(pts)/2]
	if straight := (start[1] + end[1]); float64(mid[1]) >= straight {
		t.Errorf("Arc(%v, %v) middle %v is not north of the chord", quebecCity, paris, mid)
	}

	jinan := orb.Point{117.0, 36.65}
	if sub := parsePath(Arc(quebecCity, jinan)); len(sub) != 2 {
		t.Errorf("Arc(%v, %v) has %d subpaths; want 2 (cut at the antimeridian)", quebecCity, jinan, len(sub))
	}
}
