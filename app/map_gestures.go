package main

import (
	"math"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The map's gestures: drag and pinch by pointer, the wheel, double click,
// click, the keyboard, and the tooltips that follow the pointer and the focus.

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
		m.showFirstView(true)
	default:
		return
	}
	e.Call("preventDefault")
}

// onPointerOver shows the name of the partner or office under the pointer.
func (m *mapView) onPointerOver(e app.Value) {
	el := e.Get("target").Call("closest", "[data-id]")
	// A first view's target shows its name already.
	if !el.Truthy() || e.Get("target").Call("closest", ".tag").Truthy() {
		m.hideTip()
		return
	}
	p := m.point(e)
	m.showTip(attr(el, "data-id"), p[0], p[1])
}

// onFocusIn shows the name of the focused marker or office.
func (m *mapView) onFocusIn(e app.Value) {
	el := e.Get("target").Call("closest", "[data-id]")
	if !el.Truthy() || m.firstView {
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
