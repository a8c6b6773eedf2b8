package geo

import "github.com/paulmach/orb"

// The world frame of map units.
const (
	// Width is the width of the projected world in map units: x is 0 at
	// longitude −180° and Width at 180°.
	Width = 1000.0
	// Height is the height of the projected world in map units (about 520):
	// y is 0 at latitude 90° and Height at −90°.
	Height = Width * neMaxY / neMaxX

	// mapScale is map units per unit of the unit-sphere plane.
	mapScale = Width / (2 * neMaxX)
)

// WorldBox is the box of the whole projected world, in map units.
var WorldBox = Box{0, 0, Width, Height}

// Project returns the point of (lon, lat), in degrees, in map units. It is
// what places office pins, and it is what the boundaries were drawn with.
func Project(lon, lat float64) Point {
	x, y := naturalEarth(lon*deg, lat*deg)
	return Point{Width/2 + x*mapScale, Height/2 - y*mapScale}
}

// Unproject is the inverse of Project: it returns the longitude and latitude,
// in degrees, of p in map units.
func Unproject(p Point) (lon, lat float64) {
	lambda, phi := naturalEarthInverse((p[0]-Width/2)/mapScale, (Height/2-p[1])/mapScale)
	return lambda / deg, phi / deg
}

// ToMap is Project as an orb.Projection: it takes (lon, lat) in degrees and
// returns (x, y) in map units. Use it with orb/project on a clone, since
// orb/project changes its input in place.
func ToMap(p orb.Point) orb.Point {
	q := Project(p[0], p[1])
	return orb.Point{q[0], q[1]}
}

// FromMap is Unproject as an orb.Projection: it takes (x, y) in map units and
// returns (lon, lat) in degrees.
func FromMap(p orb.Point) orb.Point {
	lon, lat := Unproject(Point{p[0], p[1]})
	return orb.Point{lon, lat}
}

// ProjectBox returns the box in map units that holds the projection of the
// longitude–latitude rectangle from (west, south) to (east, north), in
// degrees. Meridians are curved in Natural Earth, so the rectangle's edges
// are sampled rather than only its corners.
func ProjectBox(west, south, east, north float64) Box {
	b := Box{Width, Height, 0, 0}
	const n = 32
	for i := range n + 1 {
		t := float64(i) / n
		lon := west + (east-west)*t
		lat := south + (north-south)*t
		for _, p := range [...]Point{
			Project(lon, south), Project(lon, north),
			Project(west, lat), Project(east, lat),
		} {
			b = b.extend(p)
		}
	}
	return b
}

// Areas maps each world area of the dataset to the longitude–latitude
// rectangle (west, south, east, north, in degrees) that frames its partners.
// The map's area buttons zoom to them and the level-of-detail files are cut
// along them.
var Areas = map[string][4]float64{
	"north-america":  {-128, 22, -56, 56},
	"western-europe": {-12, 35, 22, 58},
	"latin-america":  {-112, -35, -35, 33},
	"asia":           {95, 18, 135, 48},
}

// AreaBox returns the box in map units of the world area id, or false.
func AreaBox(id string) (Box, bool) {
	a, ok := Areas[id]
	if !ok {
		return Box{}, false
	}
	return ProjectBox(a[0], a[1], a[2], a[3]), true
}
