package render

import (
	"image/color"
	"math"
	"qcmap/geo/carto"
	"strconv"
	"strings"

	"qcmap"
	"qcmap/geo"
)

// A Scene is one picture of the map, as GET /map.svg and GET /map.png draw
// it: what to draw, in order, with the view's transform. It is built once
// from the boundaries, the dataset and the parameters (NewScene), and two
// writers turn it into bytes (Scene.SVG, Scene.PNG), so the two images show
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

// PixelBox is a rectangle in pixels: minX, minY, maxX, maxY.
type PixelBox [4]float64

// Overlaps reports whether b and o share any pixel.
func (b PixelBox) Overlaps(o PixelBox) bool {
	return b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]
}

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

// uiScale is the size of the markers, labels and legend relative to the
// page's CSS pixels: 1 for a 1280×720 picture, more for a larger one so
// that a slide stays legible.
func uiScale(w, h int) float64 {
	u := min(float64(w)/1280, float64(h)/720)
	return min(max(u, 0.75), 3)
}

// NewScene returns the scene of the map that p describes, drawn from the
// boundaries a and the dataset d. p must have been checked (Parsecarto.Params).
// Neither a nor d is changed.
func NewScene(a *geo.Atlas, d *qcmap.Dataset, p carto.Params, measure Measure) (*Scene, error) {
	world, err := a.Level(geo.World)
	if err != nil {
		return nil, err
	}
	sc := &Scene{Width: p.Width, Height: p.Height, Labels: map[string]PixelBox{}}
	sc.Scale, sc.Origin = frame(world, p)
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
	var legend []Item
	if p.Legend {
		legend = b.legend(source)
	}
	markers, pins := b.markers(), b.offices()
	b.labels()
	b.add(pins...)
	b.add(markers...)
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

// legend returns the legend box at the bottom left, above the source line:
// the world areas' colours, Québec, France and the offices, in the
// picture's language, with the filters in force. A picture too small to
// hold it gets none.
func (b *sceneBuilder) legend(source []Item) []Item {
	u, lang, pal := b.u, b.p.Lang, b.pal
	pad, row, gap := 10*u, 20*u, 8*u
	sw, sh := 16*u, 12*u
	title := carto.Text(lang, "legend")
	var notes []string
	if b.p.Sector != "" {
		if t, err := b.d.Sector(b.p.Sector); err == nil {
			notes = append(notes, carto.Text(lang, "sector")+t.Name.In(lang))
		}
	}
	if b.p.Year != 0 {
		notes = append(notes, carto.Text(lang, "year")+strconv.Itoa(b.p.Year))
	}
	type entry struct {
		text   string
		swatch func(x, y float64) Item
	}
	var entries []entry
	for _, le := range carto.Legend(b.d) {
		c := pal.Area(le.Area).NRGBA()
		var swatch func(x, y float64) Item
		switch le.Kind {
		case carto.LegendArea:
			swatch = func(x, y float64) Item {
				return &Rect{X: x, Y: y, W: sw, H: sh, R: 2 * u, Paint: Paint{Fill: c}}
			}
		case carto.LegendHome:
			swatch = func(x, y float64) Item {
				return &Rect{X: x + u, Y: y + u, W: sw - 2*u, H: sh - 2*u, Paint: Paint{Fill: pal.Home.NRGBA(), Stroke: pal.HomeLine.NRGBA(), StrokeWidth: 2 * u}}
			}
		case carto.LegendCountry:
			swatch = func(x, y float64) Item {
				return &Rect{X: x, Y: y, W: sw, H: sh, R: 2 * u, Paint: Paint{Fill: pal.Land.NRGBA(), Hatch: c, Stroke: c, StrokeWidth: 0.8 * u}}
			}
		case carto.LegendOffice:
			swatch = func(x, y float64) Item {
				return &Polygon{Points: pin(x+sw/2, y+sh+2*u, 0.8*u), Paint: Paint{Fill: pal.Office.NRGBA(), Stroke: pal.MarkerRing.NRGBA(), StrokeWidth: u}}
			}
		}
		entries = append(entries, entry{le.Text.In(lang), swatch})
	}

	text, noteSize, titleSize := 13*u, 12*u, 14*u
	width := b.measure(true, title, titleSize)
	for _, n := range notes {
		width = max(width, b.measure(false, n, noteSize))
	}
	for _, e := range entries {
		width = max(width, sw+gap+b.measure(false, e.text, text))
	}
	width += 2 * pad
	height := 2*pad + titleSize*1.4 + float64(len(notes))*noteSize*1.4 + float64(len(entries))*row
	bottom := float64(b.sc.Height) - 12*u
	if len(source) > 0 {
		bottom = source[0].(*Rect).Y - 6*u
	}
	x0, y0 := 12*u, bottom-height
	if width > 0.5*float64(b.sc.Width) || y0 < 0.3*float64(b.sc.Height) {
		return nil
	}
	items := []Item{&Rect{X: x0, Y: y0, W: width, H: height, R: 6 * u,
		Paint: Paint{Fill: pal.PanelBg.NRGBA(), Stroke: pal.Line.NRGBA(), StrokeWidth: u, Opacity: 0.94}}}
	y := y0 + pad + titleSize
	items = append(items, &Text{X: x0 + pad, Y: y, S: title, Size: titleSize, Bold: true, Anchor: "start", Paint: Paint{Fill: pal.LabelFg.NRGBA()}})
	y += titleSize * 0.4
	for _, n := range notes {
		y += noteSize * 1.4
		items = append(items, &Text{X: x0 + pad, Y: y - 0.2*noteSize, S: n, Size: noteSize, Anchor: "start", Paint: Paint{Fill: pal.Muted.NRGBA()}})
	}
	y += 0.3 * row
	for _, e := range entries {
		items = append(items, e.swatch(x0+pad, y+(row-sh)/2),
			&Text{X: x0 + pad + sw + gap, Y: y + row/2 + 0.35*text, S: e.text, Size: text, Anchor: "start", Paint: Paint{Fill: pal.LabelFg.NRGBA()}})
		y += row
	}
	b.obstacles = append(b.obstacles, PixelBox{x0, y0, x0 + width, y0 + height})
	return items
}

// source returns the source line at the bottom right, always drawn: the
// page the data comes from, its date, and Natural Earth for the boundaries.
// It wraps where the picture is too narrow for one line.
func (b *sceneBuilder) source() []Item {
	u, s := b.u, carto.SourceLine(b.d, b.p.Lang)
	size := 11 * u
	pad := 4 * u
	maxW := float64(b.sc.Width) - 2*pad - 4
	lines := wrap(s, size, maxW, b.measure)
	width := 0.0
	for _, l := range lines {
		width = max(width, b.measure(false, l, size))
	}
	lh := size * 1.3
	h := float64(len(lines))*lh + 2*pad
	W, H := float64(b.sc.Width), float64(b.sc.Height)
	bg := &Rect{X: W - width - 2*pad, Y: H - h, W: width + 2*pad, H: h, Paint: Paint{Fill: b.pal.PanelBg.NRGBA(), Opacity: 0.85}}
	items := []Item{bg}
	for i, l := range lines {
		items = append(items, &Text{X: W - pad, Y: H - h + pad + float64(i)*lh + size, S: l, Size: size,
			Anchor: "end", Paint: Paint{Fill: b.pal.LabelFg.NRGBA()}})
	}
	b.obstacles = append(b.obstacles, PixelBox{bg.X, bg.Y, W, H})
	return items
}

// wrap breaks s into lines no wider than maxW at size. It breaks between
// phrases (after a comma, before a "·") where it can, else between words,
// and never parts a guillemet or a colon from its word.
func wrap(s string, size, maxW float64, measure Measure) []string {
	var words []string
	for _, w := range strings.Fields(s) {
		if n := len(words); n > 0 && (w == "»" || w == ":" || words[n-1] == "«") {
			words[n-1] += " " + w
			continue
		}
		words = append(words, w)
	}
	var phrases [][]string
	for i, w := range words {
		if i == 0 || w == "·" || strings.HasSuffix(words[i-1], ",") {
			phrases = append(phrases, nil)
		}
		phrases[len(phrases)-1] = append(phrases[len(phrases)-1], w)
	}
	fits := func(line string) bool { return measure(false, line, size) <= maxW }
	var lines []string
	line := ""
	add := func(piece string) {
		switch {
		case line == "":
			line = piece
		case fits(line + " " + piece):
			line += " " + piece
		default:
			lines = append(lines, line)
			line = piece
		}
	}
	for _, ph := range phrases {
		if whole := strings.Join(ph, " "); fits(whole) {
			add(whole)
			continue
		}
		for _, w := range ph {
			add(w)
		}
	}
	return append(lines, line)
}

// Measure returns the width in pixels of s set bold or regular at size
// pixels per em, as the picture's writer draws it: the PNG's Go fonts
// (png.TextWidth) for both images.
type Measure func(bold bool, s string, size float64) float64
