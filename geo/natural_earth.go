package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// Coefficients of the Natural Earth polynomials (Šavrič et al. 2011), as in
// PROJ's natearth and d3-geo's naturalEarth1Raw.
const (
	neA0 = 0.8707
	neA1 = -0.131979
	neA2 = -0.013791
	neA3 = 0.003971
	neA4 = -0.001529
	neB0 = 1.007226
	neB1 = 0.015085
	neB2 = -0.044475
	neB3 = 0.028874
	neB4 = -0.005916

	halfPi = math.Pi / 2

	// neMaxX is x at longitude 180° on the equator, the widest point.
	neMaxX = math.Pi * neA0
	// neMaxY is y at latitude 90°, the pole line.
	neMaxY = halfPi * (neB0 + halfPi*halfPi*(neB1+halfPi*halfPi*halfPi*halfPi*
		(neB2+neB3*halfPi*halfPi+neB4*halfPi*halfPi*halfPi*halfPi)))

	deg = math.Pi / 180
)

// NaturalEarth projects p, a (lon, lat) in degrees, onto the plane of the
// Natural Earth projection of the unit sphere, with y up: x runs from
// −2.7354 at longitude −180° to 2.7354 at 180° on the equator, y from −1.4224
// at latitude −90° to 1.4224 at 90°. It equals d3.geoNaturalEarth1Raw applied
// to p in radians, and is an orb.Projection. See ToMap for map units.
func NaturalEarth(p orb.Point) orb.Point {
	x, y := naturalEarth(p[0]*deg, p[1]*deg)
	return orb.Point{x, y}
}

// NaturalEarthInverse is the inverse of NaturalEarth: it takes a point of the
// unit-sphere plane and returns (lon, lat) in degrees. Latitude comes from
// Newton's method on the y polynomial, as in d3-geo's naturalEarth1Raw.invert;
// y beyond the pole lines is clamped to them. Points outside the projected
// world give longitudes beyond ±180°.
func NaturalEarthInverse(p orb.Point) orb.Point {
	lambda, phi := naturalEarthInverse(p[0], p[1])
	return orb.Point{lambda / deg, phi / deg}
}

// naturalEarth projects (lambda, phi) in radians.
func naturalEarth(lambda, phi float64) (x, y float64) {
	phi2 := phi * phi
	phi4 := phi2 * phi2
	x = lambda * (neA0 + phi2*(neA1+phi2*(neA2+phi4*phi2*(neA3+phi2*neA4))))
	y = phi * (neB0 + phi2*(neB1+phi4*(neB2+neB3*phi2+neB4*phi4)))
	return x, y
}

// naturalEarthInverse returns (lambda, phi) in radians.
func naturalEarthInverse(x, y float64) (lambda, phi float64) {
	y = max(-neMaxY, min(neMaxY, y))
	phi = y
	// y(phi) is monotonic with a derivative above 0.7 on [−π/2, π/2], so
	// Newton converges in a handful of steps from phi = y.
	for range 25 {
		phi2 := phi * phi
		phi4 := phi2 * phi2
		f := phi*(neB0+phi2*(neB1+phi4*(neB2+neB3*phi2+neB4*phi4))) - y
		df := neB0 + phi2*(3*neB1+phi4*(7*neB2+9*neB3*phi2+11*neB4*phi4))
		delta := f / df
		phi -= delta
		if math.Abs(delta) < 1e-12 {
			break
		}
	}
	phi2 := phi * phi
	lambda = x / (neA0 + phi2*(neA1+phi2*(neA2+phi2*phi2*phi2*(neA3+phi2*neA4))))
	return lambda, phi
}
