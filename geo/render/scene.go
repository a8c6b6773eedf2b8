package render

import (
	"image/color"

	"qcmap/geo"
	"qcmap/geo/carto"
)

// A Scene is one picture of the map, as GET /map.svg and GET /map.png draw
// it: what to draw, in order, with the view's transform. It is built once
// from the boundaries, the dataset and the parameters (NewScene), and two
// writers turn it into bytes (Scene.SVG, png.Encode), so the two images show
// the same map, which is also the page's: the same levels of detail, the
// same partner colours (assets/web/qcmap.css), the same marker and label
// points.
type Scene struct {
	// Width and Height are the picture's size in pixels.
	Width, Height int
	// Scale is the pixels per map unit, and Origin the map point at pixel
	// (0, 0): a map point p is at pixel (p - Origin) × Scale.
	Scale  float64
	Origin geo.Point
	// Level is the level of detail the basemap is drawn from.
	Level string
	// Title names the picture: the focus partner's name, or the map's title.
	Title string
	// Items are drawn in order, each over the ones before.
	Items []Item
	// Labels holds the box of each partner label drawn, by jurisdiction id.
	Labels map[string]PixelBox
}

// PixelBox is a rectangle in pixels: minX, minY, maxX, maxY, the same
// type as the first view's layout uses.
type PixelBox = carto.Rect

// Pixel returns the pixel of p, a point in map units.
func (sc *Scene) Pixel(p geo.Point) (x, y float64) {
	return (p[0] - sc.Origin[0]) * sc.Scale, (p[1] - sc.Origin[1]) * sc.Scale
}

// View returns the map units the picture shows.
func (sc *Scene) View() geo.Box {
	return geo.Box{
		sc.Origin[0], sc.Origin[1],
		sc.Origin[0] + float64(sc.Width)/sc.Scale, sc.Origin[1] + float64(sc.Height)/sc.Scale,
	}
}

// Item is one thing a scene draws: a *Rect, *Shapes, *Marker, *Polygon or
// *Text.
type Item interface{ item() }

// Paint is how an item is filled and outlined. A colour with zero alpha is
// not drawn. Widths are in pixels.
type Paint struct {
	Fill color.NRGBA
	// Hatch, if set, draws diagonal lines of that colour over Fill, as the
	// page draws France (a country-level entry whose regions are not named).
	Hatch       color.NRGBA
	Stroke      color.NRGBA
	StrokeWidth float64
	// Opacity is the whole item's, in (0, 1]; 0 stands for 1.
	Opacity float64
}

// Alpha returns the opacity to draw with: Opacity, or 1 for 0.
func (p Paint) Alpha() float64 {
	if p.Opacity <= 0 || p.Opacity > 1 {
		return 1
	}
	return p.Opacity
}

// Rect is a rectangle in pixels, with corners rounded by R.
type Rect struct {
	X, Y, W, H, R float64
	Paint
}

// Shapes is one or more boundary shapes of a level, in the level's path
// data: the integer grid Factor times finer than map units (see geo.Shape).
type Shapes struct {
	// ID is the jurisdiction's id for a partner's shape, "" for a layer of
	// the basemap.
	ID string
	// Class is "countries", "admin1" or "partners".
	Class  string
	Factor int
	D      []string
	// Box holds all of D, in map units.
	Box geo.Box
	Paint
}

// Marker is a partner's marker: a ring with a dot, at a pixel.
type Marker struct {
	ID       string
	X, Y, R  float64
	DotR     float64
	DotColor color.NRGBA
	Paint
}

// Polygon is a closed outline in pixels, such as an office pin.
type Polygon struct {
	ID     string
	Points []geo.Point
	Paint
}

// Text is a line of text; (X, Y) is its anchor on the baseline, in pixels.
type Text struct {
	X, Y float64
	S    string
	Size float64 // pixels per em
	Bold bool
	// Anchor is "start", "middle" or "end".
	Anchor string
	// Halo, if set, outlines the glyphs HaloWidth pixels wide, so that the
	// text reads over the map.
	Halo      color.NRGBA
	HaloWidth float64
	Paint     // only Fill and Opacity apply
}

func (*Rect) item()    {}
func (*Shapes) item()  {}
func (*Marker) item()  {}
func (*Polygon) item() {}
func (*Text) item()    {}

// Measure returns the width in pixels of s set bold or regular at size
// pixels per em, as the picture's writer draws it: the PNG's Go fonts
// (png.TextWidth) for both images.
type Measure func(bold bool, s string, size float64) float64
