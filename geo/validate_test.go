package geo

import (
	"errors"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

func TestValidate(t *testing.T) {
	ccw := orb.Ring{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}
	cw := orb.Ring{{0, 0}, {0, 10}, {10, 10}, {10, 0}, {0, 0}}
	hole := orb.Ring{{4, 4}, {4, 6}, {6, 6}, {6, 4}, {4, 4}}
	tests := []struct {
		name string
		mp   orb.MultiPolygon
		want string // part of the error, or "" for none
	}{
		{"good", orb.MultiPolygon{{ccw, hole}}, ""},
		{"empty", orb.MultiPolygon{}, "no polygons"},
		{"no rings", orb.MultiPolygon{{}}, "polygon 0 has no rings"},
		{"short", orb.MultiPolygon{{ccw[:3]}}, "ring 0 (exterior) has 3 points"},
		{"not closed", orb.MultiPolygon{{append(ccw[:4:4], orb.Point{1, 0})}}, "ring 0 (exterior) is not closed"},
		{"clockwise exterior", orb.MultiPolygon{{ccw}, {cw}}, "polygon 1, ring 0 (exterior) is wound the wrong way"},
		{"counter-clockwise hole", orb.MultiPolygon{{ccw, ccw}}, "polygon 0, ring 1 (hole) is wound the wrong way"},
		{"off the globe", orb.MultiPolygon{{{{0, 0}, {181, 0}, {181, 10}, {0, 0}}}}, "has the point [181 0], outside"},
		{"flat", orb.MultiPolygon{{{{0, 0}, {1, 1}, {2, 2}, {0, 0}}}}, "has no area"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Validate(tt.mp)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Validate(%v) = %v; want nil", tt.mp, err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want) || !errors.Is(err, ErrInvalid)):
				t.Errorf("Validate(%v) = %v; want an ErrInvalid containing %q", tt.mp, err, tt.want)
			}
		})
	}
}
