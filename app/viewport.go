package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"qcmap/geo"
)

// viewport is the part of the map on screen: the centre (cx, cy) in map
// units, the zoom k (1 shows the whole world's width), and the size of the
// element in CSS pixels. Pan and zoom change only these numbers and the
// SVG's viewBox; nothing is re-rendered.
type viewport struct {
	cx, cy, k float64
	w, h      float64 // element size in CSS pixels
}

const (
	minZoom = 1
	maxZoom = 200
)

func newViewport() viewport {
	return viewport{cx: geo.Width / 2, cy: geo.Height / 2, k: 1, w: geo.Width, h: geo.Height}
}

// unitsPerPx is the map units per CSS pixel: at zoom 1 the whole world fits.
func (v viewport) unitsPerPx() float64 {
	fit := math.Max(geo.Width/v.w, geo.Height/v.h)
	return fit / v.k
}

// box returns the visible rectangle in map units.
func (v viewport) box() geo.Box {
	u := v.unitsPerPx()
	hw, hh := v.w*u/2, v.h*u/2
	return geo.Box{v.cx - hw, v.cy - hh, v.cx + hw, v.cy + hh}
}

// transformFrom returns the CSS transform, translate(tx, ty) scale(k) about
// the element's top left corner, that moves the map as drawn for shown to
// where v shows it. While a gesture or an animation runs, the browser's
// compositor moves the drawing it already has by this transform; the
// viewBox, which makes it draw the map again, changes once at the end.
func (v viewport) transformFrom(shown viewport) (k, tx, ty float64) {
	us, uv := shown.unitsPerPx(), v.unitsPerPx()
	k = us / uv
	tx = (shown.cx-v.cx)/uv + v.w/2*(1-k)
	ty = (shown.cy-v.cy)/uv + v.h/2*(1-k)
	return k, tx, ty
}

// viewBox is the SVG viewBox attribute for v.
func (v viewport) viewBox() string {
	b := v.box()
	return fmt.Sprintf("%.2f %.2f %.2f %.2f", b[0], b[1], b[2]-b[0], b[3]-b[1])
}

// clamp keeps the zoom in range and the centre over the world.
func (v viewport) clamp() viewport {
	v.k = math.Min(math.Max(v.k, minZoom), maxZoom)
	v.cx = math.Min(math.Max(v.cx, 0), geo.Width)
	v.cy = math.Min(math.Max(v.cy, 0), geo.Height)
	return v
}

// zoomAt multiplies the zoom by f keeping the map point under the screen
// point (px, py), in CSS pixels from the element's top left, where it is.
func (v viewport) zoomAt(px, py, f float64) viewport {
	u := v.unitsPerPx()
	mx := v.cx + (px-v.w/2)*u
	my := v.cy + (py-v.h/2)*u
	n := v
	n.k = math.Min(math.Max(v.k*f, minZoom), maxZoom)
	nu := n.unitsPerPx()
	n.cx = mx - (px-v.w/2)*nu
	n.cy = my - (py-v.h/2)*nu
	return n.clamp()
}

// panBy moves the map by (dx, dy) CSS pixels, as a drag does.
func (v viewport) panBy(dx, dy float64) viewport {
	u := v.unitsPerPx()
	v.cx -= dx * u
	v.cy -= dy * u
	return v.clamp()
}

// fit returns the viewport that shows box b with a margin, at no more than
// maxK (so a tiny partner is not blown up past its detail).
func (v viewport) fit(b geo.Box, maxK float64) viewport {
	n := v
	n.cx, n.cy = (b[0]+b[2])/2, (b[1]+b[3])/2
	bw, bh := math.Max(b[2]-b[0], 1), math.Max(b[3]-b[1], 1)
	fit := math.Max(geo.Width/v.w, geo.Height/v.h) // units per px at k=1
	// The box takes at most 45 % of the view, so its neighbours show too.
	n.k = math.Min(v.w*fit/(bw/0.45), v.h*fit/(bh/0.45))
	n.k = math.Min(n.k, maxK)
	return n.clamp()
}

// step returns the index of the largest label zoom step the view reaches,
// which names the map's zN class. The server's label layout assumed 1.2 CSS
// pixels per map unit at step 0; well below that (a phone's world view) the
// labels would overlap, so step is -1 and no label shows: the markers and
// their tooltips name the partners.
func (v viewport) step() int {
	px := 1 / v.unitsPerPx()
	if px < 1.2*0.7 {
		return -1
	}
	s := 0
	for i, z := range labelSteps {
		if px >= 1.2*z*0.999 {
			s = i
		}
	}
	return s
}

// labelSteps mirrors carto.LabelSteps, which the labels' mzN classes count.
var labelSteps = []float64{1, 2, 4, 8, 16, 32, 64}

// level returns the level of detail for the zoom (geo.LevelFor).
func (v viewport) level() string { return geo.LevelFor(1 / v.unitsPerPx()) }

// area returns the world area whose frame holds the centre, or the nearest.
func (v viewport) area() string {
	best, bestD := "", math.Inf(1)
	for _, id := range areaOrder {
		b, _ := geo.AreaBox(id)
		dx := math.Max(math.Max(b[0]-v.cx, 0), v.cx-b[2])
		dy := math.Max(math.Max(b[1]-v.cy, 0), v.cy-b[3])
		if d := dx*dx + dy*dy; d < bestD {
			best, bestD = id, d
		}
	}
	return best
}

// areaOrder is the order of the area buttons and of ties in area.
var areaOrder = []string{"north-america", "western-europe", "latin-america", "asia"}

// String encodes v for the URL's view parameter: "cx,cy,k".
func (v viewport) String() string {
	return strconv.FormatFloat(v.cx, 'f', 1, 64) + "," + strconv.FormatFloat(v.cy, 'f', 1, 64) + "," + strconv.FormatFloat(v.k, 'f', 2, 64)
}

// parseView reads a view parameter "cx,cy,k" (map units and zoom).
func parseView(s string) (cx, cy, k float64, err error) {
	parts := strings.Split(s, ",")
	if len(parts) != 3 {
		return 0, 0, 0, fmt.Errorf("view %q: want cx,cy,k", s)
	}
	var f [3]float64
	for i, p := range parts {
		if f[i], err = strconv.ParseFloat(p, 64); err != nil || math.IsNaN(f[i]) || math.IsInf(f[i], 0) {
			return 0, 0, 0, fmt.Errorf("view %q: %q is not a number", s, p)
		}
	}
	if f[0] < 0 || f[0] > geo.Width || f[1] < 0 || f[1] > geo.Height || f[2] < minZoom || f[2] > maxZoom {
		return 0, 0, 0, fmt.Errorf("view %q: out of range", s)
	}
	return f[0], f[1], f[2], nil
}
