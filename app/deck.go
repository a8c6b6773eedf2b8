package main

import (
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"qcmap/geo/carto"
)

// This file is the deck API of /embed and /present, modelled on reveal.js's
// postMessage API: the page that frames the map (a reveal.js deck, a CMS)
// sends {method, args} (an object, or the same as a JSON string, as
// reveal.js takes it) and hears events {namespace: "qcmap", eventName,
// state}. Any origin may drive the map: what it shows is public, and a
// message can only do what a visitor's click can. A message is data,
// never code: an unknown method, bad arguments or a message that is not
// {method, args} changes nothing and is counted in the console (a warning
// with the running count). reveal.js's own "slide:start" and "slide:stop",
// which it posts to every iframe of a slide, are let pass silently.

// deckNamespace marks qcmap's events, as "reveal" marks reveal.js's.
const deckNamespace = "qcmap"

// deckMaxMessage is the longest message read, in bytes of JSON.
const deckMaxMessage = 4096

// deckCall is a message to the map. ID, any JSON value, comes back in the
// answer to getState, so that a caller can match answers to questions.
type deckCall struct {
	Method string            `json:"method"`
	Args   []json.RawMessage `json:"args"`
	ID     json.RawMessage   `json:"id,omitempty"`
}

// deckState is what every event carries and getState answers.
type deckState struct {
	// Selected is the jurisdiction or office shown ("US-VT"), or "".
	Selected string `json:"selected"`
	// View is the map's centre in map units and its zoom, as the URL's
	// view parameter writes them; absent while the map is not driven.
	View   *deckView `json:"view,omitempty"`
	Sector string    `json:"sector"`
	Year   int       `json:"year"` // 0: every year
	Lang   string    `json:"lang"`
	// Step (from 1) and Steps are the presentation's, in /present only.
	Step  int      `json:"step,omitempty"`
	Steps []string `json:"steps,omitempty"`
}

type deckView struct {
	CX float64 `json:"cx"`
	CY float64 `json:"cy"`
	K  float64 `json:"k"`
}

// deckEvent is a message from the map to the page that frames it.
type deckEvent struct {
	Namespace string          `json:"namespace"`
	EventName string          `json:"eventName"`
	ID        json.RawMessage `json:"id,omitempty"`
	// Height is the frame's height, in CSS pixels, that suits its width
	// (resize events only).
	Height int       `json:"height,omitempty"`
	State  deckState `json:"state"`
}

// errDeckArgs is a call whose arguments do not fit its method.
var errDeckArgs = errors.New("bad arguments")

// readDeckCall reads a message's data: an object, or a JSON string of
// one (parseDeckCall).
func readDeckCall(data app.Value) (c deckCall, err error) {
	switch data.Type() {
	case app.TypeString:
		return parseDeckCall(data.String())
	case app.TypeObject:
		defer func() {
			if recover() != nil { // JSON.stringify threw: a cycle, a BigInt
				err = errors.New("not JSON")
			}
		}()
		s := app.Window().Get("JSON").Call("stringify", data)
		if s.Type() != app.TypeString {
			return c, errors.New("not JSON")
		}
		return parseDeckCall(s.String())
	}
	return c, errors.New("not an object")
}

// parseDeckCall reads a call written in JSON: an object with a method
// and, if any, an array of arguments; other keys are ignored.
func parseDeckCall(raw string) (c deckCall, err error) {
	if len(raw) > deckMaxMessage {
		return c, errors.New("longer than " + strconv.Itoa(deckMaxMessage) + " bytes")
	}
	if err := json.Unmarshal([]byte(raw), &c); err != nil {
		return deckCall{}, errors.New("not {method, args}")
	}
	if c.Method == "" {
		return deckCall{}, errors.New("no method")
	}
	return c, nil
}

// listenDeck answers the deck API's messages and sends its events, in
// /embed and /present.
func (p *mapFrame) listenDeck(ctx app.Context) {
	win := app.Window()
	p.mv.listen(win, "message", func(e app.Value) {
		if src := e.Get("source"); src.Truthy() && src.Equal(win) {
			return // our own events, when the page is not framed
		}
		data := e.Get("data")
		if data.Type() == app.TypeString && (data.String() == "slide:start" || data.String() == "slide:stop") {
			return // reveal.js tells every iframe of a slide it is shown or left
		}
		c, err := readDeckCall(data)
		source := e.Get("source")
		ctx.Dispatch(func(ctx app.Context) {
			if err == nil {
				err = p.deckDo(ctx, c, source)
			}
			if err != nil {
				p.deckIgnored++
				app.Window().Get("console").Call("warn", "qcmap: message ignored ("+err.Error()+"); "+strconv.Itoa(p.deckIgnored)+" ignored so far")
			}
		})
	}, true)
	p.mv.listen(win, "resize", func(app.Value) { p.deckResize() }, true)
	p.deckEmit("ready", nil)
	p.deckResize()
}

// deckDo runs a call, or says why not.
func (p *mapFrame) deckDo(ctx app.Context, c deckCall, source app.Value) error {
	if p.data == nil {
		return errors.New("no data")
	}
	switch c.Method {
	case "select":
		var id string
		if len(c.Args) != 1 || json.Unmarshal(c.Args[0], &id) != nil {
			return errDeckArgs
		}
		sel, ok := p.deckID(id)
		if !ok {
			return errors.New("select: no partner or office " + strconv.Quote(id))
		}
		if p.Present {
			for i, s := range p.steps {
				if s == sel {
					p.goStep(ctx, i)
					return nil
				}
			}
			return errors.New("select: " + sel + " is not a step")
		}
		p.choose(ctx, sel, true, false)
	case "clear":
		if len(c.Args) != 0 {
			return errDeckArgs
		}
		if p.Present {
			return errors.New("clear: a presentation always shows a partner")
		}
		if p.selected != "" {
			p.choose(ctx, "", false, false)
		}
	case "setView":
		return p.deckSetView(c.Args)
	case "setFilters":
		return p.deckSetFilters(c.Args)
	case "next", "prev":
		if !p.Present {
			return errors.New(c.Method + ": only /present has steps")
		}
		if len(c.Args) != 0 {
			return errDeckArgs
		}
		delta := 1
		if c.Method == "prev" {
			delta = -1
		}
		p.goStep(ctx, p.step+delta)
	case "getState":
		if len(c.Args) != 0 {
			return errDeckArgs
		}
		ctx.PreventUpdate()
		p.deckPost(source, deckEvent{EventName: "state", ID: c.ID})
	default:
		return errors.New("unknown method " + strconv.Quote(c.Method))
	}
	return nil
}

// deckID returns the dataset's spelling of a jurisdiction's or an office's id.
func (p *mapFrame) deckID(id string) (string, bool) {
	if j, err := p.data.Jurisdiction(id); err == nil {
		return j.ID, true
	}
	for _, o := range p.data.Offices {
		if strings.EqualFold(o.ID, id) {
			return o.ID, true
		}
	}
	return "", false
}

// deckSetView moves the map: setView(cx, cy, k) in map units as the URL's
// view writes them, setView(minLon, minLat, maxLon, maxLat) in degrees, or
// setView(area) with a world area's id or "world" (the first view).
func (p *mapFrame) deckSetView(args []json.RawMessage) error {
	if !p.mounted {
		return errors.New("setView: the map is frozen (interactive=0)")
	}
	var view carto.View
	switch len(args) {
	case 1:
		var area string
		if json.Unmarshal(args[0], &area) != nil {
			return errDeckArgs
		}
		if area == "world" {
			p.mv.showFirstView(true)
			return nil
		}
		b, ok := areaBox(area)
		if !ok {
			return errors.New("setView: no world area " + strconv.Quote(area))
		}
		p.mv.animateTo(p.mv.vp.Focus(b))
		return nil
	case 3, 4:
		parts := make([]string, len(args))
		for i, a := range args {
			var f float64
			if json.Unmarshal(a, &f) != nil {
				return errDeckArgs
			}
			parts[i] = strconv.FormatFloat(f, 'g', -1, 64)
		}
		v, err := carto.ParseView(strings.Join(parts, ","))
		if err != nil {
			return errors.New("setView: " + strings.TrimPrefix(err.Error(), "carto: "))
		}
		view = v
	default:
		return errDeckArgs
	}
	v, _ := view.In(p.mv.vp)
	p.mv.animateTo(v)
	return nil
}

// deckSetFilters sets the filters: setFilters({sector, year}); a key left
// out keeps its filter, null, "" or 0 clears it.
func (p *mapFrame) deckSetFilters(args []json.RawMessage) error {
	if !p.mounted {
		return errors.New("setFilters: the map is frozen (interactive=0)")
	}
	var f map[string]json.RawMessage
	if len(args) != 1 || json.Unmarshal(args[0], &f) != nil || f == nil {
		return errDeckArgs
	}
	sector, year := p.sector, p.year
	for k, v := range f {
		null := string(v) == "null"
		switch k {
		case "sector":
			var s string
			if !null && json.Unmarshal(v, &s) != nil {
				return errDeckArgs
			}
			if s != "" {
				if _, err := p.data.Sector(s); err != nil {
					return errors.New("setFilters: no sector " + strconv.Quote(s))
				}
			}
			sector = s
		case "year":
			var y float64
			if !null && json.Unmarshal(v, &y) != nil {
				return errDeckArgs
			}
			lo, hi := yearRange(p.data)
			if y != 0 && (y != math.Trunc(y) || y < float64(lo) || y > float64(hi)) {
				return errors.New("setFilters: year must be within " + strconv.Itoa(lo) + ".." + strconv.Itoa(hi))
			}
			year = int(y)
		default:
			return errors.New("setFilters: no filter " + strconv.Quote(k))
		}
	}
	if _, hi := yearRange(p.data); year >= hi {
		year = 0 // up to the last year is every year, as the slider has it
	}
	p.sector, p.year = sector, year
	p.replaceURL()
	if p.mounted {
		p.mv.setFilter(p.brightIDs())
	}
	return nil
}

// deckState is the state the events carry.
func (p *mapFrame) deckState() deckState {
	s := deckState{Selected: p.selected, Sector: p.sector, Year: p.year, Lang: p.lang}
	if p.mounted {
		// Rounded as the URL writes it, so that a state given back to
		// setView is the same state.
		if v, err := carto.ParseView(p.mv.vp.String()); err == nil {
			s.View = &deckView{v.N[0], v.N[1], v.N[2]}
		}
	}
	if p.Present {
		s.Step, s.Steps = p.step+1, p.steps
	}
	return s
}

// deckEmit sends an event to the page that frames the map, if one does.
func (p *mapFrame) deckEmit(name string, id json.RawMessage) {
	if !app.IsClient || !(p.Embed || p.Present) || !p.deckOn {
		return
	}
	parent := app.Window().Get("parent")
	if parent.Equal(app.Window()) {
		return
	}
	p.deckPost(parent, deckEvent{EventName: name, ID: id})
}

// deckResize sends the height that suits the frame's width, when the
// width has changed: 16:9 where the card sits beside the map, 4:3 where
// it covers the lower part of the map.
func (p *mapFrame) deckResize() {
	w := app.Window().Get("innerWidth").Int()
	if w == p.deckWidth || w <= 0 {
		return
	}
	p.deckWidth = w
	h := w * 9 / 16
	if float64(w) <= panelBesideWidth {
		h = w * 3 / 4
	}
	parent := app.Window().Get("parent")
	if !parent.Equal(app.Window()) {
		p.deckPost(parent, deckEvent{EventName: "resize", Height: h})
	}
}

// deckPost posts e, with the state, to target (any origin: the data is
// public). The event is an object, which reveal.js's own listener, which
// parses strings, leaves alone.
func (p *mapFrame) deckPost(target app.Value, e deckEvent) {
	if !target.Truthy() {
		return
	}
	e.Namespace, e.State = deckNamespace, p.deckState()
	b, err := json.Marshal(e)
	if err != nil {
		return
	}
	target.Call("postMessage", app.Window().Get("JSON").Call("parse", string(b)), "*")
}
