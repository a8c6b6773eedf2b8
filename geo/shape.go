package geo

import (
	"math"
	"slices"
	"strings"
)

// This file is what the WebAssembly client decodes: it imports no orb.

// Point is a point in map units: (x, y), y down.
type Point [2]float64

// Box is a rectangle in map units: minX, minY, maxX, maxY.
type Box [4]float64

// Intersects reports whether b and o overlap or touch.
func (b Box) Intersects(o Box) bool {
	return b[0] <= o[2] && o[0] <= b[2] && b[1] <= o[3] && o[1] <= b[3]
}

// Contains reports whether p is inside b or on its edge.
func (b Box) Contains(p Point) bool {
	return b[0] <= p[0] && p[0] <= b[2] && b[1] <= p[1] && p[1] <= b[3]
}

// extend returns b grown to hold p.
func (b Box) extend(p Point) Box {
	return Box{min(b[0], p[0]), min(b[1], p[1]), max(b[2], p[0]), max(b[3], p[1])}
}

// outward returns b with its edges moved out to the next multiple of 0.1, so
// the rounded box still holds what b held.
func (b Box) outward() Box {
	return Box{
		math.Floor(b[0]*10) / 10, math.Floor(b[1]*10) / 10,
		math.Ceil(b[2]*10) / 10, math.Ceil(b[3]*10) / 10,
	}
}

// round returns p rounded to 0.1 map units.
func (p Point) round() Point {
	return Point{math.Round(p[0]*10) / 10, math.Round(p[1]*10) / 10}
}

// Shape is one country, first-level unit or partner as the map draws it.
type Shape struct {
	// ID is the ISO 3166-1 alpha-2 code of a country ("FR") or the
	// ISO 3166-2 code of a first-level unit ("US-VT", "BE-BRU").
	ID string `json:"id"`
	// D is the SVG path data on the level's integer grid, to be drawn
	// inside a scale(1/Factor) transform.
	D string `json:"d"`
	// Box holds the shape, in map units rounded outwards to 0.1.
	Box Box `json:"box"`
	// Label is the pole of inaccessibility of the shape's largest polygon,
	// in map units rounded to 0.1: the inside point farthest from the
	// outline, where a label or a pin fits best.
	Label Point `json:"label"`
	// NameEN and NameFR are the names in English and French, where the
	// boundary files have them. NameFR is left empty where it equals
	// NameEN, which keeps the JSON small; Name fills it back in.
	NameEN string `json:"en,omitempty"`
	NameFR string `json:"fr,omitempty"`
}

// Name returns the shape's name in lang ("fr" or "en"); any other value
// gives French, qcmap's default language. A missing French name is the
// English one.
func (s Shape) Name(lang string) string {
	if lang == "en" || s.NameFR == "" {
		return s.NameEN
	}
	return s.NameFR
}

// Country returns the ISO 3166-1 alpha-2 code of the shape's country: the
// part of ID before its first "-" ("US" for "US-VT"), or all of ID ("FR").
func (s Shape) Country() string {
	c, _, _ := strings.Cut(s.ID, "-")
	return c
}

// Level is the map at one level of detail: the shapes of its three layers,
// each sorted by ID.
type Level struct {
	Name      string  `json:"name"`
	Factor    int     `json:"factor"`
	Countries []Shape `json:"countries"`
	Admin1    []Shape `json:"admin1"`
	Partners  []Shape `json:"partners"`
}

// Layer returns the shapes of the layer named name (LayerCountries,
// LayerAdmin1 or LayerPartners), or nil for another name. The slice is the
// level's own.
func (lv *Level) Layer(name string) []Shape {
	switch name {
	case LayerCountries:
		return lv.Countries
	case LayerAdmin1:
		return lv.Admin1
	case LayerPartners:
		return lv.Partners
	}
	return nil
}

// Shape returns the shape with the id in the layer named layer.
func (lv *Level) Shape(layer, id string) (Shape, bool) {
	shapes := lv.Layer(layer)
	i, ok := slices.BinarySearchFunc(shapes, id, func(s Shape, id string) int {
		return strings.Compare(s.ID, id)
	})
	if !ok {
		return Shape{}, false
	}
	return shapes[i], true
}
