package geo

import (
	"testing"

	"github.com/paulmach/orb"
)

var square = orb.Ring{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}

func TestPath(t *testing.T) {
	tests := []struct {
		name   string
		g      orb.Geometry
		factor int
		want   string
	}{
		{"ring", square, 1, "M0 0l10 0 0 10-10 0z"},
		{"ring on a finer grid", square, 2, "M0 0l20 0 0 20-20 0z"},
		{"unclosed ring", square[:4], 1, "M0 0l10 0 0 10-10 0z"},
		{"negative steps", orb.Ring{{5, 5}, {2, 8}, {9, 9}, {5, 5}}, 1, "M5 5l-3 3 7 1z"},
		{"halves round away from zero", orb.Ring{{0.5, 0.5}, {2.5, 0.5}, {2.5, 2.5}, {0.5, 0.5}}, 1, "M1 1l2 0 0 2z"},
		{"duplicate after rounding", orb.Ring{{0, 0}, {0.2, 0.1}, {10, 0}, {10, 10}, {0, 10}, {0.1, 0.3}, {0, 0}}, 1, "M0 0l10 0 0 10-10 0z"},
		{"collinear points kept", orb.Ring{{0, 0}, {5, 0}, {10, 0}, {10, 10}, {0, 0}}, 1, "M0 0l5 0 5 0 0 10z"},
		{"polygon with hole", orb.Polygon{square, {{4, 4}, {4, 6}, {6, 6}, {6, 4}, {4, 4}}}, 1, "M0 0l10 0 0 10-10 0zM4 4l0 2 2 0 0-2z"},
		{"collapsed hole dropped", orb.Polygon{square, {{4, 4}, {4, 4.2}, {4.2, 4.2}, {4, 4}}}, 1, "M0 0l10 0 0 10-10 0z"},
		{"collapsed polygon dropped with its hole", orb.MultiPolygon{
			{square},
			{{{20, 20}, {20.3, 20}, {20.3, 20.3}, {20, 20}}, {{20.1, 20.1}, {20.1, 20.2}, {20.2, 20.2}, {20.1, 20.1}}},
		}, 1, "M0 0l10 0 0 10-10 0z"},
		{"two points left: thin triangle", orb.Ring{{0, 0}, {3, 0.2}, {3, 0.4}, {0, 0}}, 1, "M0 0l3 0 0 1z"},
		{"two points left, slanted", orb.Ring{{0, 0}, {3, 2}, {3.1, 2.1}, {0, 0}}, 1, "M0 0l3 2 1 0z"},
		{"one point left: unit triangle", orb.Ring{{0.1, 0.1}, {0.2, 0.1}, {0.2, 0.2}, {0.1, 0.1}}, 1, "M0 0l1 0-1 1z"},
		{"largest of collapsed polygons kept", orb.MultiPolygon{
			{{{0.1, 0.1}, {0.2, 0.1}, {0.2, 0.2}, {0.1, 0.1}}},
			{{{5, 5}, {5.4, 5}, {5.4, 5.4}, {5, 5.4}, {5, 5}}},
		}, 1, "M5 5l1 0-1 1z"},
		{"two distinct points back and forth", orb.Ring{{0, 0}, {3, 0}, {0, 0}, {3, 0}, {0, 0}}, 1, "M0 0l3 0 0 1z"},
		{"line string", orb.LineString{{0, 0}, {10, 0}, {10.2, 0}, {10, 10}}, 1, "M0 0l10 0 0 10"},
		{"one-point line", orb.LineString{{3, 4}, {3.1, 4}}, 1, "M3 4"},
		{"multi line string", orb.MultiLineString{{{0, 0}, {1, 1}}, {{5, 5}, {4, 4}}}, 1, "M0 0l1 1M5 5l-1-1"},
		{"empty multipolygon", orb.MultiPolygon{}, 1, ""},
		{"unsupported type", orb.Point{1, 2}, 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Path(tt.g, tt.factor); got != tt.want {
				t.Errorf("Path(%v, %d) = %q; want %q", tt.g, tt.factor, got, tt.want)
			}
		})
	}
}

// TestPathSharedBorder checks that two neighbours that share a border in
// floating point draw the same integers along it, reversed.
func TestPathSharedBorder(t *testing.T) {
	border := []orb.Point{{3.26, 0.14}, {3.74, 2.49}, {3.75, 2.51}, {4.49, 5.5}, {3.2, 7.71}}
	var left, right orb.Ring
	left = append(left, orb.Point{0, 0})
	left = append(left, border...)
	left = append(left, orb.Point{0, 8}, orb.Point{0, 0})
	right = append(right, orb.Point{9, 0}, orb.Point{9, 8})
	for i := len(border) - 1; i >= 0; i-- {
		right = append(right, border[i])
	}
	right = append(right, orb.Point{9, 0})
	for _, factor := range []int{1, 2, 10} {
		l := parsePath(Path(left, factor))
		r := parsePath(Path(right, factor))
		lb := l[0][1 : len(l[0])-1]
		rb := r[0][2:]
		if len(lb) != len(rb) {
			t.Fatalf("factor %d: left border %v, right border %v", factor, lb, rb)
		}
		for i := range lb {
			if lb[i] != rb[len(rb)-1-i] {
				t.Errorf("factor %d: left border %v is not right border %v reversed", factor, lb, rb)
				break
			}
		}
	}
}

func TestAppendPath(t *testing.T) {
	got := string(AppendPath([]byte("d="), square, 1))
	if want := "d=M0 0l10 0 0 10-10 0z"; got != want {
		t.Errorf("AppendPath(%q, %v, 1) = %q; want %q", "d=", square, got, want)
	}
}
