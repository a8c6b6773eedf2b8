package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// cShape is a C open to the east: its centroid, near (4.1, 5), is in the
// gap between the arms.
var cShape = orb.Polygon{{{0, 0}, {10, 0}, {10, 2}, {2, 2}, {2, 8}, {10, 8}, {10, 10}, {0, 10}, {0, 0}}}

func TestPolylabel(t *testing.T) {
	tests := []struct {
		name     string
		p        orb.Polygon
		want     orb.Point
		wantDist float64
	}{
		{"square", orb.Polygon{square}, orb.Point{5, 5}, 5},
		{"rectangle", orb.Polygon{{{0, 0}, {8, 0}, {8, 2}, {0, 2}, {0, 0}}}, orb.Point{4, 1}, 1},
		// The widest spot of a C of bars 2 thick is in a corner, where
		// the inscribed circle touches two outer edges and the inner
		// corner: centre (c, c) with c = √2(2−c).
		{"C shape", cShape, orb.Point{2 * math.Sqrt2 / (1 + math.Sqrt2), 2 * math.Sqrt2 / (1 + math.Sqrt2)}, 2 * math.Sqrt2 / (1 + math.Sqrt2)},
		// A frame 2 thick is widest in its corners too.
		{"square with a hole", orb.Polygon{square, {{2, 2}, {2, 8}, {8, 8}, {8, 2}, {2, 2}}}, orb.Point{}, 2 * math.Sqrt2 / (1 + math.Sqrt2)},
		{"empty", orb.Polygon{}, orb.Point{}, 0},
		{"degenerate", orb.Polygon{{{3, 1}, {3, 5}, {3, 1}}}, orb.Point{3, 1}, 0},
	}
	const precision = 0.01
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, dist := Polylabel(tt.p, precision)
			if math.Abs(dist-tt.wantDist) > precision {
				t.Errorf("Polylabel(%v) distance = %v; want %v", tt.p, dist, tt.wantDist)
			}
			if tt.name == "square with a hole" || tt.name == "C shape" {
				// Several points are equally good (the C's two
				// corners, the frame's four): any of them will do.
				if !planar.PolygonContains(tt.p, got) {
					t.Errorf("Polylabel(%v) = %v; want a point inside", tt.p, got)
				}
				return
			}
			if planar.Distance(got, tt.want) > precision {
				t.Errorf("Polylabel(%v) = %v; want %v", tt.p, got, tt.want)
			}
		})
	}
}

// TestPolylabelNotCentroid checks the reason Polylabel exists: the centroid
// of the C is outside it.
func TestPolylabelNotCentroid(t *testing.T) {
	c, _ := planar.CentroidArea(cShape)
	if planar.PolygonContains(cShape, c) {
		t.Fatalf("centroid %v of the C is inside it; the test shape is wrong", c)
	}
	got, _ := Polylabel(cShape, 0.01)
	if !planar.PolygonContains(cShape, got) {
		t.Errorf("Polylabel(%v) = %v; want a point inside", cShape, got)
	}
}
