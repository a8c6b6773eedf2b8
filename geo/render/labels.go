package render

import (
	"slices"
	"strings"

	"qcmap/geo"
	"qcmap/geo/carto"
)

// The one label placer of every picture of the map: the page's map (whose
// labels are laid out once for every label step, in map units) and the
// images (laid out once, in pixels) give it their labels and their
// obstacles, and a function that measures text as they draw it.

// A Label is a partner's name to place beside its marker.
type Label struct {
	ID, Text string
	// At is the marker's point: in map units when the placement is
	// Relative, else in pixels.
	At geo.Point
	// Rank orders the labels first (lower first), then Area (larger
	// first), then ID.
	Rank int
	Area float64
	// Offset is the gap in pixels between the marker's point and the label
	// below or above it; beside it the gap is Offset + Options.SideGap.
	Offset float64
	// Force places the label even where every place is taken: at the
	// last step, in the first place (below).
	Force bool
}

// An Obstacle is what a label must not cover: Box, in pixels, around At.
type Obstacle struct {
	At  geo.Point
	Box PixelBox
}

// Options are how a picture lays out its labels.
type Options struct {
	// Size is the font size in pixels, Pad what is added to the measured
	// width, SideGap what is added to a label's Offset beside its marker.
	Size, Pad, SideGap float64
	// Relative lays out boxes in pixels around points in map units, at
	// each of Steps (zooms) times Unit pixels per map unit: a label takes
	// the first step at which a place is free. Otherwise the points are in
	// pixels and Steps is one step.
	Relative  bool
	Unit      float64
	Steps     []float64
	Obstacles []Obstacle
	Bounds    *PixelBox // if set, a place must stay inside it
}

// Placed is a label placed: its box (around its point when Relative, else
// in pixels) and the step from which it shows.
type Placed struct {
	Label
	Box  PixelBox
	Step int
}

// Place orders the labels and gives each the first of four places around
// its marker (below, above, right, left) that stays within the bounds and
// covers no obstacle and no label placed before it, at the first step where
// one is free. A label with no free place is left out unless it is forced.
// measure returns the width in pixels of s at size pixels per em.
func Place(labels []Label, measure func(s string, size float64) float64, o Options) []Placed {
	order := slices.Clone(labels)
	slices.SortStableFunc(order, func(x, y Label) int {
		if x.Rank != y.Rank {
			return x.Rank - y.Rank
		}
		switch {
		case x.Area > y.Area:
			return -1
		case x.Area < y.Area:
			return 1
		}
		return strings.Compare(x.ID, y.ID)
	})
	steps := o.Steps
	if len(steps) == 0 {
		steps = []float64{1}
	}
	unit := o.Unit
	if unit == 0 {
		unit = 1
	}
	var done []Placed
	for _, l := range order {
		w, h := measure(l.Text, o.Size)+o.Pad, o.Size*1.3
		// The candidates are built around the marker's pixel, or around
		// (0, 0) when the boxes are relative to the points.
		x, y, at := l.At[0], l.At[1], geo.Point{}
		if o.Relative {
			x, y, at = 0, 0, l.At
		}
		off, side := l.Offset, o.SideGap
		candidates := []PixelBox{
			{x - w/2, y + off, x + w/2, y + off + h},
			{x - w/2, y - off - h, x + w/2, y - off},
			{x + off + side, y - h/2, x + off + side + w, y + h/2},
			{x - off - side - w, y - h/2, x - off - side, y + h/2},
		}
		free := func(c PixelBox, step int) bool {
			if b := o.Bounds; b != nil && (c[0] < b[0] || c[1] < b[1] || c[2] > b[2] || c[3] > b[3]) {
				return false
			}
			k := steps[step]
			for _, ob := range o.Obstacles {
				if overlapsAt(c, at, ob.Box, ob.At, unit, k) {
					return false
				}
			}
			for _, p := range done {
				if p.Step <= step && overlapsAt(c, at, p.Box, p.pointAt(o.Relative), unit, k) {
					return false
				}
			}
			return true
		}
		placed, ok := Placed{Label: l, Box: candidates[0], Step: len(steps) - 1}, false
	search:
		for i := range steps {
			for _, c := range candidates {
				if free(c, i) {
					placed.Box, placed.Step, ok = c, i, true
					break search
				}
			}
		}
		if !ok && !l.Force {
			continue
		}
		done = append(done, placed)
	}
	return done
}

// pointAt is the point p's box is around: its label's when relative, else
// the pixels' origin.
func (p Placed) pointAt(relative bool) geo.Point {
	if relative {
		return p.At
	}
	return geo.Point{}
}

// overlapsAt reports whether two boxes, in pixels around their points in
// map units, overlap at unit×k pixels per map unit.
func overlapsAt(a PixelBox, pa geo.Point, b PixelBox, pb geo.Point, unit, k float64) bool {
	dx := (pb[0] - pa[0]) * unit * k
	dy := (pb[1] - pa[1]) * unit * k
	return a[0] < b[2]+dx && b[0]+dx < a[2] && a[1] < b[3]+dy && b[1]+dy < a[3]
}

// labels adds the partners' names. Each label takes the first of four
// places around its marker (below, above, right, left) that stays in the
// picture and covers no marker, pin, legend, source line or label placed
// before it; a label with no such place is left out, except the focus's.
// The focus goes first, then the partners the filters keep, then the
// others, each group by decreasing size, as the page orders them.
func (b *sceneBuilder) labels() {
	u := b.u
	size := carto.LabelFontPx * u
	labels := make([]Label, len(b.marks))
	for i, m := range b.marks {
		l := Label{ID: m.j.ID, Text: m.j.Name.In(b.p.Lang), At: geo.Point{m.x, m.y}, Rank: 1, Area: m.area, Offset: 9 * u}
		switch {
		case m.j.ID == b.p.Focus:
			l.Rank, l.Offset, l.Force = 0, 11*u, true
		case b.dim(m.j.ID):
			l.Rank = 2
		}
		labels[i] = l
	}
	obstacles := make([]Obstacle, len(b.obstacles))
	for i, o := range b.obstacles {
		obstacles[i] = Obstacle{Box: o}
	}
	picture := PixelBox{2, 2, float64(b.sc.Width) - 2, float64(b.sc.Height) - 2}
	bold := func(s string, size float64) float64 { return b.measure(true, s, size) }
	for _, l := range Place(labels, bold, Options{Size: size, Pad: 4 * u, SideGap: u, Obstacles: obstacles, Bounds: &picture}) {
		chosen := l.Box
		b.obstacles = append(b.obstacles, chosen)
		b.sc.Labels[l.ID] = chosen
		t := &Text{X: (chosen[0] + chosen[2]) / 2, Y: chosen[3] - 0.3*size, S: l.Text, Size: size, Bold: true,
			Anchor: "middle", Halo: b.pal.LabelHalo.NRGBA(), HaloWidth: 3.5 * u, Paint: Paint{Fill: b.pal.LabelFg.NRGBA()}}
		if b.dim(l.ID) {
			t.Opacity = carto.DimLabel
		}
		b.add(t)
	}
}
