package main

import (
	"fmt"
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
	worldLOD    string            // the world level as prerendered
	want        string            // the level-of-detail key last asked for

	pointers map[int][2]float64 // active pointers by id, in element pixels
	dragged  float64            // pixels moved since pointerdown
	frame    int                // animation generation; a new one stops the old

	selected string          // the id shown as selected, or ""
	bright   map[string]bool // ids that pass the filters; nil when none is set
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

// attach finds the map's elements and starts listening. It returns false when
// the page has no map.
func (m *mapView) attach() bool {
	doc := app.Window().Get("document")
	m.wrap = doc.Call("getElementById", "map-wrap")
	m.svg = doc.Call("getElementById", "map")
	m.lod = doc.Call("getElementById", "lod")
	m.tip = doc.Call("getElementById", "map-tip")
	if !m.wrap.Truthy() || !m.svg.Truthy() || !m.lod.Truthy() {
		return false
	}
	m.vp = carto.World(geo.Width, geo.Height)
	m.shown = m.vp
	m.worldLOD = m.lod.Get("innerHTML").String()
	m.level, m.area = geo.World, ""
	m.fragments = map[string]string{}
	m.pointers = map[int][2]float64{}
	if mq := app.Window().Call("matchMedia", "(prefers-reduced-motion: reduce)"); mq.Truthy() {
		m.reducedMotion = mq.Get("matches").Bool()
	}
	m.measure()
	m.onFrame = app.FuncOf(func(app.Value, []app.Value) any {
		m.drawPending = false
		m.draw()
		return nil
	})
	m.onSettle = app.FuncOf(func(app.Value, []app.Value) any {
		m.settled()
		return nil
	})
	m.onMoveTimer = app.FuncOf(func(app.Value, []app.Value) any {
		m.movePending = false
		m.onMove(m.vp)
		return nil
	})

	m.listen(m.wrap, "pointerdown", m.onPointerDown, false)
	m.listen(m.wrap, "pointermove", m.onPointerMove, false)
	m.listen(m.wrap, "pointerup", m.onPointerUp, false)
	m.listen(m.wrap, "pointercancel", m.onPointerUp, false)
	m.listen(m.wrap, "wheel", m.onWheel, false)
	m.listen(m.wrap, "dblclick", m.onDoubleClick, false)
	m.listen(m.wrap, "click", m.onClick, false)
	m.listen(m.wrap, "keydown", m.onKeyDown, false)
	m.listen(m.wrap, "pointerover", m.onPointerOver, true)
	m.listen(m.wrap, "pointerleave", func(app.Value) { m.hideTip() }, true)
	m.listen(m.wrap, "focusin", m.onFocusIn, true)
	m.listen(m.wrap, "focusout", func(app.Value) { m.hideTip() }, true)
	// The element's size, not the window's: the header or a font can
	// change it without a resize of the window.
	m.onResize = app.FuncOf(func(app.Value, []app.Value) any {
		m.measure()
		m.moving = false
		m.apply()
		return nil
	})
	if ro := app.Window().Get("ResizeObserver"); ro.Truthy() {
		m.resizer = ro.New(m.onResize)
		m.resizer.Call("observe", m.wrap)
	} else {
		app.Window().Call("addEventListener", "resize", m.onResize)
	}
	return true
}

// rebind picks up a new SVG element (the map drawn in another language)
// and shows the current view on it.
func (m *mapView) rebind() {
	doc := app.Window().Get("document")
	m.svg = doc.Call("getElementById", "map")
	m.lod = doc.Call("getElementById", "lod")
	m.worldLOD = m.lod.Get("innerHTML").String()
	m.level, m.area, m.want = geo.World, "", ""
	m.viewBox, m.class, m.moving = "", "", false
	m.paint()
	m.apply()
}

// listener is one event listener added by listen, to be removed by detach.
type listener struct {
	target app.Value
	event  string
	f      app.Func
}

// detach removes the listeners: a released func left on window would throw
// at the next event.
func (m *mapView) detach() {
	for _, l := range m.listeners {
		l.target.Call("removeEventListener", l.event, l.f)
		l.f.Release()
	}
	m.listeners = nil
	if m.onFrame == nil {
		return // never attached
	}
	// A pending frame or timeout would call a released func.
	if m.drawPending {
		app.Window().Call("cancelAnimationFrame", m.frameID)
	}
	if m.settling {
		app.Window().Call("clearTimeout", m.settleID)
	}
	if m.movePending {
		app.Window().Call("clearTimeout", m.moveTimer)
	}
	m.drawPending, m.settling, m.movePending = false, false, false
	m.frame++ // an animation under way stops at its next frame
	if m.resizer != nil {
		m.resizer.Call("disconnect")
	} else {
		app.Window().Call("removeEventListener", "resize", m.onResize)
	}
	m.onFrame.Release()
	m.onSettle.Release()
	m.onMoveTimer.Release()
	m.onResize.Release()
	m.onFrame, m.onSettle, m.onMoveTimer, m.onResize = nil, nil, nil, nil
}

// listen adds a listener that runs synchronously, so it can call
// preventDefault, and touches only the DOM.
func (m *mapView) listen(target app.Value, event string, h func(e app.Value), passive bool) {
	f := app.FuncOf(func(this app.Value, args []app.Value) any {
		if len(args) > 0 {
			h(args[0])
		}
		return nil
	})
	m.listeners = append(m.listeners, listener{target, event, f})
	opts := map[string]any{"passive": passive}
	target.Call("addEventListener", event, f, opts)
}

// measure reads the element's size in CSS pixels.
func (m *mapView) measure() {
	w, h := m.wrap.Get("clientWidth").Float(), m.wrap.Get("clientHeight").Float()
	if w > 0 && h > 0 {
		m.vp.W, m.vp.H = w, h
	}
	r := m.wrap.Call("getBoundingClientRect")
	m.left, m.top = r.Get("left").Float(), r.Get("top").Float()
}

// set shows v at once.
func (m *mapView) set(v carto.Viewport) {
	m.frame++
	m.vp = v.Clamp()
	m.moving = false
	m.apply()
}

// animateTo moves to v smoothly, or at once when the person asked for
// reduced motion.
func (m *mapView) animateTo(v carto.Viewport) {
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
	g, err := geo.GridOf(m.level)
	if err != nil {
		return
	}
	if h := m.svg.Call("querySelector", "#hatch"); h.Truthy() {
		s := m.vp.UnitsPerPx() * float64(g.Factor)
		h.Call("setAttribute", "patternTransform", "rotate(45) scale("+strconv.FormatFloat(s, 'f', 4, 64)+")")
	}
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

// updateLevel swaps the level-of-detail group when the zoom or the area
// calls for another one. Fragments are fetched once and kept.
func (m *mapView) updateLevel() {
	level, area := m.vp.Level(), ""
	if level != geo.World {
		area = m.vp.Area()
	}
	if level == m.level && area == m.area {
		return
	}
	key := level + "/" + area
	m.want = key
	m.wrap.Call("removeAttribute", "data-loading")
	if level == geo.World {
		m.showLevel(level, area, m.worldLOD)
		return
	}
	if frag, ok := m.fragments[key]; ok {
		m.showLevel(level, area, frag)
		return
	}
	// data-loading says a level of detail is on its way, for people and
	// tests that wait for the map to be complete.
	m.wrap.Call("setAttribute", "data-loading", key)
	fetchText("/geo/"+key, func(text string, err error) {
		if m.want == key {
			m.wrap.Call("removeAttribute", "data-loading")
		}
		if err != nil {
			app.Log("qcmap: loading", key, "failed:", err)
			return
		}
		m.fragments[key] = text
		if m.want == key {
			m.showLevel(level, area, text)
		}
	})
}

func (m *mapView) showLevel(level, area, markup string) {
	m.level, m.area = level, area
	m.lod.Set("innerHTML", markup)
	m.lod.Call("setAttribute", "data-level", level)
	m.scaleHatch()
	m.paint()
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

// fitBeside frames b in the part of the map the panel leaves free: left of
// the side panel on a wide screen, above the bottom sheet on a phone.
func (m *mapView) fitBeside(b geo.Box) carto.Viewport {
	v := m.vp
	var dx, dy float64 // the free area's offset from the element's centre, in px
	switch {
	case v.W > 700:
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

// zoomBy zooms around the centre of the element, as the +/− buttons do.
func (m *mapView) zoomBy(f float64) {
	v := m.vp.ZoomAt(m.vp.W/2, m.vp.H/2, f)
	m.animateTo(v)
}

// focusMarker moves the keyboard focus to the partner's marker.
func (m *mapView) focusMarker(id string) {
	if el := m.svg.Call("querySelector", `.markers [data-id="`+id+`"]`); el.Truthy() {
		el.Call("focus")
	}
}

// point returns the event's position in element pixels.
// point returns the event's position in element pixels. The element's
// place is measured once (and again on resize), not per event: reading it
// would force a layout of the whole SVG at every pointer move.
func (m *mapView) point(e app.Value) [2]float64 {
	return [2]float64{e.Get("clientX").Float() - m.left, e.Get("clientY").Float() - m.top}
}

func (m *mapView) onPointerDown(e app.Value) {
	if e.Get("button").Int() != 0 {
		return
	}
	if len(m.pointers) == 0 {
		m.dragged = 0
	}
	m.pointers[e.Get("pointerId").Int()] = m.point(e)
	m.frame++ // a touch stops an animation
}

func (m *mapView) onPointerMove(e app.Value) {
	id := e.Get("pointerId").Int()
	prev, ok := m.pointers[id]
	if !ok {
		return
	}
	p := m.point(e)
	switch len(m.pointers) {
	case 1:
		dx, dy := p[0]-prev[0], p[1]-prev[1]
		m.dragged += math.Abs(dx) + math.Abs(dy)
		if m.dragged > 4 {
			if !m.wrap.Call("hasPointerCapture", id).Bool() {
				m.wrap.Call("setPointerCapture", id)
			}
			m.moveBy(m.vp.PanBy(dx, dy))
		}
	case 2:
		var other [2]float64
		for k, q := range m.pointers {
			if k != id {
				other = q
			}
		}
		d0 := math.Hypot(prev[0]-other[0], prev[1]-other[1])
		d1 := math.Hypot(p[0]-other[0], p[1]-other[1])
		if d0 > 0 {
			mid := [2]float64{(p[0] + other[0]) / 2, (p[1] + other[1]) / 2}
			m.dragged += 10
			m.moveBy(m.vp.ZoomAt(mid[0], mid[1], d1/d0))
		}
	}
	m.pointers[id] = p
}

func (m *mapView) onPointerUp(e app.Value) {
	delete(m.pointers, e.Get("pointerId").Int())
	if len(m.pointers) == 0 && !m.settling {
		m.endMove()
	}
}

func (m *mapView) onWheel(e app.Value) {
	e.Call("preventDefault")
	dy := e.Get("deltaY").Float()
	switch e.Get("deltaMode").Int() {
	case 1: // lines
		dy *= 16
	case 2: // pages
		dy *= 400
	}
	if e.Get("ctrlKey").Bool() { // a trackpad pinch arrives as ctrl+wheel
		dy *= 4
	}
	p := m.point(e)
	m.frame++
	m.moveBy(m.vp.ZoomAt(p[0], p[1], math.Exp(-dy*0.0025)))
}

func (m *mapView) onDoubleClick(e app.Value) {
	e.Call("preventDefault")
	p := m.point(e)
	f := 2.0
	if e.Get("shiftKey").Bool() {
		f = 0.5
	}
	m.animateTo(m.vp.ZoomAt(p[0], p[1], f))
}

// onClick picks what was clicked. A click that ends a drag is not a pick.
// Links in the SVG are followed by the component, not by the browser.
func (m *mapView) onClick(e app.Value) {
	target := e.Get("target")
	if !m.svg.Call("contains", target).Bool() {
		return // a button or the panel
	}
	e.Call("preventDefault")
	if m.dragged > 4 {
		return
	}
	if el := target.Call("closest", "[data-id]"); el.Truthy() {
		m.onPick(attr(el, "data-id"))
		return
	}
	m.onPick("")
}

func (m *mapView) onKeyDown(e app.Value) {
	key := e.Get("key").String()
	target := e.Get("target")
	if key == "Enter" || key == " " {
		if el := target.Call("closest", `[role="button"][data-id]`); el.Truthy() {
			e.Call("preventDefault")
			m.onPick(attr(el, "data-id"))
		}
		return
	}
	if !m.panKeys || e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool() || e.Get("altKey").Bool() {
		return
	}
	const step = 80 // pixels
	switch key {
	case "+", "=":
		m.zoomBy(2)
	case "-", "_":
		m.zoomBy(0.5)
	case "ArrowLeft":
		m.set(m.vp.PanBy(step, 0))
	case "ArrowRight":
		m.set(m.vp.PanBy(-step, 0))
	case "ArrowUp":
		m.set(m.vp.PanBy(0, step))
	case "ArrowDown":
		m.set(m.vp.PanBy(0, -step))
	case "0":
		m.animateTo(worldLike(m.vp))
	default:
		return
	}
	e.Call("preventDefault")
}

// onPointerOver shows the name of the partner or office under the pointer.
func (m *mapView) onPointerOver(e app.Value) {
	el := e.Get("target").Call("closest", "[data-id]")
	if !el.Truthy() {
		m.hideTip()
		return
	}
	p := m.point(e)
	m.showTip(attr(el, "data-id"), p[0], p[1])
}

// onFocusIn shows the name of the focused marker or office.
func (m *mapView) onFocusIn(e app.Value) {
	el := e.Get("target").Call("closest", "[data-id]")
	if !el.Truthy() {
		return
	}
	r := el.Call("getBoundingClientRect")
	w := m.wrap.Call("getBoundingClientRect")
	m.showTip(attr(el, "data-id"), r.Get("left").Float()-w.Get("left").Float()+r.Get("width").Float()/2,
		r.Get("top").Float()-w.Get("top").Float())
}

func (m *mapView) showTip(id string, x, y float64) {
	if !m.tip.Truthy() {
		return
	}
	named := m.svg.Call("querySelector", `[aria-label][data-id="`+id+`"]`)
	if !named.Truthy() {
		m.hideTip()
		return
	}
	m.tip.Set("textContent", attr(named, "aria-label"))
	m.tip.Get("style").Call("setProperty", "--x", strconv.FormatFloat(x, 'f', 0, 64)+"px")
	m.tip.Get("style").Call("setProperty", "--y", strconv.FormatFloat(y, 'f', 0, 64)+"px")
	m.tip.Call("removeAttribute", "hidden")
}

func (m *mapView) hideTip() {
	if m.tip.Truthy() {
		m.tip.Call("setAttribute", "hidden", "")
	}
}

// newViewportLike is the whole world in the same element.
func worldLike(v carto.Viewport) carto.Viewport {
	return carto.World(v.W, v.H)
}

func attr(el app.Value, name string) string {
	v := el.Call("getAttribute", name)
	if !v.Truthy() {
		return ""
	}
	return v.String()
}

// parseBox reads "minX minY maxX maxY".
func parseBox(s string) (geo.Box, bool) {
	f := strings.Fields(s)
	if len(f) != 4 {
		return geo.Box{}, false
	}
	var b geo.Box
	for i := range f {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return geo.Box{}, false
		}
		b[i] = v
	}
	return b, true
}

// afterPaint calls f once the next frame has been painted.
func afterPaint(f func()) {
	var frame, task app.Func
	task = app.FuncOf(func(app.Value, []app.Value) any {
		task.Release()
		f()
		return nil
	})
	frame = app.FuncOf(func(app.Value, []app.Value) any {
		frame.Release()
		app.Window().Call("setTimeout", task, 0)
		return nil
	})
	app.Window().Call("requestAnimationFrame", frame)
}

// fetchText GETs url and calls done with the body, from the browser's fetch.
func fetchText(url string, done func(string, error)) {
	var ok, fail app.Func
	release := func() { ok.Release(); fail.Release() }
	ok = app.FuncOf(func(_ app.Value, args []app.Value) any {
		res := args[0]
		if !res.Get("ok").Bool() {
			release()
			done("", fmt.Errorf("HTTP %d", res.Get("status").Int()))
			return nil
		}
		var got app.Func
		got = app.FuncOf(func(_ app.Value, args []app.Value) any {
			got.Release()
			release()
			done(args[0].String(), nil)
			return nil
		})
		res.Call("text").Call("then", got, fail)
		return nil
	})
	fail = app.FuncOf(func(_ app.Value, args []app.Value) any {
		release()
		done("", fmt.Errorf("%s", args[0].Call("toString").String()))
		return nil
	})
	app.Window().Call("fetch", url).Call("then", ok, fail)
}
