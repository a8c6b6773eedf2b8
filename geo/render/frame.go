package render

import (
	"math"

	"qcmap"
	"qcmap/geo"
	"qcmap/geo/carto"
)

// uiScale is the size of the markers, labels and legend relative to the
// page's CSS pixels: 1 for a 1280×720 picture, more for a larger one so
// that a slide stays legible.
func uiScale(w, h int) float64 {
	u := min(float64(w)/1280, float64(h)/720)
	return min(max(u, 0.75), 3)
}

// PixelsPerInch is the picture's pixel density, which the PNG writes for
// the programs that size a picture by it (PowerPoint, Word, print): its
// markers and text are drawn uiScale times their size in CSS pixels, 96 to
// the inch, so the density is 96 × uiScale. A 16:9 picture from 1280×720
// to 3840×2160 is then 13.33 inches (33.9 cm) wide, a 16:9 PowerPoint
// slide's width, and its text keeps the same size in points: 1920×1080
// is 144 pixels per inch, 3840×2160 (2×) 288.
func (sc *Scene) PixelsPerInch() float64 { return 96 * uiScale(sc.Width, sc.Height) }

// NewScene returns the scene of the map that p describes, drawn from the
// boundaries a and the dataset d, measuring text with measure (the Go
// fonts' png.TextWidth, which both image writers draw with). p must have
// been checked (carto.ParseImage). Neither a nor d is changed.
func NewScene(a *geo.Atlas, d *qcmap.Dataset, p carto.Params, measure Measure) (*Scene, error) {
	world, err := a.Level(geo.World)
	if err != nil {
		return nil, err
	}
	sc := &Scene{Width: p.Width, Height: p.Height, Labels: map[string]PixelBox{}}
	sc.Scale, sc.Origin = frame(world, p)
	var fv *FirstView
	if p.View.Kind == "" && p.Focus == "" {
		// No view and no focus: the first view, laid out for the
		// picture's size class, as the page shows it.
		if fv, err = firstViewOf(a, d, p.Lang, carto.ClassFor(float64(p.Width), float64(p.Height)), measure); err != nil {
			return nil, err
		}
		bx, w, h := fv.Box(), float64(p.Width), float64(p.Height)
		sc.Scale = min(w/(bx[2]-bx[0]), h/(bx[3]-bx[1]))
		sc.Origin = geo.Point{(bx[0]+bx[2])/2 - w/2/sc.Scale, (bx[1]+bx[3])/2 - h/2/sc.Scale}
	}
	sc.Level = geo.LevelFor(sc.Scale)
	sc.Title = carto.Text(p.Lang, "title")
	if j, err := d.Jurisdiction(p.Focus); err == nil && p.Focus != "" {
		sc.Title = j.Name.In(p.Lang)
	}
	pal := carto.PaletteFor(p.Theme)
	b := &sceneBuilder{sc: sc, d: d, p: p, pal: pal, measure: measure, u: uiScale(p.Width, p.Height), world: world,
		bright: d.Bright(p.Sector, p.Year)}
	b.add(&Rect{W: float64(p.Width), H: float64(p.Height), Paint: Paint{Fill: pal.Sea.NRGBA()}})
	if err := b.basemap(a); err != nil {
		return nil, err
	}
	if err := b.partners(a); err != nil {
		return nil, err
	}
	source := b.source()
	var first []Item
	if fv != nil {
		first = b.firstView(fv)
	}
	var legend []Item
	if p.Legend {
		legend = b.legend(source)
	}
	card := b.card()
	if fv != nil {
		// The size classes keep the legend's corner free; a picture
		// smaller than its class's area has a legend too large for it.
		if len(legend) > 0 {
			box := legend[0].(*Rect)
			lb := PixelBox{box.X, box.Y, box.X + box.W, box.Y + box.H}
			for _, l := range b.sc.Labels {
				if l.Overlaps(lb) {
					legend = nil
					break
				}
			}
		}
		b.add(first...)
	} else {
		markers, pins := b.markers(), b.offices()
		b.labels()
		b.add(pins...)
		b.add(markers...)
	}
	b.add(card...)
	b.add(legend...)
	b.add(source...)
	return sc, nil
}

// frame returns the scale and origin of the view p asks for: the view
// parameter if set, else the focus partner with its neighbours, else the
// whole world.
func frame(world *geo.Level, p carto.Params) (scale float64, origin geo.Point) {
	vp := carto.World(float64(p.Width), float64(p.Height))
	if v, ok := p.View.In(vp); ok {
		vp = v
	} else if s, ok := world.Shape(geo.LayerPartners, p.Focus); ok && p.Focus != "" {
		vp = vp.Focus(mainBox(s, world.Factor))
	}
	return 1 / vp.UnitsPerPx(), vp.Origin()
}

// mainBox returns the box of the ring of s that holds its label point: for
// France, metropolitan France rather than a box from Guiana to Réunion.
func mainBox(s geo.Shape, factor int) geo.Box {
	f := float64(factor)
	lx, ly := s.Label[0]*f, s.Label[1]*f
	var ring []geo.Point
	var found geo.Box
	ok := false
	WalkPath(s.D, func(op byte, x, y int) {
		if ok {
			return
		}
		switch op {
		case 'M':
			ring = append(ring[:0], geo.Point{float64(x), float64(y)})
		case 'L':
			ring = append(ring, geo.Point{float64(x), float64(y)})
		case 'Z':
			if InRing(ring, lx, ly) {
				found = geo.Box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
				for _, q := range ring {
					found = geo.Box{min(found[0], q[0]/f), min(found[1], q[1]/f), max(found[2], q[0]/f), max(found[3], q[1]/f)}
				}
				ok = true
			}
		}
	})
	if !ok {
		return s.Box
	}
	return found
}

// sceneBuilder holds what the parts of a scene share while it is built.
type sceneBuilder struct {
	sc  *Scene
	d   *qcmap.Dataset
	p   carto.Params
	pal carto.Palette
	// measure is the text's width in pixels, as the writers set it.
	measure Measure
	u       float64 // uiScale
	world   *geo.Level
	bright  map[string]bool // nil: no filter

	// obstacles are what labels must not cover: markers, pins, the legend
	// and the source line, in pixels.
	obstacles []PixelBox
	marks     []mark // the markers drawn, for the labels
}

// mark is a marker drawn, which a label may go beside.
type mark struct {
	j    *qcmap.Jurisdiction
	x, y float64
	area float64 // of the world shape's box, which orders the labels
}

func (b *sceneBuilder) add(items ...Item) { b.sc.Items = append(b.sc.Items, items...) }

func (b *sceneBuilder) dim(id string) bool { return b.bright != nil && !b.bright[id] }

// margin returns the view grown by px pixels on each side, in map units.
func (b *sceneBuilder) margin(px float64) geo.Box {
	v, m := b.sc.View(), px/b.sc.Scale
	return geo.Box{v[0] - m, v[1] - m, v[2] + m, v[3] + m}
}

// basemap adds the countries and first-level borders of the scene's level.
// The closeup level holds only the partner countries, so it is drawn over
// the continent level's countries. At the world level the borders of
// countries cut into hundreds of provinces (France, Italy, Spain) are left
// out, as on the page.
func (b *sceneBuilder) basemap(a *geo.Atlas) error {
	lv, err := a.Level(b.sc.Level)
	if err != nil {
		return err
	}
	view := b.margin(4)
	land := Paint{Fill: b.pal.Land.NRGBA(), Stroke: b.pal.LandLine.NRGBA(), StrokeWidth: 0.6}
	if b.sc.Level == geo.Closeup {
		cont, err := a.Level(geo.Continent)
		if err != nil {
			return err
		}
		b.add(layer(cont, geo.LayerCountries, view, nil, land))
	}
	b.add(layer(lv, geo.LayerCountries, view, nil, land))
	world := b.sc.Level == geo.World
	b.add(layer(lv, geo.LayerAdmin1, view, func(s geo.Shape) bool {
		return !world || carto.WorldShowsAdmin1(s.Country())
	}, Paint{Stroke: b.pal.AdminLine.NRGBA(), StrokeWidth: 0.5}))
	return nil
}

// layer returns the shapes of a layer of lv that meet view and that keep
// (if not nil) keeps, as one item.
func layer(lv *geo.Level, name string, view geo.Box, keep func(geo.Shape) bool, paint Paint) *Shapes {
	it := &Shapes{Class: name, Factor: lv.Factor, Paint: paint, Box: geo.Box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}}
	for _, s := range lv.Layer(name) {
		if s.Box.Intersects(view) && (keep == nil || keep(s)) {
			it.D = append(it.D, s.D)
			it.Box = union(it.Box, s.Box)
		}
	}
	return it
}

func union(a, b geo.Box) geo.Box {
	return geo.Box{min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])}
}

// partners adds a shape per jurisdiction in view, coloured by its world
// area: Québec in its own colour, France hatched, those the filters leave
// out faded, the focus outlined and drawn last so no neighbour covers its
// outline.
func (b *sceneBuilder) partners(a *geo.Atlas) error {
	lv, err := a.Level(b.sc.Level)
	if err != nil {
		return err
	}
	view := b.margin(4)
	var focus Item
	for i := range b.d.Jurisdictions {
		j := &b.d.Jurisdictions[i]
		s, ok := lv.Shape(geo.LayerPartners, j.ID)
		f := lv.Factor
		if !ok {
			if s, ok = b.world.Shape(geo.LayerPartners, j.ID); !ok {
				continue
			}
			f = b.world.Factor
		}
		if !s.Box.Intersects(view) {
			continue
		}
		paint := Paint{Fill: b.pal.Area(j.Area).NRGBA(), Stroke: b.pal.PartnerLine.NRGBA(), StrokeWidth: 0.8}
		switch j.Kind {
		case qcmap.KindHome:
			paint = Paint{Fill: b.pal.Home.NRGBA(), Stroke: b.pal.HomeLine.NRGBA(), StrokeWidth: 1.2}
		case qcmap.KindCountry:
			paint.Fill, paint.Hatch = b.pal.Land.NRGBA(), b.pal.Area(j.Area).NRGBA()
		}
		if b.dim(j.ID) {
			paint.Opacity = carto.DimShape
		}
		it := &Shapes{ID: j.ID, Class: geo.LayerPartners, Factor: f, D: []string{s.D}, Box: s.Box, Paint: paint}
		if j.ID == b.p.Focus {
			it.Stroke, it.StrokeWidth = b.pal.Select.NRGBA(), 3*b.u
			focus = it
			continue
		}
		b.add(it)
	}
	if focus != nil {
		b.add(focus)
	}
	return nil
}

// markers returns a marker per jurisdiction whose label point (the world
// level's, as on the page) is in the picture, and records them as obstacles.
func (b *sceneBuilder) markers() []Item {
	var items []Item
	u := b.u
	for i := range b.d.Jurisdictions {
		j := &b.d.Jurisdictions[i]
		s, ok := b.world.Shape(geo.LayerPartners, j.ID)
		if !ok {
			continue
		}
		x, y := b.sc.Pixel(s.Label)
		r, sw := 6*u, 1.5*u
		m := &Marker{ID: j.ID, X: x, Y: y, R: r, DotR: 3.5 * u, DotColor: b.pal.Area(j.Area).NRGBA(),
			Paint: Paint{Fill: b.pal.MarkerRing.NRGBA(), Stroke: b.pal.MarkerInk.NRGBA(), StrokeWidth: sw}}
		if j.Kind == qcmap.KindHome {
			m.Fill, m.DotColor = b.pal.Home.NRGBA(), b.pal.HomeLine.NRGBA()
		}
		if j.ID == b.p.Focus {
			m.R, m.Stroke, m.StrokeWidth = 8*u, b.pal.Select.NRGBA(), 4*u
		}
		if b.dim(j.ID) {
			m.Opacity = carto.DimMarker
		}
		half := m.R + m.StrokeWidth/2
		box := PixelBox{x - half, y - half, x + half, y + half}
		if !box.Overlaps(PixelBox{0, 0, float64(b.sc.Width), float64(b.sc.Height)}) {
			continue
		}
		items = append(items, m)
		b.obstacles = append(b.obstacles, box)
		b.marks = append(b.marks, mark{j, x, y, (s.Box[2] - s.Box[0]) * (s.Box[3] - s.Box[1])})
	}
	return items
}

// pin returns the outline of an office pin standing on (x, y), u times the
// page's size: its "M0 0l-5-9a6 6 0 1 1 10 0z", with the arc sampled.
func pin(x, y, u float64) []geo.Point {
	const cy, r = -12.3166, 6 // the arc's centre and radius: through (±5, −9)
	start := math.Atan2(-9-cy, -5)
	end := math.Atan2(-9-cy, 5) + 2*math.Pi
	pts := []geo.Point{{x, y}}
	const n = 16
	for i := range n + 1 {
		a := start + (end-start)*float64(i)/n
		pts = append(pts, geo.Point{x + r*math.Cos(a)*u, y + (cy+r*math.Sin(a))*u})
	}
	return pts
}

// offices returns a pin per office in the picture, with its city's name
// from the zoom at which the page shows it (zoom step 3), where it fits.
func (b *sceneBuilder) offices() []Item {
	var items []Item
	u := b.u
	showNames := b.sc.Scale/b.u >= carto.PxPerUnit*carto.LabelSteps[carto.OfficeNamesStep]
	var names []PixelBox
	for _, o := range b.d.Offices {
		x, y := b.sc.Pixel(geo.Project(o.Lon, o.Lat))
		box := PixelBox{x - 6.5*u, y - 19*u, x + 6.5*u, y + u}
		if !box.Overlaps(PixelBox{0, 0, float64(b.sc.Width), float64(b.sc.Height)}) {
			continue
		}
		b.obstacles = append(b.obstacles, box)
		items = append(items,
			&Polygon{ID: o.ID, Points: pin(x, y, u), Paint: Paint{Fill: b.pal.Office.NRGBA(), Stroke: b.pal.MarkerRing.NRGBA(), StrokeWidth: 1.2 * u}},
			&Marker{X: x, Y: y - 12*u, R: 2 * u, Paint: Paint{Fill: b.pal.MarkerRing.NRGBA()}}) // the pin's hole
		if showNames {
			name := o.City.In(b.p.Lang)
			size := carto.OfficeLabelFontPx * u
			nb := PixelBox{x + 7*u, y - 8*u - size, x + 7*u + b.measure(false, name, size), y - 8*u + 0.3*size}
			names = append(names, nb)
			items = append(items, &Text{X: nb[0], Y: y - 8*u, S: name, Size: size, Anchor: "start",
				Halo: b.pal.LabelHalo.NRGBA(), HaloWidth: 3 * u, Paint: Paint{Fill: b.pal.LabelFg.NRGBA()}})
		}
	}
	b.obstacles = append(b.obstacles, names...)
	return items
}
