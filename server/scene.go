package server

import (
	"fmt"
	"image/color"
	"math"
	"slices"
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

func (b PixelBox) overlaps(o PixelBox) bool {
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

func (p Paint) opacity() float64 {
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

// palette is the map's colours in one theme, from assets/web/qcmap.css.
type palette struct {
	sea, land, landLine, adminLine, partnerLine, home, homeLine, office, selected,
	labelFg, labelHalo, panelBg, panelLine, muted color.NRGBA
	areas map[string]color.NRGBA
}

var palettes = map[string]palette{
	"light": {
		sea: rgb(0xdde9f2), land: rgb(0xf5f2ea), landLine: rgb(0xb8b0a0), adminLine: rgb(0xcfc7b8),
		partnerLine: rgb(0xffffff), home: rgb(0xffc533), homeLine: rgb(0x3d2e00), office: rgb(0xb3002d),
		selected: rgb(0xffb000), labelFg: rgb(0x1b1b1b), labelHalo: rgb(0xffffff),
		panelBg: rgb(0xffffff), panelLine: rgb(0xd0d7de), muted: rgb(0x4d5561),
		areas: map[string]color.NRGBA{
			"north-america": rgb(0x0a5d9e), "western-europe": rgb(0xa34b00),
			"latin-america": rgb(0x00775a), "asia": rgb(0x86337f),
		},
	},
	"dark": {
		sea: rgb(0x0e1a26), land: rgb(0x2a2f36), landLine: rgb(0x59616b), adminLine: rgb(0x444b54),
		partnerLine: rgb(0x0e1a26), home: rgb(0xffd466), homeLine: rgb(0xffe9a8), office: rgb(0xff6b8b),
		selected: rgb(0xffb000), labelFg: rgb(0xf2f4f7), labelHalo: rgb(0x111418),
		panelBg: rgb(0x181c21), panelLine: rgb(0x39414b), muted: rgb(0xb7bec7),
		areas: map[string]color.NRGBA{
			"north-america": rgb(0x5aa9f0), "western-europe": rgb(0xf08a3c),
			"latin-america": rgb(0x3cc79c), "asia": rgb(0xd48ad0),
		},
	},
}

func rgb(v uint32) color.NRGBA {
	return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}
}

func (p palette) area(id string) color.NRGBA {
	if c, ok := p.areas[id]; ok {
		return c
	}
	return p.muted
}

// The marker's ring is white with a dark outline in both themes, as on the page.
var (
	white     = rgb(0xffffff)
	markerInk = rgb(0x1b1b1b)
)

// Opacities of what the sector and year filters leave out, as on the page.
const (
	dimShape  = 0.22
	dimMarker = 0.3
	dimLabel  = 0.35
)

// maxFocusZoom is the most a focus partner is zoomed in, as the page does,
// so that a tiny partner is not blown up past its detail.
const maxFocusZoom = 24

// uiScale is the size of the markers, labels and legend relative to the
// page's CSS pixels: 1 for a 1280×720 picture, more for a larger one so
// that a slide stays legible.
func uiScale(w, h int) float64 {
	u := min(float64(w)/1280, float64(h)/720)
	return min(max(u, 0.75), 3)
}

// NewScene returns the scene of the map that p describes, drawn from the
// boundaries a and the dataset d. p must have been checked (ParseMapParams).
// Neither a nor d is changed.
func NewScene(a *geo.Atlas, d *qcmap.Dataset, p MapParams) (*Scene, error) {
	world, err := a.Level(geo.World)
	if err != nil {
		return nil, err
	}
	sc := &Scene{Width: p.Width, Height: p.Height, Labels: map[string]PixelBox{}}
	sc.Scale, sc.Origin = frame(world, p)
	sc.Level = geo.LevelFor(sc.Scale)
	sc.Title = mapText(p.Lang, "title")
	if j, err := d.Jurisdiction(p.Focus); err == nil && p.Focus != "" {
		sc.Title = j.Name.In(p.Lang)
	}
	pal, ok := palettes[p.Theme]
	if !ok {
		pal = palettes["light"]
	}
	b := &sceneBuilder{sc: sc, d: d, p: p, pal: pal, u: uiScale(p.Width, p.Height), world: world,
		bright: d.Bright(p.Sector, p.Year)}
	b.add(&Rect{W: float64(p.Width), H: float64(p.Height), Paint: Paint{Fill: pal.sea}})
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
func frame(world *geo.Level, p MapParams) (scale float64, origin geo.Point) {
	w, h := float64(p.Width), float64(p.Height)
	fit := math.Max(geo.Width/w, geo.Height/h) // map units per pixel at zoom 1
	cx, cy, k := geo.Width/2, geo.Height/2, 1.0
	switch {
	case p.View.Kind == ViewZoom:
		cx, cy, k = p.View.N[0], p.View.N[1], p.View.N[2]
	case p.View.Kind == ViewBBox:
		b := geo.ProjectBox(p.View.N[0], p.View.N[1], p.View.N[2], p.View.N[3])
		cx, cy = (b[0]+b[2])/2, (b[1]+b[3])/2
		k = fit * math.Min(w/math.Max(b[2]-b[0], 1e-3), h/math.Max(b[3]-b[1], 1e-3))
	case p.Focus != "":
		if s, ok := world.Shape(geo.LayerPartners, p.Focus); ok {
			b := mainBox(s, world.Factor)
			cx, cy = (b[0]+b[2])/2, (b[1]+b[3])/2
			// As the page's viewport.fit: the box takes at most 45 % of the
			// picture, so its neighbours show too.
			bw, bh := math.Max(b[2]-b[0], 1), math.Max(b[3]-b[1], 1)
			k = math.Min(math.Min(w*fit/(bw/0.45), h*fit/(bh/0.45)), maxFocusZoom)
		}
	}
	k = min(max(k, minZoom), maxZoom)
	scale = k / fit
	return scale, geo.Point{cx - w/2/scale, cy - h/2/scale}
}

// The zoom's range, as the page's (app/viewport.go).
const (
	minZoom = 1
	maxZoom = 200
)

// mainBox returns the box of the ring of s that holds its label point: for
// France, metropolitan France rather than a box from Guiana to Réunion.
func mainBox(s geo.Shape, factor int) geo.Box {
	f := float64(factor)
	lx, ly := s.Label[0]*f, s.Label[1]*f
	var ring []geo.Point
	var found geo.Box
	ok := false
	walkPath(s.D, func(op byte, x, y int) {
		if ok {
			return
		}
		switch op {
		case 'M':
			ring = append(ring[:0], geo.Point{float64(x), float64(y)})
		case 'L':
			ring = append(ring, geo.Point{float64(x), float64(y)})
		case 'Z':
			if inRing(ring, lx, ly) {
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

// inRing reports whether (x, y) is inside the ring, by the crossing rule.
func inRing(ring []geo.Point, x, y float64) bool {
	in := false
	for i, j := 0, len(ring)-1; i < len(ring); j, i = i, i+1 {
		a, b := ring[i], ring[j]
		if (a[1] > y) != (b[1] > y) && x < (b[0]-a[0])*(y-a[1])/(b[1]-a[1])+a[0] {
			in = !in
		}
	}
	return in
}

// sceneBuilder holds what the parts of a scene share while it is built.
type sceneBuilder struct {
	sc     *Scene
	d      *qcmap.Dataset
	p      MapParams
	pal    palette
	u      float64 // uiScale
	world  *geo.Level
	bright map[string]bool // nil: no filter

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
	land := Paint{Fill: b.pal.land, Stroke: b.pal.landLine, StrokeWidth: 0.6}
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
		return !world || !slices.Contains([]string{"FR", "IT", "ES"}, s.Country())
	}, Paint{Stroke: b.pal.adminLine, StrokeWidth: 0.5}))
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
		paint := Paint{Fill: b.pal.area(j.Area), Stroke: b.pal.partnerLine, StrokeWidth: 0.8}
		switch j.Kind {
		case qcmap.KindHome:
			paint = Paint{Fill: b.pal.home, Stroke: b.pal.homeLine, StrokeWidth: 1.2}
		case qcmap.KindCountry:
			paint.Fill, paint.Hatch = b.pal.land, b.pal.area(j.Area)
		}
		if b.dim(j.ID) {
			paint.Opacity = dimShape
		}
		it := &Shapes{ID: j.ID, Class: geo.LayerPartners, Factor: f, D: []string{s.D}, Box: s.Box, Paint: paint}
		if j.ID == b.p.Focus {
			it.Stroke, it.StrokeWidth = b.pal.selected, 3*b.u
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
		m := &Marker{ID: j.ID, X: x, Y: y, R: r, DotR: 3.5 * u, DotColor: b.pal.area(j.Area),
			Paint: Paint{Fill: white, Stroke: markerInk, StrokeWidth: sw}}
		if j.Kind == qcmap.KindHome {
			m.Fill, m.DotColor = b.pal.home, b.pal.homeLine
		}
		if j.ID == b.p.Focus {
			m.R, m.Stroke, m.StrokeWidth = 8*u, b.pal.selected, 4*u
		}
		if b.dim(j.ID) {
			m.Opacity = dimMarker
		}
		half := m.R + m.StrokeWidth/2
		box := PixelBox{x - half, y - half, x + half, y + half}
		if !box.overlaps(PixelBox{0, 0, float64(b.sc.Width), float64(b.sc.Height)}) {
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
	showNames := b.sc.Scale/b.u >= pxPerUnit*ZoomSteps[3]
	var names []PixelBox
	for _, o := range b.d.Offices {
		x, y := b.sc.Pixel(geo.Project(o.Lon, o.Lat))
		box := PixelBox{x - 6.5*u, y - 19*u, x + 6.5*u, y + u}
		if !box.overlaps(PixelBox{0, 0, float64(b.sc.Width), float64(b.sc.Height)}) {
			continue
		}
		b.obstacles = append(b.obstacles, box)
		items = append(items,
			&Polygon{ID: o.ID, Points: pin(x, y, u), Paint: Paint{Fill: b.pal.office, Stroke: white, StrokeWidth: 1.2 * u}},
			&Marker{X: x, Y: y - 12*u, R: 2 * u, Paint: Paint{Fill: white}}) // the pin's hole
		if showNames {
			name := o.City.In(b.p.Lang)
			size := 11 * u
			nb := PixelBox{x + 7*u, y - 8*u - size, x + 7*u + textWidth(false, name, size), y - 8*u + 0.3*size}
			names = append(names, nb)
			items = append(items, &Text{X: nb[0], Y: y - 8*u, S: name, Size: size, Anchor: "start",
				Halo: b.pal.labelHalo, HaloWidth: 3 * u, Paint: Paint{Fill: b.pal.labelFg}})
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
	order := slices.Clone(b.marks)
	rank := func(m mark) int {
		switch {
		case m.j.ID == b.p.Focus:
			return 0
		case b.dim(m.j.ID):
			return 2
		}
		return 1
	}
	slices.SortStableFunc(order, func(x, y mark) int {
		if rx, ry := rank(x), rank(y); rx != ry {
			return rx - ry
		}
		switch {
		case x.area > y.area:
			return -1
		case x.area < y.area:
			return 1
		}
		return strings.Compare(x.j.ID, y.j.ID)
	})
	u := b.u
	size := labelFontPx * u
	picture := PixelBox{2, 2, float64(b.sc.Width) - 2, float64(b.sc.Height) - 2}
	for _, m := range order {
		text := m.j.Name.In(b.p.Lang)
		w, h := textWidth(true, text, size)+4*u, size*1.3
		off := 9 * u
		if m.j.ID == b.p.Focus {
			off = 11 * u
		}
		candidates := []PixelBox{
			{m.x - w/2, m.y + off, m.x + w/2, m.y + off + h},
			{m.x - w/2, m.y - off - h, m.x + w/2, m.y - off},
			{m.x + off + u, m.y - h/2, m.x + off + u + w, m.y + h/2},
			{m.x - off - u - w, m.y - h/2, m.x - off - u, m.y + h/2},
		}
		chosen, ok := candidates[0], false
		for _, c := range candidates {
			if c[0] < picture[0] || c[1] < picture[1] || c[2] > picture[2] || c[3] > picture[3] {
				continue
			}
			if !slices.ContainsFunc(b.obstacles, c.overlaps) {
				chosen, ok = c, true
				break
			}
		}
		if !ok && m.j.ID != b.p.Focus {
			continue
		}
		b.obstacles = append(b.obstacles, chosen)
		b.sc.Labels[m.j.ID] = chosen
		t := &Text{X: (chosen[0] + chosen[2]) / 2, Y: chosen[3] - 0.3*size, S: text, Size: size, Bold: true,
			Anchor: "middle", Halo: b.pal.labelHalo, HaloWidth: 3.5 * u, Paint: Paint{Fill: b.pal.labelFg}}
		if b.dim(m.j.ID) {
			t.Opacity = dimLabel
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
	title := sceneText(lang, "legend")
	var notes []string
	if b.p.Sector != "" {
		if t, err := b.d.Sector(b.p.Sector); err == nil {
			notes = append(notes, sceneText(lang, "sector")+t.Name.In(lang))
		}
	}
	if b.p.Year != 0 {
		notes = append(notes, sceneText(lang, "year")+strconv.Itoa(b.p.Year))
	}
	type entry struct {
		text   string
		swatch func(x, y float64) Item
	}
	var entries []entry
	for _, a := range b.d.Areas {
		c := pal.area(a.ID)
		entries = append(entries, entry{a.Name.In(lang), func(x, y float64) Item {
			return &Rect{X: x, Y: y, W: sw, H: sh, R: 2 * u, Paint: Paint{Fill: c}}
		}})
	}
	entries = append(entries, entry{sceneText(lang, "home"), func(x, y float64) Item {
		return &Rect{X: x + u, Y: y + u, W: sw - 2*u, H: sh - 2*u, Paint: Paint{Fill: pal.home, Stroke: pal.homeLine, StrokeWidth: 2 * u}}
	}})
	for _, j := range b.d.Jurisdictions {
		if j.Kind == qcmap.KindCountry {
			text := j.Note.In(lang)
			if text == "" {
				text = j.Name.In(lang)
			}
			c := pal.area(j.Area)
			entries = append(entries, entry{text, func(x, y float64) Item {
				return &Rect{X: x, Y: y, W: sw, H: sh, R: 2 * u, Paint: Paint{Fill: pal.land, Hatch: c, Stroke: c, StrokeWidth: 0.8 * u}}
			}})
		}
	}
	entries = append(entries, entry{sceneText(lang, "office"), func(x, y float64) Item {
		return &Polygon{Points: pin(x+sw/2, y+sh+2*u, 0.8*u), Paint: Paint{Fill: pal.office, Stroke: white, StrokeWidth: u}}
	}})

	text, noteSize, titleSize := 13*u, 12*u, 14*u
	width := textWidth(true, title, titleSize)
	for _, n := range notes {
		width = max(width, textWidth(false, n, noteSize))
	}
	for _, e := range entries {
		width = max(width, sw+gap+textWidth(false, e.text, text))
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
		Paint: Paint{Fill: pal.panelBg, Stroke: pal.panelLine, StrokeWidth: u, Opacity: 0.94}}}
	y := y0 + pad + titleSize
	items = append(items, &Text{X: x0 + pad, Y: y, S: title, Size: titleSize, Bold: true, Anchor: "start", Paint: Paint{Fill: pal.labelFg}})
	y += titleSize * 0.4
	for _, n := range notes {
		y += noteSize * 1.4
		items = append(items, &Text{X: x0 + pad, Y: y - 0.2*noteSize, S: n, Size: noteSize, Anchor: "start", Paint: Paint{Fill: pal.muted}})
	}
	y += 0.3 * row
	for _, e := range entries {
		items = append(items, e.swatch(x0+pad, y+(row-sh)/2),
			&Text{X: x0 + pad + sw + gap, Y: y + row/2 + 0.35*text, S: e.text, Size: text, Anchor: "start", Paint: Paint{Fill: pal.labelFg}})
		y += row
	}
	b.obstacles = append(b.obstacles, PixelBox{x0, y0, x0 + width, y0 + height})
	return items
}

// source returns the source line at the bottom right, always drawn: the
// page the data comes from, its date, and Natural Earth for the boundaries.
// It wraps where the picture is too narrow for one line.
func (b *sceneBuilder) source() []Item {
	u, lang, src := b.u, b.p.Lang, b.d.Source
	var s string
	if lang == "en" {
		s = fmt.Sprintf("Source: “%s”, %s, updated %s · Natural Earth", src.Title.EN, src.Publisher.EN, src.Updated)
	} else {
		s = fmt.Sprintf("Source : « %s », %s, mise à jour le %s · Natural Earth", src.Title.FR, lowerFirst(src.Publisher.FR), src.Updated)
	}
	size := 11 * u
	pad := 4 * u
	maxW := float64(b.sc.Width) - 2*pad - 4
	lines := wrap(s, size, maxW)
	width := 0.0
	for _, l := range lines {
		width = max(width, textWidth(false, l, size))
	}
	lh := size * 1.3
	h := float64(len(lines))*lh + 2*pad
	W, H := float64(b.sc.Width), float64(b.sc.Height)
	bg := &Rect{X: W - width - 2*pad, Y: H - h, W: width + 2*pad, H: h, Paint: Paint{Fill: b.pal.panelBg, Opacity: 0.85}}
	items := []Item{bg}
	for i, l := range lines {
		items = append(items, &Text{X: W - pad, Y: H - h + pad + float64(i)*lh + size, S: l, Size: size,
			Anchor: "end", Paint: Paint{Fill: b.pal.labelFg}})
	}
	b.obstacles = append(b.obstacles, PixelBox{bg.X, bg.Y, W, H})
	return items
}

// wrap breaks s into lines no wider than maxW at size. It breaks between
// phrases (after a comma, before a "·") where it can, else between words,
// and never parts a guillemet or a colon from its word.
func wrap(s string, size, maxW float64) []string {
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
	fits := func(line string) bool { return textWidth(false, line, size) <= maxW }
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

func lowerFirst(s string) string {
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// sceneText returns the images' own strings in lang.
func sceneText(lang, key string) string { return sceneTexts[key].In(lang) }

var sceneTexts = map[string]qcmap.Text{
	"legend": {FR: "Légende", EN: "Legend"},
	"home":   {FR: "Le Québec", EN: "Québec"},
	"office": {FR: "Bureau du Québec", EN: "Québec office"},
	"sector": {FR: "Secteur : ", EN: "Sector: "},
	"year":   {FR: "Ententes signées jusqu'en ", EN: "Agreements signed up to "},
}
