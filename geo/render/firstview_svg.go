package render

import (
	"fmt"
	"math"
	"strings"

	"qcmap/geo"
)

// The first view in the page's map: each target is drawn inside its
// partner's marker (or its office's group), so that the page keeps one
// element per partner, with its data-id, for the click, the keyboard and
// the screen reader; and each size class adds a layer under the markers
// with the leader lines and a dot or a pin at every true place. The
// stylesheet shows a class's tags and layer while the map has the classes
// "fv fv-<class>" (before the wasm, by the window's size).

// tag returns the tag of id in fv.
func (fv *FirstView) tag(id string) (Tag, bool) {
	for _, t := range fv.Tags {
		if t.ID == id {
			return t, true
		}
	}
	return Tag{}, false
}

// writeTags writes id's target in every first view, in map units relative
// to its place (the marker's or office's translate).
func writeTags(b *strings.Builder, fvs []*FirstView, id string) {
	for _, fv := range fvs {
		t, ok := fv.tag(id)
		if !ok {
			continue
		}
		u := fv.View.UnitsPerPx()
		ax, ay := fv.Pixel(t.At)
		x0, y0 := (t.Box[0]-ax)*u, (t.Box[1]-ay)*u
		w, h := (t.Box[2]-t.Box[0])*u, (t.Box[3]-t.Box[1])*u
		fmt.Fprintf(b, `<g class="tag t-%s"><rect x="%s" y="%s" width="%s" height="%s" rx="%s"/>`,
			fv.Class.Name, n4(x0), n4(y0), n4(w), n4(h), n4(4*u))
		kx, ky := x0+tagKeyX*u, y0+h/2
		if t.Office {
			fmt.Fprintf(b, `<path class="key" transform="translate(%s %s) scale(%s)" d="M0 0l-5-9a6 6 0 1 1 10 0z"/>`,
				n4(kx), n4(ky+6*u), n4(0.85*u))
		} else {
			fmt.Fprintf(b, `<circle class="key" cx="%s" cy="%s" r="%s"/>`, n4(kx), n4(ky), n4(4.5*u))
		}
		fmt.Fprintf(b, `<text x="%s" y="%s" font-size="%s" textLength="%s" lengthAdjust="spacingAndGlyphs">%s</text></g>`,
			n4(x0+tagTextX*u), n4(ky+0.36*fv.Class.Font*u), n4(fv.Class.Font*u), n4(t.TextW*u), esc(t.Text))
	}
}

// writeFirstViewLayers writes each first view's leader lines and places,
// with the box the view shows (data-box), which the page covers with its
// map at the first view.
func writeFirstViewLayers(b *strings.Builder, fvs []*FirstView) {
	for _, fv := range fvs {
		u := fv.View.UnitsPerPx()
		bx := fv.Box()
		fmt.Fprintf(b, `<g class="fv-layer" data-class="%s" data-box="%s %s %s %s" aria-hidden="true"><path class="leaders" d="`,
			fv.Class.Name, n4(bx[0]), n4(bx[1]), n4(bx[2]), n4(bx[3]))
		for _, t := range fv.Tags {
			if t.Leader {
				p := fv.Point(t.End[0], t.End[1])
				fmt.Fprintf(b, "M%s %sL%s %s", n4(t.At[0]), n4(t.At[1]), n4(p[0]), n4(p[1]))
			}
		}
		b.WriteString(`"/>`)
		for _, t := range fv.Tags {
			if t.Office {
				fmt.Fprintf(b, `<path class="place-pin" transform="translate(%s %s) scale(%s)" d="M0 0l-5-9a6 6 0 1 1 10 0z"/>`,
					n4(t.At[0]), n4(t.At[1]), n4(0.72*u))
				continue
			}
			fmt.Fprintf(b, `<circle class="place %s" cx="%s" cy="%s" r="%s"/>`, placeClass(t), n4(t.At[0]), n4(t.At[1]), n4(dotR*u))
		}
		b.WriteString(`</g>`)
	}
}

func placeClass(t Tag) string {
	if t.Kind == "home" {
		return "home"
	}
	return "a-" + t.Area
}

// n4 writes a map coordinate to 4 decimals.
func n4(f float64) string { return roundTo(f, 1e4) }

// firstView returns the items of the first view fv in the scene: the
// leader lines, a dot or a pin at each true place, and the targets with
// their names, drawn as the page draws them, scaled from fv's reference
// pixels to the picture's. Each target's box goes in the scene's Labels,
// by id.
func (b *sceneBuilder) firstView(fv *FirstView) []Item {
	pal := b.pal
	f := b.sc.Scale * fv.View.UnitsPerPx() // picture pixels per reference pixel
	at := func(x, y float64) (float64, float64) { return b.sc.Pixel(fv.Point(x, y)) }
	var lines, places, tags []Item
	ink := pal.Fg.NRGBA() // the leaders and the targets' outlines, as the page draws them
	for _, t := range fv.Tags {
		px, py := b.sc.Pixel(t.At)
		if t.Leader {
			ex, ey := at(t.End[0], t.End[1])
			lines = append(lines, segment(px, py, ex, ey, 1.1*f, Paint{Fill: ink, Opacity: 0.75}))
		}
		key := pal.Area(t.Area).NRGBA()
		switch {
		case t.Office:
			key = pal.Office.NRGBA()
			places = append(places, &Polygon{ID: t.ID, Points: pin(px, py, 0.72*f), Paint: Paint{Fill: key, Stroke: pal.MarkerRing.NRGBA(), StrokeWidth: f}})
		default:
			if t.Kind == "home" {
				key = pal.Home.NRGBA()
			}
			places = append(places, &Marker{X: px, Y: py, R: dotR * f, Paint: Paint{Fill: key, Stroke: pal.MarkerRing.NRGBA(), StrokeWidth: 1.2 * f}})
		}
		x0, y0 := at(t.Box[0], t.Box[1])
		x1, y1 := at(t.Box[2], t.Box[3])
		b.sc.Labels[t.ID] = PixelBox{x0, y0, x1, y1}
		cy := (y0 + y1) / 2
		tags = append(tags, &Rect{X: x0, Y: y0, W: x1 - x0, H: y1 - y0, R: 4 * f, Paint: Paint{Fill: pal.Bg.NRGBA(), Stroke: ink, StrokeWidth: f}})
		if t.Office {
			tags = append(tags, &Polygon{Points: pin(x0+tagKeyX*f, cy+6*f, 0.85*f), Paint: Paint{Fill: key, Stroke: ink, StrokeWidth: f}})
		} else {
			tags = append(tags, &Marker{ID: t.ID, X: x0 + tagKeyX*f, Y: cy, R: 4.5 * f, Paint: Paint{Fill: key, Stroke: ink, StrokeWidth: f}})
		}
		tags = append(tags, &Text{X: x0 + tagTextX*f, Y: cy + 0.36*fv.Class.Font*f, S: t.Text, Size: fv.Class.Font * f, Bold: true,
			Anchor: "start", Paint: Paint{Fill: pal.LabelFg.NRGBA()}})
	}
	return append(append(lines, places...), tags...)
}

// segment returns the line from (x0, y0) to (x1, y1), w pixels wide, as a
// polygon both writers fill.
func segment(x0, y0, x1, y1, w float64, paint Paint) *Polygon {
	dx, dy := x1-x0, y1-y0
	l := math.Hypot(dx, dy)
	if l == 0 {
		l = 1
	}
	nx, ny := -dy/l*w/2, dx/l*w/2
	return &Polygon{Points: []geo.Point{{x0 + nx, y0 + ny}, {x1 + nx, y1 + ny}, {x1 - nx, y1 - ny}, {x0 - nx, y0 - ny}}, Paint: paint}
}
