package geo

import (
	"fmt"

	"github.com/paulmach/orb"
)

// Validate checks mp, in (lon, lat) degrees, against RFC 7946: every ring
// has at least four points and is closed (its last point equals its first),
// exterior rings run counter-clockwise and holes clockwise, and every point
// lies within longitude ±180° and latitude ±90°. It returns an
// error wrapping ErrInvalid that names the first bad polygon and ring, or
// nil. mp is not changed.
func Validate(mp orb.MultiPolygon) error {
	if msg := check(mp); msg != "" {
		return fmt.Errorf("%w: %s", ErrInvalid, msg)
	}
	return nil
}

// check returns what is wrong with mp, or "".
func check(mp orb.MultiPolygon) string {
	if len(mp) == 0 {
		return "no polygons"
	}
	for i, p := range mp {
		if len(p) == 0 {
			return fmt.Sprintf("polygon %d has no rings", i)
		}
		for j, r := range p {
			kind := "exterior"
			if j > 0 {
				kind = "hole"
			}
			where := fmt.Sprintf("polygon %d, ring %d (%s)", i, j, kind)
			if len(r) < 4 {
				return fmt.Sprintf("%s has %d points; a ring needs at least 4", where, len(r))
			}
			for _, q := range r {
				if !(q[0] >= -180 && q[0] <= 180 && q[1] >= -90 && q[1] <= 90) {
					return fmt.Sprintf("%s has the point %v, outside longitude ±180° and latitude ±90°", where, q)
				}
			}
			if r[0] != r[len(r)-1] {
				return fmt.Sprintf("%s is not closed: it ends at %v, not at its first point %v", where, r[len(r)-1], r[0])
			}
			a := ringArea(r)
			switch {
			case a == 0:
				return fmt.Sprintf("%s has no area", where)
			case (a > 0) != (j == 0):
				return fmt.Sprintf("%s is wound the wrong way; RFC 7946 wants exteriors counter-clockwise and holes clockwise (mapshaper: -o rfc7946)", where)
			}
		}
	}
	return ""
}
