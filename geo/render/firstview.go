package render

import (
	"cmp"
	"fmt"
	"math"
	"reflect"
	"slices"
	"sync"

	"qcmap"
	"qcmap/geo"
	"qcmap/geo/carto"
)

// The first view: the map as a visitor first sees it, before any zoom,
// with every partner and office named on a target of its own. The
// partners are clustered at the world scale (six in New England and New
// York, six in Western Europe, three in central Mexico), so their names
// cannot all sit beside their places; each name is a target (a rounded
// box with the partner's colour or the office's pin) placed at the free
// spot nearest its place, with a leader line back to a dot at the true
// place when it had to move. This is boundary labelling in the manner of
// Datawrapper's and the Washington Post's label placement, chosen over
// insets because an inset would draw New England a second time and still
// need leaders on a phone, and over clustering, which hides names.
//
// The layout is computed here, once per dataset, language and size class,
// and drawn by every picture of the map: the page (MapSVG, which the page,
// /embed, /present and the Share export show) and the images (NewScene).

// FirstView is the first view laid out for one size class.
type FirstView struct {
	Class carto.SizeClass
	// View is the reference area's view: Class.W × Class.H pixels over the
	// frame that holds every place. A larger area of the class covers Box.
	View carto.Viewport
	// Target is the targets' height in reference pixels: Class.Target, or
	// less where a touch layout had no room for it.
	Target float64
	Tags   []Tag
}

// Tag is a partner's or an office's target at the first view.
type Tag struct {
	// ID is the jurisdiction's id, or the office's.
	ID     string
	Office bool
	Text   string
	// Area is the jurisdiction's world area ("" for an office), Kind its
	// kind, which colour the tag's key.
	Area string
	Kind string
	// At is the true place in map units: the world level's label point of
	// the jurisdiction, or the office's city.
	At geo.Point
	// Box is the target, name included, in reference pixels; TextW the
	// width its name is set in.
	Box   carto.Rect
	TextW float64
	// End is where the leader line from At meets Box, in reference
	// pixels; Leader is false when the box sits beside its place and no
	// line is drawn.
	End    [2]float64
	Leader bool
}

// Box returns the map units the reference area shows.
func (fv *FirstView) Box() geo.Box { return fv.View.Box() }

// Pixel returns the reference pixel of p, a point in map units.
func (fv *FirstView) Pixel(p geo.Point) (x, y float64) {
	o, u := fv.View.Origin(), fv.View.UnitsPerPx()
	return (p[0] - o[0]) / u, (p[1] - o[1]) / u
}

// Point returns the map point of the reference pixel (x, y).
func (fv *FirstView) Point(x, y float64) geo.Point {
	o, u := fv.View.Origin(), fv.View.UnitsPerPx()
	return geo.Point{o[0] + x*u, o[1] + y*u}
}

// The tag's inner layout, in reference pixels: the key (a dot or a pin)
// centred keyX from the left edge, the name from textX, padRight after it.
const (
	tagKeyX     = 11
	tagTextX    = 20
	tagPadRight = 8
	tagGap      = 3 // between two targets, and between a target and a place
	dotR        = 4 // the dot at a partner's true place
)

// tagWidth returns the width of the target holding a name textW wide at
// height h.
func tagWidth(textW, h float64) float64 {
	return max(h, tagTextX+textW+tagPadRight)
}

// tagTextWidth is the width the name is drawn at: the wider of the images'
// Go font and the page's estimate, so that it fits in both; the page
// stretches its own font's text to it (textLength).
func tagTextWidth(name string, font float64, measure Measure) float64 {
	est := float64(len([]rune(name))) * font * 0.5
	return math.Ceil(max(measure(true, name, font), est))
}

// frameBox returns the map box that every first view shows: the places'
// box with room around it for the names, centred on the places.
func frameBox(places []geo.Point) geo.Box {
	b := geo.Box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, p := range places {
		b = geo.Box{min(b[0], p[0]), min(b[1], p[1]), max(b[2], p[0]), max(b[3], p[1])}
	}
	w, h := b[2]-b[0], b[3]-b[1]
	return geo.Box{b[0] - 0.09*w, b[1] - 0.25*h, b[2] + 0.09*w, b[3] + 0.25*h}
}

// FirstViews lays out the first view of d in lang for every size class.
func FirstViews(a *geo.Atlas, d *qcmap.Dataset, lang string, measure Measure) ([]*FirstView, error) {
	var out []*FirstView
	for _, c := range carto.SizeClasses {
		fv, err := firstViewOf(a, d, lang, c, measure)
		if err != nil {
			return nil, err
		}
		out = append(out, fv)
	}
	return out, nil
}

// LayOutFirstView lays out the first view of d in lang for class c,
// measuring names with measure. It fails when a place falls under a
// control or a target finds no free spot even at carto.MinTarget.
func LayOutFirstView(a *geo.Atlas, d *qcmap.Dataset, lang string, c carto.SizeClass, measure Measure) (*FirstView, error) {
	world, err := a.Level(geo.World)
	if err != nil {
		return nil, err
	}
	var tags []Tag
	for _, j := range d.Jurisdictions {
		s, ok := world.Shape(geo.LayerPartners, j.ID)
		if !ok {
			continue
		}
		tags = append(tags, Tag{ID: j.ID, Text: j.Name.In(lang), Area: j.Area, Kind: j.Kind, At: s.Label})
	}
	for _, o := range d.Offices {
		p := geo.Project(o.Lon, o.Lat)
		tags = append(tags, Tag{ID: o.ID, Office: true, Text: o.City.In(lang), At: geo.Point{p[0], p[1]}})
	}
	places := make([]geo.Point, len(tags))
	for i, t := range tags {
		places[i] = t.At
		tags[i].TextW = tagTextWidth(t.Text, c.Font, measure)
	}
	fb := frameBox(places)
	// Every class shows the frame's whole width: its height follows from
	// the class's shape.
	w := fb[2] - fb[0]
	h := w * c.H / c.W
	cy := (fb[1] + fb[3]) / 2
	box := geo.Box{fb[0], cy - h/2, fb[2], cy + h/2}
	fv := &FirstView{Class: c, View: carto.Viewport{W: c.W, H: c.H}.Cover(box)}
	for i := range tags {
		x, y := fv.Pixel(tags[i].At)
		for _, r := range c.Reserved {
			if r.Contains(x, y) {
				return nil, fmt.Errorf("render: first view %s: %s (%.0f, %.0f) is under a control %v", c.Name, tags[i].ID, x, y, r)
			}
		}
	}
	// The largest targets that all find a spot: on a touch screen a
	// finger's 44 px where the layout allows, else less.
	for _, h := range []float64{c.Target, (c.Target + carto.MinTarget) / 2, carto.MinTarget} {
		if placed, ok := place(fv, tags, h); ok {
			fv.Target, fv.Tags = h, placed
			break
		}
		if !c.Touch {
			break
		}
	}
	if fv.Tags == nil {
		return nil, fmt.Errorf("render: first view %s in %s: no room for every target", c.Name, lang)
	}
	return fv, nil
}

// placeSymbol is the box a place's symbol covers, in reference pixels: a
// dot for a partner, a pin standing on the point for an office.
func placeSymbol(t Tag, x, y float64) carto.Rect {
	if t.Office {
		return carto.Rect{x - 5, y - 15, x + 5, y + 1}
	}
	return carto.Rect{x - dotR - 1, y - dotR - 1, x + dotR + 1, y + dotR + 1}
}

// What a leader line costs beyond its length, in pixels of length: a
// leader through another target, across another leader, over another
// place; two targets on the same side of their places in the opposite
// order from west to east (their leaders fan across each other's); a
// target nearer another group of places than its own.
const (
	penaltyThroughTarget = 8000
	penaltyCrossing      = 2000
	penaltyOverPlace     = 600
	penaltyInverted      = 250
	penaltyForeign       = 1500
)

// candidate is one spot a tag may take; foreign is true when it stands
// nearer another group of places than its own, where a reader would take
// it for one of theirs.
type candidate struct {
	box     carto.Rect
	end     [2]float64
	dist    float64
	foreign bool
}

// foreign reports whether the box b of tag i is nearer a place more than
// 80 px from i's own than it is to i's own.
func foreign(b carto.Rect, i int, px [][2]float64) bool {
	cx, cy := (b[0]+b[2])/2, (b[1]+b[3])/2
	own := math.Hypot(cx-px[i][0], cy-px[i][1])
	for j, p := range px {
		if j != i && math.Hypot(p[0]-px[i][0], p[1]-px[i][1]) > 80 && math.Hypot(cx-p[0], cy-p[1]) < own {
			return true
		}
	}
	return false
}

// place gives every tag a target h pixels high: most crowded places first,
// each the free spot of least cost (the leader's length, and much more for
// a leader crossing another or running over a place or a target), then a
// few passes that move each tag to its best spot given all the others.
func place(fv *FirstView, tags []Tag, h float64) (placed []Tag, ok bool) {
	c := fv.Class
	n := len(tags)
	px := make([][2]float64, n)
	symbols := make([]carto.Rect, n)
	for i, t := range tags {
		x, y := fv.Pixel(t.At)
		px[i] = [2]float64{x, y}
		symbols[i] = placeSymbol(t, x, y)
	}
	// Each tag's spots, nearest first: around its place, in 16 directions,
	// at growing distances.
	cands := make([][]candidate, n)
	for i, t := range tags {
		w := tagWidth(t.TextW, h)
		reach := 0.75 * max(c.W, c.H)
		for r := 6.0; r < reach; r += h / 2 {
			for k := range 16 {
				a := float64(k) * math.Pi / 8
				dx, dy := math.Cos(a), math.Sin(a)
				ax, ay := px[i][0]+r*dx, px[i][1]+r*dy
				var b carto.Rect
				switch {
				case dx > 0.38:
					b = carto.Rect{ax, ay - h/2, ax + w, ay + h/2}
				case dx < -0.38:
					b = carto.Rect{ax - w, ay - h/2, ax, ay + h/2}
				case dy < 0:
					b = carto.Rect{ax - w/2, ay - h, ax + w/2, ay}
				default:
					b = carto.Rect{ax - w/2, ay, ax + w/2, ay + h}
				}
				if !fits(b, c, symbols, i) {
					continue
				}
				end := nearest(b, px[i])
				cands[i] = append(cands[i], candidate{b, end, math.Hypot(end[0]-px[i][0], end[1]-px[i][1]), foreign(b, i, px)})
			}
		}
		slices.SortStableFunc(cands[i], func(x, y candidate) int { return cmp.Compare(x.dist, y.dist) })
	}
	var fixed map[int]*candidate
	if c.Stacks {
		widths := make([]float64, n)
		for i, t := range tags {
			widths[i] = tagWidth(t.TextW, h)
		}
		fixed = stacks(c, px, symbols, widths, h)
	}
	crowd := make([]int, n)
	for i := range n {
		for j := range n {
			if i != j && math.Hypot(px[i][0]-px[j][0], px[i][1]-px[j][1]) < 3*h {
				crowd[i]++
			}
		}
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int {
		if crowd[x] != crowd[y] {
			return crowd[y] - crowd[x]
		}
		return cmp.Compare(px[x][0], px[y][0])
	})

	// The greedy order decides much: try the crowded-first order, then
	// west to east and east to west, and keep the layout of least total
	// cost.
	var best []*candidate
	bestTotal := math.Inf(1)
	for try := range 3 {
		o := order
		if try > 0 {
			o = slices.Clone(order)
			slices.SortStableFunc(o, func(a, b int) int { return cmp.Compare(px[a][0], px[b][0]) })
			if try == 2 {
				slices.Reverse(o)
			}
		}
		chosen, total, ok := attempt(c, o, cands, px, symbols, fixed)
		if ok && total < bestTotal {
			best, bestTotal = chosen, total
		}
	}
	if best == nil {
		return nil, false
	}
	out := slices.Clone(tags)
	for i, cd := range best {
		out[i].Box, out[i].End, out[i].Leader = cd.box, cd.end, cd.dist > 10
	}
	return out, true
}

// costFunc returns the cost of tag i taking the spot cd, given the spots
// chosen for the others (nil: not yet placed), and false if cd overlaps
// another's target.
func costFunc(chosen []*candidate, px [][2]float64, symbols []carto.Rect) func(int, *candidate) (float64, bool) {
	return func(i int, cd *candidate) (float64, bool) {
		cost := cd.dist
		if cd.foreign {
			cost += penaltyForeign
		}
		for j, o := range chosen {
			if j == i || o == nil {
				continue
			}
			if grow(o.box, tagGap).Overlaps(cd.box) {
				return 0, false
			}
			if cd.dist > 0.5 && segmentHitsRect(px[i], cd.end, o.box) {
				cost += penaltyThroughTarget
			}
			if o.dist > 0.5 && segmentHitsRect(px[j], o.end, cd.box) {
				cost += penaltyThroughTarget
			}
			if cd.dist > 0.5 && o.dist > 0.5 && segmentsCross(px[i], cd.end, px[j], o.end) {
				cost += penaltyCrossing
			}
			if inverted(px[i], cd.box, px[j], o.box) {
				cost += penaltyInverted
			}
		}
		if cd.dist > 0.5 {
			for j, s := range symbols {
				if j != i && segmentHitsRect(px[i], cd.end, s) {
					cost += penaltyOverPlace
				}
			}
		}
		return cost, true
	}
}

// attempt places the tags greedily in order, then improves the layout;
// it returns the spots and their total cost.
func attempt(c carto.SizeClass, order []int, cands [][]candidate, px [][2]float64, symbols []carto.Rect, fixed map[int]*candidate) ([]*candidate, float64, bool) {
	chosen := make([]*candidate, len(order))
	for i, cd := range fixed {
		chosen[i] = cd
	}
	order = slices.DeleteFunc(slices.Clone(order), func(i int) bool { return fixed[i] != nil })
	cost := costFunc(chosen, px, symbols)
	best := func(i int) *candidate {
		var pick *candidate
		bestCost := math.Inf(1)
		for k := range cands[i] {
			cd := &cands[i][k]
			if cd.dist > bestCost {
				break // the rest are farther, and cost at least their distance
			}
			if v, ok := cost(i, cd); ok && v < bestCost {
				pick, bestCost = cd, v
			}
		}
		return pick
	}
	for _, i := range order {
		if chosen[i] = best(i); chosen[i] == nil {
			return nil, 0, false
		}
	}
	for range 8 {
		moved := false
		for _, i := range order {
			cur := chosen[i]
			chosen[i] = nil
			if b := best(i); b != nil && b != cur {
				chosen[i], moved = b, true
			} else {
				chosen[i] = cur
			}
		}
		if !moved {
			break
		}
	}
	untangle(chosen, px, symbols, c, cost, fixed)
	total := 0.0
	for i, cd := range chosen {
		v, _ := cost(i, cd)
		total += v
	}
	return chosen, total, true
}

// untangle swaps the spots of two tags when both fit in each other's spot
// and the two cost less so, until no swap helps: the greedy placement
// leaves leaders that cross, where a crowded place took a spot that suits
// a neighbour, and a move of one tag alone cannot undo that.
func untangle(chosen []*candidate, px [][2]float64, symbols []carto.Rect, c carto.SizeClass, cost func(int, *candidate) (float64, bool), fixed map[int]*candidate) {
	n := len(chosen)
	for range 20 {
		swapped := false
		for i := range n {
			for j := i + 1; j < n; j++ {
				ci, cj := chosen[i], chosen[j]
				if ci.dist <= 0.5 && cj.dist <= 0.5 || fixed[i] != nil || fixed[j] != nil {
					continue // both beside their places, or in a group's stack
				}
				bi, bj := respot(cj.box, px[j], ci.box), respot(ci.box, px[i], cj.box)
				if bi.Overlaps(grow(bj, tagGap)) || !fits(bi, c, symbols, i) || !fits(bj, c, symbols, j) {
					continue
				}
				ni := &candidate{box: bi, end: nearest(bi, px[i]), foreign: foreign(bi, i, px)}
				nj := &candidate{box: bj, end: nearest(bj, px[j]), foreign: foreign(bj, j, px)}
				ni.dist = math.Hypot(ni.end[0]-px[i][0], ni.end[1]-px[i][1])
				nj.dist = math.Hypot(nj.end[0]-px[j][0], nj.end[1]-px[j][1])
				before := total(cost, i, ci) + total(cost, j, cj)
				chosen[i], chosen[j] = nil, nil
				vi, oki := cost(i, ni)
				chosen[i] = ni
				vj, okj := cost(j, nj)
				if oki && okj && vi+vj < before {
					chosen[j] = nj
					swapped = true
					continue
				}
				chosen[i], chosen[j] = ci, cj
			}
		}
		if !swapped {
			return
		}
	}
}

func total(cost func(int, *candidate) (float64, bool), i int, cd *candidate) float64 {
	v, _ := cost(i, cd)
	return v
}

// respot returns a box as wide as like in the spot of box, whose place is
// at p: on the same side of p, and at the same height.
func respot(box carto.Rect, p [2]float64, like carto.Rect) carto.Rect {
	w := like[2] - like[0]
	switch {
	case box[0] >= p[0]:
		return carto.Rect{box[0], box[1], box[0] + w, box[3]}
	case box[2] <= p[0]:
		return carto.Rect{box[2] - w, box[1], box[2], box[3]}
	}
	cx := (box[0] + box[2]) / 2
	return carto.Rect{cx - w/2, box[1], cx + w/2, box[3]}
}

// fits reports whether a target box b stays inside the reference area,
// clear of the controls and of every place's symbol (its own included).
func fits(b carto.Rect, c carto.SizeClass, symbols []carto.Rect, own int) bool {
	if b[0] < 2 || b[1] < 2 || b[2] > c.W-2 || b[3] > c.H-2 {
		return false
	}
	for _, r := range c.Reserved {
		if r.Overlaps(b) {
			return false
		}
	}
	for _, s := range symbols {
		if grow(s, tagGap-1).Overlaps(b) {
			return false
		}
	}
	return true
}

func grow(r carto.Rect, d float64) carto.Rect {
	return carto.Rect{r[0] - d, r[1] - d, r[2] + d, r[3] + d}
}

// nearest returns the point of b nearest to p.
func nearest(b carto.Rect, p [2]float64) [2]float64 {
	return [2]float64{min(max(p[0], b[0]), b[2]), min(max(p[1], b[1]), b[3])}
}

// inverted reports whether the targets a and b, both above or both below
// their places pa and pb, stand in the opposite order from west to east.
func inverted(pa [2]float64, a carto.Rect, pb [2]float64, b carto.Rect) bool {
	const slack = 20
	ya, yb := (a[1]+a[3])/2-pa[1], (b[1]+b[3])/2-pb[1]
	if ya*yb <= 0 {
		return false
	}
	xa, xb := (a[0]+a[2])/2, (b[0]+b[2])/2
	return pa[0] < pb[0]-slack && xa > xb+slack || pb[0] < pa[0]-slack && xb > xa+slack
}

// segmentsCross reports whether the segments ab and cd cross.
func segmentsCross(a, b, c, d [2]float64) bool {
	o := func(p, q, r [2]float64) float64 { return (q[0]-p[0])*(r[1]-p[1]) - (q[1]-p[1])*(r[0]-p[0]) }
	d1, d2 := o(c, d, a), o(c, d, b)
	d3, d4 := o(a, b, c), o(a, b, d)
	return d1*d2 < 0 && d3*d4 < 0
}

// segmentHitsRect reports whether the segment ab passes through r.
func segmentHitsRect(a, b [2]float64, r carto.Rect) bool {
	if r.Contains(a[0], a[1]) || r.Contains(b[0], b[1]) {
		return true
	}
	c := [4][2]float64{{r[0], r[1]}, {r[2], r[1]}, {r[2], r[3]}, {r[0], r[3]}}
	for k := range 4 {
		if segmentsCross(a, b, c[k], c[(k+1)%4]) {
			return true
		}
	}
	return false
}

// layouts keeps the first views laid out for the latest boundaries and
// dataset: a layout takes a fraction of a second, and the page's map and
// every image of the first view ask for the same few. A new dataset (a
// reload) empties it.
var layouts struct {
	sync.Mutex
	a *geo.Atlas
	d *qcmap.Dataset
	m map[layoutKey]*FirstView
}

type layoutKey struct {
	lang, class string
	measure     uintptr // the measuring function's code
}

// firstViewOf is LayOutFirstView through the cache.
func firstViewOf(a *geo.Atlas, d *qcmap.Dataset, lang string, c carto.SizeClass, measure Measure) (*FirstView, error) {
	k := layoutKey{lang, c.Name, reflect.ValueOf(measure).Pointer()}
	layouts.Lock()
	if layouts.a != a || layouts.d != d {
		layouts.a, layouts.d, layouts.m = a, d, map[layoutKey]*FirstView{}
	}
	fv, ok := layouts.m[k]
	layouts.Unlock()
	if ok {
		return fv, nil
	}
	fv, err := LayOutFirstView(a, d, lang, c, measure)
	if err != nil {
		return nil, err
	}
	layouts.Lock()
	if layouts.a == a && layouts.d == d {
		layouts.m[k] = fv
	}
	layouts.Unlock()
	return fv, nil
}

// stacks places the targets of each tight group of places (four or more
// within 20 px, as New England or Western Europe on a phone) as two
// columns, one above the group and one below, each beside it on the side
// of least leader length: the leaders fan out from one point to the near
// edges of a column, so none crosses another or a target of its column.
// It returns the spots of the targets it placed.
func stacks(c carto.SizeClass, px [][2]float64, symbols []carto.Rect, widths []float64, h float64) map[int]*candidate {
	n := len(px)
	group := make([]int, n)
	for i := range group {
		group[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		if group[i] != i {
			group[i] = find(group[i])
		}
		return group[i]
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			if math.Hypot(px[i][0]-px[j][0], px[i][1]-px[j][1]) < 16 {
				group[find(i)] = find(j)
			}
		}
	}
	members := map[int][]int{}
	for i := range n {
		members[find(i)] = append(members[find(i)], i)
	}
	var groups [][]int
	for _, m := range members {
		if len(m) >= 2 {
			groups = append(groups, m)
		}
	}
	// West to east: a group's columns stand east of it, where the next
	// group's columns go further east still.
	slices.SortFunc(groups, func(a, b []int) int { return cmp.Compare(px[a[0]][0], px[b[0]][0]) })
	fixed := map[int]*candidate{}
	var taken []carto.Rect
	free := func(b carto.Rect, own int) bool {
		if !fits(b, c, symbols, own) {
			return false
		}
		for _, t := range taken {
			if grow(t, tagGap).Overlaps(b) {
				return false
			}
		}
		return true
	}
	for _, g := range groups {
		// Northernmost first: the north goes up, the south down.
		slices.SortStableFunc(g, func(a, b int) int { return cmp.Compare(px[a][1], px[b][1]) })
		var cx, cy float64
		for _, i := range g {
			cx, cy = cx+px[i][0]/float64(len(g)), cy+px[i][1]/float64(len(g))
		}
		// column lays out the members ms as a column on side (+1 right,
		// -1 left), dx from the group, starting dy above (up) or below it.
		column := func(ms []int, side, dx, dy float64, up bool) ([]*candidate, float64, bool) {
			var out []*candidate
			total := 0.0
			y := cy + dy
			if up {
				y = cy - dy - h
			}
			for _, i := range ms {
				x0 := cx + dx
				if side < 0 {
					x0 = cx - dx - widths[i]
				}
				b := carto.Rect{x0, y, x0 + widths[i], y + h}
				if !free(b, i) {
					return nil, 0, false
				}
				for _, o := range out {
					if grow(o.box, tagGap).Overlaps(b) {
						return nil, 0, false
					}
				}
				end := nearest(b, px[i])
				cd := &candidate{box: b, end: end, dist: math.Hypot(end[0]-px[i][0], end[1]-px[i][1])}
				for j, s := range symbols {
					if j != i && segmentHitsRect(px[i], end, s) {
						total += penaltyOverPlace
					}
				}
				out = append(out, cd)
				total += cd.dist
				if up {
					y -= h + tagGap
				} else {
					y += h + tagGap
				}
			}
			return out, total, true
		}
		type choice struct {
			spots []*candidate
			total float64
		}
		bestTotal := math.Inf(1)
		var best []*candidate
		var bestMembers []int
		dxs := []float64{6, 20, 40, 70}
		dys := []float64{8, 24, 48}
		for m := 0; m <= len(g); m++ {
			upMs := slices.Clone(g[:m])
			slices.Reverse(upMs) // the column grows up from the group: the southernmost of them nearest
			downMs := g[m:]
			bestUp, bestDown := choice{total: math.Inf(1)}, choice{total: math.Inf(1)}
			if len(upMs) == 0 {
				bestUp = choice{}
			}
			if len(downMs) == 0 {
				bestDown = choice{}
			}
			for _, side := range []float64{1, -1} {
				for _, dx := range dxs {
					for _, dy := range dys {
						if len(upMs) > 0 {
							if sp, t, ok := column(upMs, side, dx, dy, true); ok && t < bestUp.total {
								bestUp = choice{sp, t}
							}
						}
						if len(downMs) > 0 {
							if sp, t, ok := column(downMs, side, dx, dy, false); ok && t < bestDown.total {
								bestDown = choice{sp, t}
							}
						}
					}
				}
			}
			if t := bestUp.total + bestDown.total; t < bestTotal && !overlapAny(bestUp.spots, bestDown.spots) {
				bestTotal = t
				best = append(slices.Clone(bestUp.spots), bestDown.spots...)
				bestMembers = append(slices.Clone(upMs), downMs...)
			}
		}
		if best == nil {
			continue // no room for columns: the greedy placement takes them
		}
		for k, i := range bestMembers {
			fixed[i] = best[k]
			taken = append(taken, best[k].box)
		}
	}
	return fixed
}

// overlapAny reports whether a spot of a overlaps one of b.
func overlapAny(a, b []*candidate) bool {
	for _, x := range a {
		for _, y := range b {
			if grow(x.box, tagGap).Overlaps(y.box) {
				return true
			}
		}
	}
	return false
}
