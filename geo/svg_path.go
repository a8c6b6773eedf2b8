package geo

import (
	"math"
	"strconv"

	"github.com/paulmach/orb"
)

// Path returns the SVG path data of g, a geometry in map units (see ToMap),
// with its points rounded to the integer grid factor times finer than map
// units. g is not changed.
//
// Each ring or line starts with an absolute M; the points that follow are
// relative l steps; rings end with z and leave out their closing point.
// Numbers are integers, separated by a space or by the minus sign of the
// next one ("M120 40l3-2 0 5z"). A point that rounds onto the point before
// it is dropped. Nothing else is dropped or moved: neighbours that share a
// border share its points, so both draw the same integers, and dropping
// anything more (collinear points, say) could differ between the two.
//
// A ring of a Ring, Polygon or MultiPolygon that rounds to fewer than three
// distinct points is left out, with the holes of a left-out exterior. If that
// leaves nothing, the largest exterior ring is drawn as a triangle of one
// grid unit, so that a small island state stays visible and clickable.
//
// g may be an orb.Ring, Polygon, MultiPolygon, LineString or MultiLineString;
// any other type gives "".
func Path(g orb.Geometry, factor int) string {
	return string(AppendPath(nil, g, factor))
}

// AppendPath appends the path data of g to dst and returns the extended
// buffer; see Path.
func AppendPath(dst []byte, g orb.Geometry, factor int) []byte {
	w := pathWriter{buf: dst, f: float64(factor)}
	switch g := g.(type) {
	case orb.Ring:
		w.multiPolygon(orb.MultiPolygon{{g}})
	case orb.Polygon:
		w.multiPolygon(orb.MultiPolygon{g})
	case orb.MultiPolygon:
		w.multiPolygon(g)
	case orb.LineString:
		w.line(g)
	case orb.MultiLineString:
		for _, ls := range g {
			w.line(ls)
		}
	}
	return w.buf
}

// gridPoint is a point on a level's integer grid.
type gridPoint [2]int

// pathWriter holds the output and a scratch slice of grid points.
type pathWriter struct {
	buf      []byte
	pts      []gridPoint
	f        float64
	afterNum bool
}

// snap rounds pts to the grid and drops each point equal to the one before;
// for a closed ring it also drops trailing points equal to the first.
func (w *pathWriter) snap(pts []orb.Point, closed bool) []gridPoint {
	out := w.pts[:0]
	for _, p := range pts {
		q := gridPoint{int(math.Round(p[0] * w.f)), int(math.Round(p[1] * w.f))}
		if n := len(out); n > 0 && out[n-1] == q {
			continue
		}
		out = append(out, q)
	}
	if closed {
		for len(out) > 1 && out[len(out)-1] == out[0] {
			out = out[:len(out)-1]
		}
	}
	w.pts = out
	return out
}

func (w *pathWriter) multiPolygon(mp orb.MultiPolygon) {
	start := len(w.buf)
	for _, p := range mp {
		if len(p) == 0 || !w.ring(p[0]) {
			continue
		}
		for _, hole := range p[1:] {
			w.ring(hole)
		}
	}
	if len(w.buf) == start {
		w.marker(mp)
	}
}

// ring writes r if it keeps three distinct points on the grid, and reports
// whether it did.
func (w *pathWriter) ring(r orb.Ring) bool {
	pts := w.snap(r, true)
	if !threeDistinct(pts) {
		return false
	}
	w.points(pts)
	w.buf = append(w.buf, 'z')
	w.afterNum = false
	return true
}

func (w *pathWriter) line(ls orb.LineString) {
	if pts := w.snap(ls, false); len(pts) > 0 {
		w.points(pts)
	}
}

// marker writes the largest exterior ring of mp as a triangle of one grid
// unit at its first point, keeping the direction to its second distinct point
// if it has one.
func (w *pathWriter) marker(mp orb.MultiPolygon) {
	var largest orb.Ring
	best := -1.0
	for _, p := range mp {
		if len(p) == 0 || len(p[0]) == 0 {
			continue
		}
		if a := math.Abs(ringArea(p[0])); a > best {
			largest, best = p[0], a
		}
	}
	if largest == nil {
		return
	}
	pts := w.snap(largest, true)
	a := pts[0]
	tri := []gridPoint{a, {a[0] + 1, a[1]}, {a[0], a[1] + 1}}
	for _, b := range pts[1:] {
		if b == a {
			continue
		}
		c := gridPoint{b[0] + 1, b[1]}
		if a[1] == b[1] {
			c = gridPoint{b[0], b[1] + 1}
		}
		tri = []gridPoint{a, b, c}
		break
	}
	w.points(tri)
	w.buf = append(w.buf, 'z')
	w.afterNum = false
}

// points writes M and the first point, then l and the steps to the others.
func (w *pathWriter) points(pts []gridPoint) {
	w.buf = append(w.buf, 'M')
	w.afterNum = false
	w.num(pts[0][0])
	w.num(pts[0][1])
	if len(pts) == 1 {
		return
	}
	w.buf = append(w.buf, 'l')
	w.afterNum = false
	for i := 1; i < len(pts); i++ {
		w.num(pts[i][0] - pts[i-1][0])
		w.num(pts[i][1] - pts[i-1][1])
	}
}

// num writes n, with a space before it if it follows a number and is not
// negative.
func (w *pathWriter) num(n int) {
	if w.afterNum && n >= 0 {
		w.buf = append(w.buf, ' ')
	}
	w.buf = strconv.AppendInt(w.buf, int64(n), 10)
	w.afterNum = true
}

// threeDistinct reports whether pts holds at least three distinct points.
func threeDistinct(pts []gridPoint) bool {
	if len(pts) < 3 {
		return false
	}
	a := pts[0]
	var b gridPoint
	haveB := false
	for _, p := range pts[1:] {
		switch {
		case p == a:
		case !haveB:
			b, haveB = p, true
		case p != b:
			return true
		}
	}
	return false
}

// ringArea returns the signed area of r by the shoelace formula: positive
// for a counter-clockwise ring in a y-up plane (lon, lat), negative for a
// clockwise one. r may be closed or not.
func ringArea(r orb.Ring) float64 {
	if len(r) < 3 {
		return 0
	}
	var s float64
	prev := r[len(r)-1]
	for _, p := range r {
		s += prev[0]*p[1] - p[0]*prev[1]
		prev = p
	}
	return s / 2
}
