package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// arcSteps is the number of straight steps of an arc: enough for a smooth
// curve across the world overview.
const arcSteps = 64

// Arc returns the SVG path data, on the world level's grid (factor 2), of
// the great-circle arc from from to to, both (lon, lat) in degrees, as an
// open path of 64 straight steps. An arc that crosses the
// antimeridian is cut there into two subpaths, each ending at the frame's
// edge. Antipodal points have no single great circle; the arc between them
// is then one of the many.
func Arc(from, to orb.Point) string {
	return Path(toMapLines(GreatCircle(from, to, arcSteps)), Levels[0].Factor)
}

// GreatCircle returns n+1 points, (lon, lat) in degrees, evenly spaced along
// the shorter great-circle arc from from to to, by spherical linear
// interpolation, cut into two lines where it crosses the antimeridian.
// Neither input is changed.
func GreatCircle(from, to orb.Point, n int) orb.MultiLineString {
	a, b := unitVector(from), unitVector(to)
	cross := [3]float64{a[1]*b[2] - a[2]*b[1], a[2]*b[0] - a[0]*b[2], a[0]*b[1] - a[1]*b[0]}
	dot := a[0]*b[0] + a[1]*b[1] + a[2]*b[2]
	omega := math.Atan2(math.Sqrt(cross[0]*cross[0]+cross[1]*cross[1]+cross[2]*cross[2]), dot)
	sinOmega := math.Sin(omega)

	out := orb.MultiLineString{{from}}
	prev := from
	for i := 1; i <= n; i++ {
		p := to
		if i < n && sinOmega > 1e-12 {
			t := float64(i) / float64(n)
			ka, kb := math.Sin((1-t)*omega)/sinOmega, math.Sin(t*omega)/sinOmega
			v := [3]float64{ka*a[0] + kb*b[0], ka*a[1] + kb*b[1], ka*a[2] + kb*b[2]}
			p = orb.Point{math.Atan2(v[1], v[0]) / deg, math.Atan2(v[2], math.Hypot(v[0], v[1])) / deg}
		}
		if d := p[0] - prev[0]; math.Abs(d) > 180 {
			// Crossing the antimeridian: find where on the unwrapped
			// longitudes, close the line at one edge, open one at the other.
			edge := math.Copysign(180, prev[0])
			next := p[0] + math.Copysign(360, prev[0])
			lat := prev[1] + (p[1]-prev[1])*(edge-prev[0])/(next-prev[0])
			last := len(out) - 1
			out[last] = append(out[last], orb.Point{edge, lat})
			out = append(out, orb.LineString{{-edge, lat}})
		}
		last := len(out) - 1
		out[last] = append(out[last], p)
		prev = p
	}
	return out
}

// unitVector returns the point of the unit sphere at p, (lon, lat) in degrees.
func unitVector(p orb.Point) [3]float64 {
	lambda, phi := p[0]*deg, p[1]*deg
	return [3]float64{math.Cos(phi) * math.Cos(lambda), math.Cos(phi) * math.Sin(lambda), math.Sin(phi)}
}

// toMapLines returns a copy of mls, (lon, lat) in degrees, in map units.
func toMapLines(mls orb.MultiLineString) orb.MultiLineString {
	out := make(orb.MultiLineString, len(mls))
	for i, ls := range mls {
		out[i] = make(orb.LineString, len(ls))
		for j, p := range ls {
			out[i][j] = ToMap(p)
		}
	}
	return out
}
