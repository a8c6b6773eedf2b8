package carto

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"qcmap/geo"
)

// Viewport is the part of the map on a screen or in a picture: the centre
// (CX, CY) in map units, the zoom K (1 shows the whole world's width or
// height, whichever fits), and the size of the drawing, W×H, in CSS pixels
// (or pixels of a picture). Methods return a new Viewport; none changes its
// receiver.
type Viewport struct {
	CX, CY, K float64
	W, H      float64
}

// World returns the whole world in a w×h drawing.
func World(w, h float64) Viewport {
	return Viewport{CX: geo.Width / 2, CY: geo.Height / 2, K: 1, W: w, H: h}
}

// UnitsPerPx is the map units per pixel: at zoom 1 the whole world fits.
func (v Viewport) UnitsPerPx() float64 {
	return math.Max(geo.Width/v.W, geo.Height/v.H) / v.K
}

// Box returns the visible rectangle in map units.
func (v Viewport) Box() geo.Box {
	u := v.UnitsPerPx()
	hw, hh := v.W*u/2, v.H*u/2
	return geo.Box{v.CX - hw, v.CY - hh, v.CX + hw, v.CY + hh}
}

// Origin returns the map point at the drawing's top left pixel.
func (v Viewport) Origin() geo.Point {
	b := v.Box()
	return geo.Point{b[0], b[1]}
}

// ViewBox is the SVG viewBox attribute that shows v.
//
// The client sets it at every frame of a zoom or a drag, and first as it
// mounts: strconv, not fmt, whose first run the browser compiles (7 to 11
// ms of the first draw in CPU profiles).
func (v Viewport) ViewBox() string {
	b := v.Box()
	out := make([]byte, 0, 48)
	for i, x := range [4]float64{b[0], b[1], b[2] - b[0], b[3] - b[1]} {
		if i > 0 {
			out = append(out, ' ')
		}
		out = strconv.AppendFloat(out, x, 'f', 2, 64)
	}
	return string(out)
}

// TransformFrom returns the CSS transform, translate(tx, ty) scale(k) about
// the drawing's top left corner, that moves the map as drawn for shown to
// where v shows it.
func (v Viewport) TransformFrom(shown Viewport) (k, tx, ty float64) {
	us, uv := shown.UnitsPerPx(), v.UnitsPerPx()
	k = us / uv
	tx = (shown.CX-v.CX)/uv + v.W/2*(1-k)
	ty = (shown.CY-v.CY)/uv + v.H/2*(1-k)
	return k, tx, ty
}

// Clamp keeps the zoom within MinZoom..MaxZoom and the centre over the
// world.
func (v Viewport) Clamp() Viewport {
	v.K = min(max(v.K, MinZoom), MaxZoom)
	v.CX = min(max(v.CX, 0), geo.Width)
	v.CY = min(max(v.CY, 0), geo.Height)
	return v
}

// ZoomAt multiplies the zoom by f, keeping the map point under the pixel
// (px, py), from the drawing's top left, where it is.
func (v Viewport) ZoomAt(px, py, f float64) Viewport {
	u := v.UnitsPerPx()
	mx := v.CX + (px-v.W/2)*u
	my := v.CY + (py-v.H/2)*u
	n := v
	n.K = min(max(v.K*f, MinZoom), MaxZoom)
	nu := n.UnitsPerPx()
	n.CX = mx - (px-v.W/2)*nu
	n.CY = my - (py-v.H/2)*nu
	return n.Clamp()
}

// PanBy moves the map by (dx, dy) pixels, as a drag does.
func (v Viewport) PanBy(dx, dy float64) Viewport {
	u := v.UnitsPerPx()
	v.CX -= dx * u
	v.CY -= dy * u
	return v.Clamp()
}

// Fit returns the viewport of the same size that shows box b, in map
// units, at its centre, taking at most FocusShare of the view, at a zoom of
// no more than maxK.
func (v Viewport) Fit(b geo.Box, maxK float64) Viewport {
	n := v
	n.CX, n.CY = (b[0]+b[2])/2, (b[1]+b[3])/2
	bw, bh := math.Max(b[2]-b[0], 1), math.Max(b[3]-b[1], 1)
	fit := math.Max(geo.Width/v.W, geo.Height/v.H) // units per px at k=1
	n.K = math.Min(v.W*fit/(bw/FocusShare), v.H*fit/(bh/FocusShare))
	n.K = math.Min(n.K, maxK)
	return n.Clamp()
}

// Focus returns the viewport that frames a partner whose main shape has
// box b: Fit at no more than FocusMaxZoom.
func (v Viewport) Focus(b geo.Box) Viewport { return v.Fit(b, FocusMaxZoom) }

// Cover returns the viewport of the same size whose drawing just holds box
// b, in map units, at any zoom within range (a picture framed on a box of
// degrees).
func (v Viewport) Cover(b geo.Box) Viewport {
	n := v
	n.CX, n.CY = (b[0]+b[2])/2, (b[1]+b[3])/2
	fit := math.Max(geo.Width/v.W, geo.Height/v.H)
	n.K = fit * math.Min(v.W/math.Max(b[2]-b[0], 1e-3), v.H/math.Max(b[3]-b[1], 1e-3))
	n.K = min(max(n.K, MinZoom), MaxZoom)
	return n
}

// Step returns the label step the view reaches (StepFor), or -1.
func (v Viewport) Step() int { return StepFor(1 / v.UnitsPerPx()) }

// Level returns the level of detail the view draws (geo.LevelFor).
func (v Viewport) Level() string { return geo.LevelFor(1 / v.UnitsPerPx()) }

// Area returns the world area whose frame holds the centre, or the nearest.
func (v Viewport) Area() string {
	best, bestD := "", math.Inf(1)
	for _, id := range AreaOrder {
		b, _ := geo.AreaBox(id)
		dx := math.Max(math.Max(b[0]-v.CX, 0), v.CX-b[2])
		dy := math.Max(math.Max(b[1]-v.CY, 0), v.CY-b[3])
		if d := dx*dx + dy*dy; d < bestD {
			best, bestD = id, d
		}
	}
	return best
}

// String encodes the view for the URL's view parameter: "cx,cy,k".
func (v Viewport) String() string {
	return strconv.FormatFloat(v.CX, 'f', 1, 64) + "," + strconv.FormatFloat(v.CY, 'f', 1, 64) + "," + strconv.FormatFloat(v.K, 'f', 2, 64)
}

// viewMaxY is the largest cy of a view parameter: the map's height (about
// 520) rounded up, so that the bound an error message gives is exact.
var viewMaxY = math.Ceil(geo.Height)

// View is a view parameter: Kind ViewZoom with N[:3] the centre (x, y) in
// map units and the zoom k, as the page writes it; Kind ViewBBox with N the
// min longitude, min latitude, max longitude and max latitude in degrees;
// Kind "" is no view.
type View struct {
	Kind string
	N    [4]float64
}

// The two forms of the view parameter.
const (
	ViewZoom = "zoom" // cx,cy,k
	ViewBBox = "bbox" // minLon,minLat,maxLon,maxLat
)

// errView is the view parameter's rule, as a 400 says it. It is made when
// a bad view asks for it, not as the package starts: app.wasm's start runs
// every package's initialisation, and this one call of fmt was 8 to 10 ms of it.
func errView() string {
	return fmt.Sprintf("view must be minLon,minLat,maxLon,maxLat in degrees (longitudes within -180..180, latitudes within -90..90, each min below its max) or cx,cy,k as the map writes it (cx within 0..%s, cy within 0..%s, k within %d..%d)",
		strconv.FormatFloat(geo.Width, 'f', -1, 64), strconv.FormatFloat(viewMaxY, 'f', -1, 64), MinZoom, MaxZoom)
}

// ParseView reads a view parameter: three numbers are "cx,cy,k", four are
// "minLon,minLat,maxLon,maxLat". "" is no view. A bad one is a *ParamError.
func ParseView(s string) (View, error) {
	if s == "" {
		return View{}, nil
	}
	bad := &ParamError{Param: "view", Msg: errView()}
	parts := strings.Split(s, ",")
	if len(parts) != 3 && len(parts) != 4 {
		return View{}, bad
	}
	var v View
	for i, part := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(part), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return View{}, bad
		}
		v.N[i] = f
	}
	n := v.N
	if len(parts) == 3 {
		if n[0] < 0 || n[0] > geo.Width || n[1] < 0 || n[1] > viewMaxY || n[2] < MinZoom || n[2] > MaxZoom {
			return View{}, bad
		}
		v.Kind = ViewZoom
		return v, nil
	}
	if n[0] < -180 || n[2] > 180 || n[1] < -90 || n[3] > 90 || n[0] >= n[2] || n[1] >= n[3] {
		return View{}, bad
	}
	v.Kind = ViewBBox
	return v, nil
}

// String writes the view parameter in its canonical spelling, "" for none.
func (v View) String() string {
	g := func(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
	switch v.Kind {
	case ViewZoom:
		return g(v.N[0]) + "," + g(v.N[1]) + "," + g(v.N[2])
	case ViewBBox:
		return g(v.N[0]) + "," + g(v.N[1]) + "," + g(v.N[2]) + "," + g(v.N[3])
	}
	return ""
}

// In returns the viewport that the view shows in a drawing of vp's size:
// the centre and zoom it names, or the box of degrees it names just covered;
// ok is false for no view.
func (v View) In(vp Viewport) (Viewport, bool) {
	switch v.Kind {
	case ViewZoom:
		vp.CX, vp.CY, vp.K = v.N[0], v.N[1], min(max(v.N[2], MinZoom), MaxZoom)
		return vp, true
	case ViewBBox:
		return vp.Cover(geo.ProjectBox(v.N[0], v.N[1], v.N[2], v.N[3])), true
	}
	return vp, false
}
