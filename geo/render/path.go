package render

import "qcmap/geo"

// Hatching: the spacing and the width, in pixels, of the diagonal lines
// over France, which both writers draw alike.
const (
	HatchPeriod = 7.0
	HatchLine   = 2.2
)

// WalkPath reads path data as geo.Path writes it: "M" and an absolute
// point, "l" and relative steps, "z" closing the ring; integers separated
// by a space or by the sign of the next one. It calls fn with 'M' at each
// ring's start, 'L' at each point after it (made absolute) and 'Z' at the
// ring's end, with the ring's first point. Anything else in d is skipped,
// since d comes from the boundary files the server itself loaded.
func WalkPath(d string, fn func(op byte, x, y int)) {
	var cmd byte
	var cx, cy, sx, sy int
	var nums [2]int
	n := 0
	for i := 0; i < len(d); {
		c := d[i]
		switch {
		case c == 'M' || c == 'l' || c == 'L':
			cmd, n = c, 0
			i++
		case c == 'z' || c == 'Z':
			fn('Z', sx, sy)
			cx, cy = sx, sy
			cmd, n = 0, 0
			i++
		case c == '-' || ('0' <= c && c <= '9'):
			neg := c == '-'
			if neg {
				i++
			}
			v := 0
			for i < len(d) && '0' <= d[i] && d[i] <= '9' {
				v = v*10 + int(d[i]-'0')
				i++
			}
			if neg {
				v = -v
			}
			nums[n] = v
			n++
			if n < 2 {
				continue
			}
			n = 0
			switch cmd {
			case 'M':
				cx, cy, sx, sy = nums[0], nums[1], nums[0], nums[1]
				fn('M', cx, cy)
				cmd = 'l' // further pairs after M are lines (SVG's rule)
			case 'l':
				cx, cy = cx+nums[0], cy+nums[1]
				fn('L', cx, cy)
			case 'L':
				cx, cy = nums[0], nums[1]
				fn('L', cx, cy)
			}
		default:
			i++
		}
	}
}

// InRing reports whether (x, y) is inside the ring, by the crossing rule.
func InRing(ring []geo.Point, x, y float64) bool {
	in := false
	for i, j := 0, len(ring)-1; i < len(ring); j, i = i, i+1 {
		a, b := ring[i], ring[j]
		if (a[1] > y) != (b[1] > y) && x < (b[0]-a[0])*(y-a[1])/(b[1]-a[1])+a[0] {
			in = !in
		}
	}
	return in
}
