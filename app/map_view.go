package main

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"qcmap/geo"
	"qcmap/geo/carto"
)

// mapView drives the map's SVG in the browser: pan and zoom by pointer,
// wheel, pinch and keyboard, the level of detail, and the classes that show
// the selection and the filters. It works on the DOM directly, from
// listeners of its own: no component is re-rendered while the map moves.
//
// While a drag, a wheel turn, a pinch or an animation runs, each frame only
// sets a CSS transform on the SVG, which the browser's compositor applies to
// the drawing it already has; when the movement settles, the viewBox, the
// labels and the level of detail change once and the map is drawn again.
type mapView struct {
	wrap, svg, lod, tip app.Value

	vp          carto.Viewport
	shown       carto.Viewport    // the view the viewBox draws; vp differs while moving
	moving      bool              // a gesture or an animation runs: frames only transform
	lastMove    time.Time         // when the current movement last moved
	settling    bool              // a timeout to end the movement is pending
	left, top   float64           // the element's place in the window, in CSS pixels
	drawPending bool              // a frame is asked for to draw vp
	viewBox     string            // the viewBox attribute as last written
	class       string            // the class attribute as last written
	level, area string            // the level of detail shown, and its area
	fragments   map[string]string // fetched level-of-detail groups, by "level/area"
	worldLOD    string            // the world level as prerendered, once the map has left it
	want        string            // the level-of-detail key last asked for

	pointers map[int][2]float64 // active pointers by id, in element pixels
	dragged  float64            // pixels moved since pointerdown
	frame    int                // animation generation; a new one stops the old

	// firstView is true while the map shows the first view (the layout of
	// every partner's and office's name that the server drew for each size
	// class); any zoom or pan leaves it, the World button comes back to it.
	firstView bool
	fvBoxes   map[string]geo.Box // each size class's first view, in map units

	selected string          // the id shown as selected, or ""
	bright   map[string]bool // ids that pass the filters; nil when none is set
	dimmed   bool            // paint has dimmed what bright leaves out
	arcs     bool

	reducedMotion bool
	// panKeys lets the arrow keys pan and +/− zoom while the map has the
	// focus; the presentation mode takes those keys for its steps.
	panKeys bool

	// onPick is called with the data-id of a clicked partner, marker or
	// office, or "" for a click on the sea.
	onPick func(id string)
	// onMove is called, at most every 400 ms, after the view changes.
	onMove func(v carto.Viewport)

	moveTimer   app.Value // pending onMove timeout, valid while movePending
	movePending bool
	listeners   []listener
	// onFrame, onSettle and onMoveTimer are made once: a func made per
	// event would leave garbage for the collector in the middle of a
	// gesture, and one whose timeout is cleared would never be released.
	onFrame, onSettle, onMoveTimer app.Func
	onResize                       app.Func
	resizer                        app.Value // the ResizeObserver watching wrap
	frameID, settleID              app.Value // the pending frame and timeout, to cancel
}

// set shows v at once.
func (m *mapView) set(v carto.Viewport) {
	m.firstView = false
	m.frame++
	m.vp = v.Clamp()
	m.moving = false
	m.apply()
}

// animateTo moves to v smoothly, or at once when the person asked for
// reduced motion.
func (m *mapView) animateTo(v carto.Viewport) {
	m.firstView = false
	v = v.Clamp()
	if m.reducedMotion {
		m.set(v)
		return
	}
	m.frame++
	if m.settling { // a wheel's pause would end the animation midway
		app.Window().Call("clearTimeout", m.settleID)
		m.settling = false
	}
	gen, from := m.frame, m.vp
	start := time.Now()
	const dur = 450 * time.Millisecond
	var f app.Func
	f = app.FuncOf(func(app.Value, []app.Value) any {
		if gen != m.frame {
			f.Release()
			return nil
		}
		t := math.Min(float64(time.Since(start))/float64(dur), 1)
		e := t * t * (3 - 2*t) // smoothstep
		m.vp.CX = from.CX + (v.CX-from.CX)*e
		m.vp.CY = from.CY + (v.CY-from.CY)*e
		m.vp.K = from.K * math.Pow(v.K/from.K, e)
		m.moving = t < 1 // the last frame draws the map anew
		m.draw()         // already in a frame
		if t < 1 {
			app.Window().Call("requestAnimationFrame", f)
		} else {
			f.Release()
		}
		return nil
	})
	app.Window().Call("requestAnimationFrame", f)
}

// apply draws the viewport at the next frame: pointer and wheel events come
// faster than frames, and only the last state of each frame is drawn.
func (m *mapView) apply() {
	if m.drawPending {
		return
	}
	m.drawPending = true
	m.frameID = app.Window().Call("requestAnimationFrame", m.onFrame)
}

// moveBy shows v now, as a gesture frame: the movement settles, and the
// map is drawn anew, after a pause of settleAfter.
func (m *mapView) moveBy(v carto.Viewport) {
	m.firstView = false
	m.vp = v
	m.moving = true
	m.apply()
	m.lastMove = time.Now()
	if !m.settling {
		m.settling = true
		m.settleID = app.Window().Call("setTimeout", m.onSettle, settleAfter.Milliseconds())
	}
}

// settled ends the movement once it has paused for settleAfter, or waits
// for the rest of the pause. One timer serves a whole gesture.
func (m *mapView) settled() {
	if rest := settleAfter - time.Since(m.lastMove); rest > 0 {
		m.settleID = app.Window().Call("setTimeout", m.onSettle, rest.Milliseconds()+1)
		return
	}
	m.settling = false
	if len(m.pointers) > 0 {
		return // a finger still down: pointerup settles
	}
	m.endMove()
}

// settleAfter is how long a wheel or a pinch must pause before the map is
// drawn anew at its new view. Wheels send no end event.
const settleAfter = 150 * time.Millisecond

// endMove ends a movement: the next frame draws the map at its view.
func (m *mapView) endMove() {
	if m.moving {
		m.moving = false
		m.apply()
	}
}

// draw shows the viewport: during a movement by a transform, else by
// drawing the map anew.
func (m *mapView) draw() {
	if m.moving {
		k, tx, ty := m.vp.TransformFrom(m.shown)
		m.svg.Get("style").Call("setProperty", "transform",
			"translate("+strconv.FormatFloat(tx, 'f', 2, 64)+"px,"+strconv.FormatFloat(ty, 'f', 2, 64)+"px) scale("+strconv.FormatFloat(k, 'f', 5, 64)+")")
		return
	}
	m.commit()
}

// commit writes the viewport into the SVG: the viewBox, the marker scale and
// the label step, and asks for the level of detail the zoom needs.
//
// Only what changed is written: each write makes the browser restyle or
// redraw the whole map.
func (m *mapView) commit() {
	m.shown = m.vp
	m.svg.Get("style").Call("removeProperty", "transform")
	if vb := m.vp.ViewBox(); vb != m.viewBox {
		m.viewBox = vb
		m.svg.Call("setAttribute", "viewBox", vb)
		u := m.vp.UnitsPerPx()
		m.svg.Get("style").Call("setProperty", "--u", strconv.FormatFloat(u, 'f', 4, 64))
		m.scaleHatch()
	}
	m.setClass()
	m.updateLevel()
	m.scheduleMove()
}

// setClass sets the SVG's classes: the label step and the arcs switch.
func (m *mapView) setClass() {
	cls := "map z" + strconv.Itoa(m.shown.Step())
	if m.firstView {
		cls += " fv fv-" + m.sizeClass().Name
	}
	if m.arcs {
		cls += " show-arcs"
	}
	if cls != m.class {
		m.class = cls
		m.svg.Call("setAttribute", "class", cls)
	}
}

// scaleHatch keeps France's hatching at the same size on screen: the
// pattern lives in the user space of the level's scaled group.
func (m *mapView) scaleHatch() {
	tr, ok := hatchTransform(m.vp, m.level)
	if !ok {
		return
	}
	if h := m.svg.Call("querySelector", "#hatch"); h.Truthy() {
		h.Call("setAttribute", "patternTransform", tr)
	}
}

// hatchTransform is the hatch pattern's patternTransform for v drawn at
// the level of detail level; false for an unknown level.
func hatchTransform(v carto.Viewport, level string) (string, bool) {
	g, err := geo.GridOf(level)
	if err != nil {
		return "", false
	}
	s := v.UnitsPerPx() * float64(g.Factor)
	return "rotate(45) scale(" + strconv.FormatFloat(s, 'f', 4, 64) + ")", true
}

func (m *mapView) scheduleMove() {
	if m.onMove == nil {
		return
	}
	if m.movePending {
		app.Window().Call("clearTimeout", m.moveTimer)
	}
	m.movePending = true
	m.moveTimer = app.Window().Call("setTimeout", m.onMoveTimer, 400)
}

// setSelected marks id (and only id) as selected. Only the elements of the
// old and the new selection change.
func (m *mapView) setSelected(id string) {
	if id == m.selected {
		return
	}
	old := m.selected
	m.selected = id
	for _, x := range []string{old, id} {
		if x == "" {
			continue
		}
		nodes := m.svg.Call("querySelectorAll", `[data-id="`+x+`"],[data-label="`+x+`"],[data-arc="`+x+`"]`)
		for i := range nodes.Length() {
			nodes.Index(i).Get("classList").Call("toggle", "selected", x == id)
		}
		if el := m.svg.Call("querySelector", `.markers [data-id="`+x+`"]`); el.Truthy() {
			if x == id {
				el.Call("setAttribute", "aria-current", "true")
			} else {
				el.Call("removeAttribute", "aria-current")
			}
		}
	}
}

// setFilter marks which ids pass the filters; nil clears them.
func (m *mapView) setFilter(bright map[string]bool) {
	if bright == nil && !m.dimmed {
		// No filter, and nothing dimmed to undo: the map is as the server
		// drew it, and going over its every element (about 13 ms at the
		// mount, with no filter) would change nothing.
		m.bright = nil
		return
	}
	m.bright = bright
	m.paint()
}

// setArcs shows or hides the arcs from Québec City.
func (m *mapView) setArcs(on bool) {
	m.arcs = on
	m.setClass()
}

// paint sets the selected and dim classes on every element with a data-id:
// partner shapes, markers, labels' partners and arcs.
func (m *mapView) paint() {
	m.dimmed = m.bright != nil
	nodes := m.svg.Call("querySelectorAll", "[data-id],[data-label],[data-arc]")
	n := nodes.Length()
	for i := range n {
		el := nodes.Index(i)
		id := attr(el, "data-id")
		if id == "" {
			id = attr(el, "data-label")
		}
		if id == "" {
			id = attr(el, "data-arc")
		}
		cl := el.Get("classList")
		cl.Call("toggle", "selected", id == m.selected && id != "")
		if strings.HasPrefix(id, "office-") {
			continue
		}
		dim := m.bright != nil && !m.bright[id]
		cl.Call("toggle", "dim", dim)
		cl.Call("toggle", "match", m.bright != nil && m.bright[id])
	}
	if m.selected != "" {
		if el := m.svg.Call("querySelector", `.markers [data-id="`+m.selected+`"]`); el.Truthy() {
			el.Call("setAttribute", "aria-current", "true")
		}
	}
	for _, sel := range []string{`.markers [aria-current]`} {
		nodes := m.svg.Call("querySelectorAll", sel)
		for i := range nodes.Length() {
			el := nodes.Index(i)
			if attr(el, "data-id") != m.selected {
				el.Call("removeAttribute", "aria-current")
			}
		}
	}
}

// zoomToPartner shows the partner's box, from its marker's data-box.
func (m *mapView) zoomToPartner(id string) {
	b, ok := m.partnerBox(id)
	if !ok {
		return
	}
	m.animateTo(m.fitBeside(b))
}

// panelBesideWidth is the narrowest map, in CSS pixels, that has the card
// beside it; a narrower one has it as a sheet over its lower part.
const panelBesideWidth = 700

// fitBeside frames b in the part of the map the panel leaves free: left of
// the side panel on a wide screen, above the bottom sheet on a phone.
func (m *mapView) fitBeside(b geo.Box) carto.Viewport {
	v := m.vp
	var dx, dy float64 // the free area's offset from the element's centre, in px
	switch {
	case v.W > panelBesideWidth:
		panel := math.Min(416, v.W/2)
		left := m.overlayReach(".legend[open]", "right", v.W/3)
		v.W -= panel + left
		dx = (left - panel) / 2
	default:
		sheet := v.H * 0.6
		top := m.overlayReach(".map-controls", "bottom", v.H/4)
		v.H -= sheet + top
		dy = (top - sheet) / 2
	}
	f := v.Focus(b)
	u := f.UnitsPerPx() // keep the scale found for the free area
	f.W, f.H = m.vp.W, m.vp.H
	f.K = math.Max(geo.Width/f.W, geo.Height/f.H) / u
	f.CX -= dx * u
	f.CY -= dy * u
	return f.Clamp()
}

// overlayReach is how far into the map the element sel reaches from the
// map's left edge (edge "right") or top edge (edge "bottom"), at most
// limit: the room an overlay on that side takes.
func (m *mapView) overlayReach(sel, edge string, limit float64) float64 {
	el := app.Window().Get("document").Call("querySelector", sel)
	if !el.Truthy() {
		return 0
	}
	from := map[string]string{"right": "left", "bottom": "top"}[edge]
	r, w := el.Call("getBoundingClientRect"), m.wrap.Call("getBoundingClientRect")
	return math.Min(math.Max(r.Get(edge).Float()-w.Get(from).Float(), 0), limit)
}

func (m *mapView) partnerBox(id string) (geo.Box, bool) {
	el := m.svg.Call("querySelector", `.markers [data-id="`+id+`"]`)
	if !el.Truthy() {
		return geo.Box{}, false
	}
	return parseBox(attr(el, "data-box"))
}

// sizeClass is the first view's size class for the map's element.
func (m *mapView) sizeClass() carto.SizeClass { return carto.ClassFor(m.vp.W, m.vp.H) }

// firstViewport is the first view in the map's element: its size class's
// box, fitted; the whole world if the map has no first view.
func (m *mapView) firstViewport() carto.Viewport {
	if b, ok := m.fvBoxes[m.sizeClass().Name]; ok {
		return m.vp.Cover(b)
	}
	return carto.World(m.vp.W, m.vp.H)
}

// showFirstView goes back to the first view, smoothly if animate.
func (m *mapView) showFirstView(animate bool) {
	if animate {
		m.animateTo(m.firstViewport())
	} else {
		m.set(m.firstViewport())
	}
	m.firstView = true // set and animateTo cleared it; the next commit draws it
}
