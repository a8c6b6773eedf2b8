package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"qcmap/geo"
	"qcmap/geo/carto"
)

// The map's JavaScript glue: finding its elements, the listeners it adds
// and removes, and small DOM and fetch helpers.

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
	m.worldLOD = "" // read when the map first leaves the world level (showLevel)
	m.level, m.area = geo.World, ""
	m.readFirstViews()
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
		if m.firstView { // the size class may have changed
			m.vp = m.firstViewport()
		}
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
	m.worldLOD = ""
	m.dimmed = false
	m.level, m.area, m.want = geo.World, "", ""
	m.readFirstViews()
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

// readFirstViews reads the box each size class's first view shows, which
// the server wrote on its layer.
func (m *mapView) readFirstViews() {
	m.fvBoxes = map[string]geo.Box{}
	layers := m.svg.Call("querySelectorAll", ".fv-layer")
	for i := range layers.Length() {
		el := layers.Index(i)
		if b, ok := parseBox(attr(el, "data-box")); ok {
			m.fvBoxes[attr(el, "data-class")] = b
		}
	}
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

// onIdle calls f once the browser is idle, at most 2 s from now; where
// there is no requestIdleCallback (Safari), 500 ms from now.
func onIdle(f func()) {
	var fn app.Func
	fn = app.FuncOf(func(app.Value, []app.Value) any {
		fn.Release()
		f()
		return nil
	})
	if app.Window().Get("requestIdleCallback").Truthy() {
		app.Window().Call("requestIdleCallback", fn, map[string]any{"timeout": 2000})
	} else {
		app.Window().Call("setTimeout", fn, 500)
	}
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
