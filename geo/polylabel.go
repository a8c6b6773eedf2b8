package geo

import (
	"container/heap"
	"math"

	"github.com/paulmach/orb"
)

// Polylabel returns the pole of inaccessibility of p: the point inside p
// farthest from its outline (holes included), found to within precision in
// the units of p, by the algorithm of mapbox/polylabel (Agafonkin 2016). It
// is where a label fits best, and unlike the centroid it is always inside,
// even for a C-shaped polygon. It also returns that farthest distance. The
// axes of p may be (lon, lat) or (x, y) but must be to the same scale, so
// pass projected coordinates. p is not changed; an empty p gives the zero
// point and a degenerate one its first point.
func Polylabel(p orb.Polygon, precision float64) (orb.Point, float64) {
	if len(p) == 0 || len(p[0]) == 0 {
		return orb.Point{}, 0
	}
	b := p[0].Bound()
	w, h := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
	if min(w, h) == 0 {
		return p[0][0], 0
	}
	// Square cells as wide as the narrower side, but no more than 256 of
	// them along the wider: a sliver would need millions.
	size := max(min(w, h), max(w, h)/256)

	// Cover the polygon with square cells and search them best-first by the
	// distance a point in the cell could have at most, splitting a cell in
	// four while it could still beat the best point by more than precision.
	q := &cellQueue{}
	for x := b.Min[0]; x < b.Max[0]; x += size {
		for y := b.Min[1]; y < b.Max[1]; y += size {
			heap.Push(q, newCell(x+size/2, y+size/2, size/2, p))
		}
	}
	best := centroidCell(p)
	if c := newCell(b.Min[0]+w/2, b.Min[1]+h/2, 0, p); c.d > best.d {
		best = c
	}
	for q.Len() > 0 {
		c := heap.Pop(q).(cell)
		if c.d > best.d {
			best = c
		}
		if !(c.max-best.d > precision) { // also stops on NaN
			continue
		}
		h := c.h / 2
		heap.Push(q, newCell(c.x-h, c.y-h, h, p))
		heap.Push(q, newCell(c.x+h, c.y-h, h, p))
		heap.Push(q, newCell(c.x-h, c.y+h, h, p))
		heap.Push(q, newCell(c.x+h, c.y+h, h, p))
	}
	return orb.Point{best.x, best.y}, best.d
}

// cell is a square of the search with centre (x, y) and half-size h; d is
// the signed distance from its centre to the outline, max the largest
// distance any point of the cell can have.
type cell struct {
	x, y, h, d, max float64
}

func newCell(x, y, h float64, p orb.Polygon) cell {
	d := signedDistance(x, y, p)
	return cell{x: x, y: y, h: h, d: d, max: d + h*math.Sqrt2}
}

// centroidCell returns the cell at the centroid of the exterior ring, the
// first guess.
func centroidCell(p orb.Polygon) cell {
	var area, cx, cy float64
	r := p[0]
	prev := r[len(r)-1]
	for _, a := range r {
		f := a[0]*prev[1] - prev[0]*a[1]
		cx += (a[0] + prev[0]) * f
		cy += (a[1] + prev[1]) * f
		area += 3 * f
		prev = a
	}
	if area == 0 {
		return newCell(r[0][0], r[0][1], 0, p)
	}
	return newCell(cx/area, cy/area, 0, p)
}

// signedDistance returns the distance from (x, y) to the outline of p,
// negative outside p.
func signedDistance(x, y float64, p orb.Polygon) float64 {
	inside := false
	minSq := math.Inf(1)
	for _, r := range p {
		for i, j := 0, len(r)-1; i < len(r); j, i = i, i+1 {
			a, b := r[i], r[j]
			if (a[1] > y) != (b[1] > y) && x < (b[0]-a[0])*(y-a[1])/(b[1]-a[1])+a[0] {
				inside = !inside
			}
			minSq = min(minSq, segmentDistanceSq(x, y, a, b))
		}
	}
	d := math.Sqrt(minSq)
	if !inside {
		return -d
	}
	return d
}

// segmentDistanceSq returns the squared distance from (px, py) to the
// segment ab.
func segmentDistanceSq(px, py float64, a, b orb.Point) float64 {
	x, y := a[0], a[1]
	dx, dy := b[0]-x, b[1]-y
	if dx != 0 || dy != 0 {
		t := ((px-x)*dx + (py-y)*dy) / (dx*dx + dy*dy)
		if t > 1 {
			x, y = b[0], b[1]
		} else if t > 0 {
			x += dx * t
			y += dy * t
		}
	}
	dx, dy = px-x, py-y
	return dx*dx + dy*dy
}

// cellQueue is a max-heap of cells by max, for container/heap.
type cellQueue []cell

func (q cellQueue) Len() int           { return len(q) }
func (q cellQueue) Less(i, j int) bool { return q[i].max > q[j].max }
func (q cellQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *cellQueue) Push(x any)        { *q = append(*q, x.(cell)) }
func (q *cellQueue) Pop() any {
	old := *q
	c := old[len(old)-1]
	*q = old[:len(old)-1]
	return c
}
