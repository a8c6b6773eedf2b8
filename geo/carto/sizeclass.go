package carto

import "math"

// The first view's size classes: the map's first view (no view, no focus)
// is laid out once per class, on the server, for the smallest map area the
// class serves; a larger area of the same class shows that layout scaled up
// (geo/render's FirstView). The page picks the class from its map's size,
// an image from its own size, with the same ClassFor.

// Rect is a rectangle in pixels (of a picture, or CSS pixels of a size
// class's reference area): minX, minY, maxX, maxY.
type Rect [4]float64

// Overlaps reports whether r and o share any pixel.
func (r Rect) Overlaps(o Rect) bool {
	return r[0] < o[2] && o[0] < r[2] && r[1] < o[3] && o[1] < r[3]
}

// Contains reports whether the point (x, y) is inside r.
func (r Rect) Contains(x, y float64) bool {
	return x >= r[0] && x <= r[2] && y >= r[1] && y <= r[3]
}

// SizeClass is one kind of screen the first view is laid out for.
type SizeClass struct {
	// Name is the class's name in the page's classes (fv-phone) and the
	// tags' (t-phone).
	Name string
	// W and H are the reference map area in CSS pixels: the smallest the
	// class serves, so that a target is never drawn smaller than laid out.
	W, H float64
	// Touch is a class used with a finger: its targets are Target pixels
	// high where the layout has room, else less, down to MinTarget.
	Touch bool
	// Target is the preferred height of a partner's or office's target.
	Target float64
	// Font is the names' size in CSS pixels of the reference area.
	Font float64
	// Stacks lays out the targets of each tight group of places as two
	// columns beside it, one above and one below: on a phone, where the
	// groups' places are a few pixels apart.
	Stacks bool
	// Header is the height of the page's top bar above the map at this
	// class, which the stylesheet subtracts from the window's height to
	// choose the class before the wasm runs.
	Header float64
	// Reserved are what the map's controls (zoom and area buttons, the
	// folded legend) and an image's legend and source line cover, in the
	// reference area: no target or name goes there. The browser test checks
	// that the controls stay inside them.
	Reserved []Rect
}

// MinTarget is the smallest target a layout may fall back to: WCAG 2.2's
// 24×24 CSS pixels (SC 2.5.8).
const MinTarget = 24

// SizeClasses are the first view's classes, smallest first: a phone held
// upright, a tablet, a 16:9 laptop and a desktop. The reserved rectangles
// follow the stylesheet's controls at each width: one row of buttons on a
// phone; above 700 px the zoom buttons at the top left and the area buttons
// in a row at the top right, over the Arctic, where no partner is; the
// folded legend and the images' legend at the bottom left; the status
// notices and the images' source line along the bottom.
var SizeClasses = []SizeClass{
	{Name: "phone", W: 360, H: 640, Touch: true, Target: 44, Font: 11.5, Stacks: true, Header: 114, Reserved: []Rect{
		{0, 0, 360, 58},    // zoom and area buttons, one row
		{0, 584, 360, 640}, // the folded legend, the status notices, an image's source line
	}},
	{Name: "tablet", W: 740, H: 900, Touch: true, Target: 44, Font: 13, Header: 102, Reserved: []Rect{
		{0, 0, 60, 104},    // zoom buttons
		{0, 0, 740, 58},    // area buttons
		{0, 700, 290, 900}, // the folded legend, an image's legend
		{0, 856, 740, 900}, // the status notices, an image's source line
	}},
	{Name: "laptop", W: 1200, H: 620, Target: 28, Font: 13, Header: 52, Reserved: []Rect{
		{0, 0, 60, 104},
		{0, 0, 1200, 58},
		{0, 425, 365, 620},
		{0, 576, 1200, 620},
	}},
	{Name: "desktop", W: 1400, H: 780, Target: 28, Font: 13, Header: 52, Reserved: []Rect{
		{0, 0, 60, 104},
		{0, 0, 1400, 58},
		{0, 555, 430, 780},
		{0, 736, 1400, 780},
	}},
}

// ClassFor returns the size class for a map area of w×h CSS pixels (or an
// image of w×h pixels): the largest class whose reference area it holds, or
// for an area smaller than every class, the class of the nearest shape
// (a small landscape picture takes the laptop's layout, scaled down).
func ClassFor(w, h float64) SizeClass {
	best := -1
	for i, c := range SizeClasses {
		if w >= c.W && h >= c.H {
			best = i
		}
	}
	if best >= 0 {
		return SizeClasses[best]
	}
	bestD := math.Inf(1)
	for i, c := range SizeClasses {
		if d := math.Abs(math.Log((w / h) / (c.W / c.H))); d < bestD {
			best, bestD = i, d
		}
	}
	return SizeClasses[best]
}

// Class returns the size class named name.
func Class(name string) (SizeClass, bool) {
	for _, c := range SizeClasses {
		if c.Name == name {
			return c, true
		}
	}
	return SizeClass{}, false
}
