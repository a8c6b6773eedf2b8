package render

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"qcmap"
	"qcmap/geo"
	"qcmap/geo/carto"
)

// The map's markup is made here, once per dataset and language, so that the
// browser only inserts it: no projection, no path building, no layout in wasm.
//
// The SVG is in map units (geo.Width wide). Each level of detail sits in a
// <g transform="scale(1/factor)"> inside <g id="lod">, which the client
// replaces with a fragment from GET /geo/{level}/{area} as the zoom changes.
// Markers, pins and labels sit outside it, at their points, and their inner
// <g class="s"> is scaled by the stylesheet with 1/--k, the zoom, so they keep
// their size on screen.

// MapOptions is what the map markup depends on besides the boundaries.
type MapOptions struct {
	Lang string
	// Origin is Québec City, (lon, lat) in degrees, where the arcs start;
	// the zero point draws no arcs.
	Origin orb.Point
	// Measure is how the first view's names are measured: the images'
	// (png.TextWidth), so that the page and the images lay them out alike.
	Measure Measure
}

// MapSVG returns the page's map: the world level, the partners, their
// markers and labels, the offices and the arcs, as one <svg> element.
func MapSVG(a *geo.Atlas, d *qcmap.Dataset, opts MapOptions) (string, error) {
	world, err := a.Level(geo.World)
	if err != nil {
		return "", err
	}
	lang := opts.Lang
	measure := opts.Measure
	if measure == nil {
		measure = func(_ bool, s string, size float64) float64 { return estimateWidth(s, size) }
	}
	fvs, err := FirstViews(a, d, lang, measure)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.Grow(256 << 10)
	// The map is drawn at the first view: the classes' views share their
	// width and centre, so the widest class's box (the laptop's), fitted
	// to the element by the browser, is every upright screen's first view
	// too, before the wasm sets the viewBox.
	view := fvs[0].Box()
	for _, fv := range fvs {
		if bx := fv.Box(); bx[3]-bx[1] < view[3]-view[1] {
			view = bx
		}
	}
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" id="map" class="map z0 fv" viewBox="%s %s %s %s" preserveAspectRatio="xMidYMid meet" role="group" aria-labelledby="map-title map-desc">`,
		n4(view[0]), n4(view[1]), n4(view[2]-view[0]), n4(view[3]-view[1]))
	fmt.Fprintf(&b, `<title id="map-title">%s</title><desc id="map-desc">%s</desc>`,
		esc(carto.Text(lang, "title")), esc(carto.Text(lang, "desc")))
	b.WriteString(`<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45) scale(1.6)"><rect class="hatch-bg" width="6" height="6"/><path class="hatch-line" d="M1 0v6"/></pattern></defs>`)
	fmt.Fprintf(&b, `<rect class="sea" x="%s" y="%s" width="%s" height="%s"/>`,
		num(-geo.Width), num(-geo.Height), num(3*geo.Width), num(3*geo.Height))
	b.WriteString(`<g id="lod" data-level="world">`)
	writeLevel(&b, d, world, geo.WorldBox, lang, true)
	b.WriteString(`</g>`)
	writeArcs(&b, d, world, opts.Origin)
	writeLabels(&b, d, world, lang)
	writeFirstViewLayers(&b, fvs)
	// Offices go over the markers: a pin is the smaller target, and the
	// city often stands near its state's marker (São Paulo).
	writeMarkers(&b, d, world, lang, fvs)
	writeOffices(&b, d, lang, fvs)
	b.WriteString(`</svg>`)
	return b.String(), nil
}

// LevelFragment returns the <g> that replaces the content of <g id="lod">
// for a level and an area: the shapes whose box meets the area. The closeup
// level holds only the partner countries, so it is drawn over the
// continent level's countries.
func LevelFragment(a *geo.Atlas, d *qcmap.Dataset, level, area, lang string) (string, error) {
	box, ok := geo.AreaBox(area)
	if !ok {
		return "", fmt.Errorf("%w: area %q", geo.ErrNotFound, area)
	}
	lv, err := a.Level(level)
	if err != nil {
		return "", err
	}
	// Take in the neighbourhood too, so a pan does not show empty land at once.
	w, h := box[2]-box[0], box[3]-box[1]
	box = geo.Box{box[0] - w/2, box[1] - h/2, box[2] + w/2, box[3] + h/2}
	var b strings.Builder
	b.WriteString(`<g xmlns="http://www.w3.org/2000/svg">`)
	if level == geo.Closeup {
		cont, err := a.Level(geo.Continent)
		if err != nil {
			return "", err
		}
		writeLayer(&b, cont, geo.LayerCountries, box, nil)
	}
	writeLevel(&b, d, lv, box, lang, false)
	b.WriteString(`</g>`)
	return b.String(), nil
}

// writeLevel writes the three layers of lv that meet box. At the world level
// the admin-1 borders of countries cut into hundreds of provinces (France,
// Italy, Spain) are left out: they are not legible at that scale and would
// double the page's weight.
func writeLevel(b *strings.Builder, d *qcmap.Dataset, lv *geo.Level, box geo.Box, lang string, world bool) {
	writeLayer(b, lv, geo.LayerCountries, box, nil)
	writeLayer(b, lv, geo.LayerAdmin1, box, func(s geo.Shape) bool {
		return !world || carto.WorldShowsAdmin1(s.Country())
	})
	scale := "scale(" + strconv.FormatFloat(1/float64(lv.Factor), 'g', -1, 64) + ")"
	fmt.Fprintf(b, `<g class="partners" transform="%s">`, scale)
	for _, s := range lv.Partners {
		j, err := d.Jurisdiction(s.ID)
		if err != nil || !s.Box.Intersects(box) {
			continue
		}
		// The shape is a link for pages without wasm; the marker is the
		// keyboard's and the screen reader's way in, so the shape is hidden
		// from both.
		fmt.Fprintf(b, `<a href="%s" data-id="%s" class="%s" tabindex="-1" aria-hidden="true"><path d="%s"/></a>`,
			partnerHref(j.ID, lang), j.ID, partnerClass(j), s.D)
	}
	b.WriteString(`</g>`)
}

// writeLayer writes the basemap layer as a few compound paths, one per cell
// of a grid over the world (layerCols × layerRows) for the shapes whose box
// centres fall in it. The layer is drawn, not clicked, so a path per shape
// would only add weight; but the browser rasters the screen in tiles, and
// each tile replays every path whose bounds meet it: one path for the whole
// world made every tile of the first frame fill and stroke all the world's
// land (most of its 120 to 220 ms of software raster).
func writeLayer(b *strings.Builder, lv *geo.Level, layer string, box geo.Box, keep func(geo.Shape) bool) {
	scale := strconv.FormatFloat(1/float64(lv.Factor), 'g', -1, 64)
	fmt.Fprintf(b, `<g class="%s" transform="scale(%s)">`, layer, scale)
	var cells [layerCols * layerRows][]string
	for _, s := range lv.Layer(layer) {
		if s.Box.Intersects(box) && (keep == nil || keep(s)) {
			c := layerCell(s.Box)
			cells[c] = append(cells[c], s.D)
		}
	}
	for _, ds := range cells {
		if len(ds) == 0 {
			continue
		}
		b.WriteString(`<path d="`)
		for _, d := range ds {
			b.WriteString(d)
		}
		b.WriteString(`"/>`)
	}
	b.WriteString(`</g>`)
}

// The grid of writeLayer: cells of about 125 map units, 250 pixels at the
// world view of a desktop, about the size of the browser's raster tiles.
const layerCols, layerRows = 8, 4

// layerCell returns the cell of the grid that holds the centre of box, in
// row-major order.
func layerCell(box geo.Box) int {
	col := int((box[0] + box[2]) / 2 / geo.Width * layerCols)
	row := int((box[1] + box[3]) / 2 / geo.Height * layerRows)
	return min(max(row, 0), layerRows-1)*layerCols + min(max(col, 0), layerCols-1)
}

// writeMarkers writes a marker per jurisdiction at its label point: the one
// target that is clickable and focusable at every zoom, even where the shape
// is a few pixels wide (Flanders, Wallonia, Lombardy, Vermont).
func writeMarkers(b *strings.Builder, d *qcmap.Dataset, world *geo.Level, lang string, fvs []*FirstView) {
	b.WriteString(`<g class="markers">`)
	for _, j := range d.Jurisdictions {
		s, ok := world.Shape(geo.LayerPartners, j.ID)
		if !ok {
			continue
		}
		fmt.Fprintf(b, `<a href="%s" data-id="%s" class="marker %s" aria-label="%s" data-box="%s" transform="translate(%s %s)"><g class="s"><circle r="6"/><circle class="dot" r="2.5"/></g>`,
			partnerHref(j.ID, lang), j.ID, partnerClass(&j), esc(j.Name.In(lang)),
			boxAttr(s.Box), num(s.Label[0]), num(s.Label[1]))
		writeTags(b, fvs, j.ID)
		b.WriteString(`</a>`)
	}
	b.WriteString(`</g>`)
}

// writeOffices writes a pin per office, with its city's name.
func writeOffices(b *strings.Builder, d *qcmap.Dataset, lang string, fvs []*FirstView) {
	b.WriteString(`<g class="offices">`)
	for _, o := range d.Offices {
		p := geo.Project(o.Lon, o.Lat)
		fmt.Fprintf(b, `<g data-id="%s" class="office" role="button" tabindex="0" aria-label="%s" transform="translate(%s %s)"><g class="s"><path class="pin" d="M0 0l-5-9a6 6 0 1 1 10 0z"/><circle class="pin-hole" cy="-12" r="2"/><text class="office-label" x="7" y="-8">%s</text></g>`,
			o.ID, esc(carto.Text(lang, "office-in")+" "+o.City.In(lang)), num(p[0]), num(p[1]), esc(o.City.In(lang)))
		writeTags(b, fvs, o.ID)
		b.WriteString(`</g>`)
	}
	b.WriteString(`</g>`)
}

// writeArcs writes the great-circle arcs from Québec City to each partner,
// hidden until the legend's toggle shows them.
func writeArcs(b *strings.Builder, d *qcmap.Dataset, world *geo.Level, origin orb.Point) {
	if origin == (orb.Point{}) {
		return
	}
	fmt.Fprintf(b, `<g class="arcs" transform="scale(%s)">`, strconv.FormatFloat(1/float64(world.Factor), 'g', -1, 64))
	for _, j := range d.Jurisdictions {
		s, ok := world.Shape(geo.LayerPartners, j.ID)
		if !ok || j.Kind == qcmap.KindHome {
			continue
		}
		lon, lat := geo.Unproject(s.Label)
		fmt.Fprintf(b, `<path data-arc="%s" class="arc %s" d="%s"/>`, j.ID, "a-"+j.Area, geo.Arc(origin, orb.Point{lon, lat}))
	}
	b.WriteString(`</g>`)
}

// writeLabels writes the partners' names. Each label takes the first of a
// few places around its marker that overlaps no marker, no office pin and no
// label placed before it, at the smallest zoom step where one is free; it is
// classed mzN with that step, and the stylesheet shows .mzN when the map has
// class zN or more. Larger shapes are placed first: their names are the ones
// a reader looks for first.
func writeLabels(b *strings.Builder, d *qcmap.Dataset, world *geo.Level, lang string) {
	var labels []Label
	var obstacles []Obstacle // markers and pins, about 16 px wide
	marker := PixelBox{-8, -8, 8, 8}
	for _, j := range d.Jurisdictions {
		if s, ok := world.Shape(geo.LayerPartners, j.ID); ok {
			labels = append(labels, Label{ID: j.ID, Text: j.Name.In(lang), At: s.Label,
				Area: (s.Box[2] - s.Box[0]) * (s.Box[3] - s.Box[1]), Offset: 9, Force: true})
			obstacles = append(obstacles, Obstacle{s.Label, marker})
		}
	}
	for _, o := range d.Offices {
		p := geo.Project(o.Lon, o.Lat)
		obstacles = append(obstacles, Obstacle{geo.Point{p[0], p[1] - 8/carto.PxPerUnit}, marker}) // the pin stands above its point
	}
	const size = carto.LabelFontPx
	b.WriteString(`<g class="labels" aria-hidden="true">`)
	for _, l := range Place(labels, estimateWidth, Options{Size: size, Pad: 4, SideGap: 1,
		Relative: true, Unit: carto.PxPerUnit, Steps: carto.LabelSteps, Obstacles: obstacles}) {
		// The text is placed in screen pixels inside the scaled group,
		// anchored by the box's centre.
		cx, base := (l.Box[0]+l.Box[2])/2, l.Box[3]-size*0.3
		fmt.Fprintf(b, `<g data-label="%s" class="label mz%d" transform="translate(%s %s)"><text class="s" x="%s" y="%s">%s</text></g>`,
			l.ID, l.Step, num(l.At[0]), num(l.At[1]), num(math.Round(cx)), num(math.Round(base)), esc(l.Text))
	}
	b.WriteString(`</g>`)
}

// estimateWidth is the page's estimate of a label's width: the browser's
// font is not known when the map is drawn, so 0.6 em a character.
func estimateWidth(s string, size float64) float64 {
	return float64(len([]rune(s))) * size * 0.6
}

func partnerClass(j *qcmap.Jurisdiction) string {
	switch j.Kind {
	case qcmap.KindHome:
		return "p home"
	case qcmap.KindCountry:
		return "p country-entry a-" + j.Area
	}
	return "p a-" + j.Area
}

// partnerHref is the page of a jurisdiction, keeping the language.
func partnerHref(id, lang string) string {
	u := "/partners/" + strings.ToLower(id)
	if lang == "en" {
		u += "?lang=en"
	}
	return u
}

func boxAttr(b geo.Box) string {
	return num(b[0]) + " " + num(b[1]) + " " + num(b[2]) + " " + num(b[3])
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func esc(s string) string { return html.EscapeString(s) }
