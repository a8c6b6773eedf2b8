package main

import (
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"qcmap"
	"qcmap/geo/carto"
)

// mapFrame is the map that the three map routes share (mapPage, embedPage,
// presentPage): the world map and its mapView, the legend and filters, the
// search, and the panel of the selected partner or office. It reads and
// writes its route's URL, which holds its state (urlState): /partners/us-vt selects Vermont; ?lang=en, ?sector=, ?year=,
// ?view=cx,cy,k and ?arcs=1 set the rest, so a copied URL reopens the same
// map, and Back and Forward walk through selections.
type mapFrame struct {
	app.Compo

	// Embed draws the embeddable view (/embed): no header, a link to the
	// full map and the attribution; the URL is left alone.
	Embed bool
	// Present draws the presentation mode (/present): one partner per step.
	Present bool

	lang    string
	data    *qcmap.Dataset
	svg     string // the map's markup
	svgLang string // the language svg (or adopted) is drawn in
	// adopted is the prerendered page's own map element, which the first
	// map page shows in place of svg's markup (site.TakeMap) until another
	// language's map replaces it; nil otherwise.
	adopted  app.Value
	theme    string // ?theme=light or dark, else the stored choice; "" follows the system
	urlState        // what the URL holds (url_state.go)

	mv      *mapView
	mounted bool
	// warming holds the hidden panel that warmPanel rehearses for a
	// moment after the mount, and warmID the partner it shows ("" closed).
	warming bool
	warmID  string

	// The deck API (deck.go): on once the page listens, the width its
	// last resize event was for, and the messages it ignored.
	deckOn      bool
	deckWidth   int
	deckIgnored int
}

func newMapFrame() *mapFrame { return &mapFrame{} }

// Actions that children send to the page.
const (
	actionSelect = "qcmap.select" // value: an id to select
)

func (p *mapFrame) OnPreRender(ctx app.Context) { p.OnNav(ctx) }

// OnInit gives the browser's first render the state of the page the server
// drew, before OnNav: rendered without it, the map would leave the page and
// come back, laid out and painted twice.
func (p *mapFrame) OnInit() {
	if app.IsClient {
		u := app.Window().URL()
		if el, ok := theSite.TakeMap(); ok {
			p.adopted = el
		} else {
			p.svg = theSite.Map(langOf(u))
		}
		p.svgLang = theSite.Lang(u)
		p.lang = p.svgLang
		p.data = theSite.Data()
		p.urlState = readURLState(u, p.data, p.Present, p.Embed)
		if th := carto.Lenient(u.Query(), nil).Theme; th != "" {
			p.theme = th
		}
	}
}

// OnNav reads the state from the URL: on load, on Back and Forward, and when
// a link inside the app is followed.
func (p *mapFrame) OnNav(ctx app.Context) {
	u := ctx.Page().URL()
	rememberLang(ctx, u)
	lang := preferredLang(ctx, u)
	if p.svg == "" && p.adopted == nil {
		// The page's map, drawn by the server in the URL's language.
		p.svg, p.svgLang = theSite.Map(langOf(u)), theSite.Lang(u)
	}
	if lang != p.svgLang && app.IsClient {
		// The map's names are drawn in one language: fetch the other's.
		p.switchMap(ctx, lang)
	}
	p.lang = lang
	p.data = theSite.Data()
	p.urlState = readURLState(u, p.data, p.Present, p.Embed)
	p.theme = storedTheme(ctx)
	if th := carto.Lenient(u.Query(), nil).Theme; th != "" {
		p.theme = th
	}

	page := ctx.Page()
	page.SetLang(lang)
	title := t(lang, "app.title")
	if name := p.selectedName(); name != "" {
		title = name + " · " + title
	}
	page.SetTitle("%s", title)
	// A partner's page says what it is, for its link preview.
	var desc string
	if p.data != nil && p.selected != "" {
		desc = carto.Description(p.data, p.selected, lang)
	}
	if desc == "" {
		desc = t(lang, "app.description")
	}
	page.SetDescription("%s", desc)
	if app.IsServer {
		p.svg = prerenderView(theSite.Map(lang), p.selected)
	}
	if app.IsClient {
		app.Window().Get("document").Get("documentElement").Set("lang", lang)
		p.sync(ctx, false)
	}
}

func (p *mapFrame) OnMount(ctx app.Context) {
	p.placeAdopted()
	ctx.Handle(actionSelect, func(ctx app.Context, a app.Action) {
		if id, ok := a.Value.(string); ok {
			p.pick(ctx, id, true)
		}
	})
	ctx.Handle(actionClose, func(ctx app.Context, a app.Action) { p.closePanel(ctx) })
	p.mv = &mapView{panKeys: !p.Present}
	p.mv.onPick = func(id string) {
		ctx.Dispatch(func(ctx app.Context) { p.pick(ctx, id, false) })
	}
	p.mv.onMove = func(v carto.Viewport) {
		ctx.Dispatch(func(ctx app.Context) {
			p.view = v.String()
			p.replaceURL()
			p.deckEmit("viewchange", nil)
			ctx.PreventUpdate()
		})
	}
	// The component's elements reach the document after OnMount returns.
	ctx.Defer(func(ctx app.Context) { p.attach(ctx, 20) })
}

// placeAdopted puts the prerendered map's element into the map's region,
// which go-app mounted empty for it. OnMount runs in the same browser task
// as the mount, so no frame is drawn without the map.
func (p *mapFrame) placeAdopted() {
	if p.adopted == nil || p.adopted.Get("isConnected").Bool() {
		return
	}
	if wrap := p.JSValue(); wrap != nil {
		if w := wrap.Call("querySelector", "#map-wrap"); w.Truthy() {
			w.Call("appendChild", p.adopted)
		}
	}
}

// attach starts driving the map once its elements are in the document,
// trying again for a while if they are not yet.
func (p *mapFrame) attach(ctx app.Context, tries int) {
	if p.static {
		p.startDeck(ctx)
		markMounted()
		return
	}
	if !p.mv.attach() {
		if tries > 0 {
			ctx.After(25*time.Millisecond, func(ctx app.Context) { p.attach(ctx, tries-1) })
			return
		}
		app.Log("qcmap: the page has no map to drive")
		return
	}
	p.mounted = true
	if p.Present {
		p.listenPresenterKeys(ctx)
	} else {
		p.listenEscape(ctx)
	}
	p.sync(ctx, true)
	p.startDeck(ctx)
	markMounted()
	p.warmPanel(ctx)
}

// warmPanel rehearses the panel, hidden, once the browser is idle after
// the mount: a closed panel, the richest partner's, the barest one's
// (panelRehearsal), closed again, then gone, one idle callback each, as a
// person's first clicks would. Chromium compiles each wasm function the
// first time it runs, on the main thread (wasm.CompileLazy), so each of
// these steps runs code of its own for the first time: mounting a panel's
// content into the closed panel, changing one partner's for another's,
// closing it. With New York's detail only warmed, the second click of a
// visit in make bench took 15 to 29 ms; rehearsed, 15 to 17 (README,
// "A click waits for go-app's frame"). A page that opens on a partner has
// its panel already. The mark qcmap-panel-warm says when it is done.
func (p *mapFrame) warmPanel(ctx app.Context) {
	ids := panelRehearsal(p.data)
	if !app.IsClient || p.Present || p.selected != "" || len(ids) == 0 {
		return
	}
	// A step's panel is held, and shows the partner id ("" closed).
	type rehearsal struct {
		held bool
		id   string
	}
	steps := []rehearsal{{true, ""}}
	for _, id := range ids {
		steps = append(steps, rehearsal{true, id})
	}
	steps = append(steps, rehearsal{true, ""}, rehearsal{false, ""})
	var step func(i int)
	step = func(i int) {
		onIdle(func() {
			ctx.Dispatch(func(ctx app.Context) {
				p.warming, p.warmID = steps[i].held, steps[i].id
				// The next step after this one's update: two changes in
				// one update would run one step's code only.
				ctx.Defer(func(app.Context) {
					if i+1 < len(steps) {
						step(i + 1)
					} else {
						markPerf("qcmap-panel-warm", nil)
					}
				})
			})
		})
	}
	step(0)
}

// warmDetail is the hidden panel warmPanel rehearses, or nil.
func (p *mapFrame) warmDetail() app.UI {
	if !p.warming || p.data == nil {
		return nil
	}
	return app.Div().Class("panel-warm").Hidden(true).Aria("hidden", "true").Body(
		&partnerPanel{Lang: p.lang, Data: p.data, Selected: p.warmID, Rehearsal: true},
	)
}

// panelRehearsal is the partner with the most agreements, events and
// offices, whose detail runs the most of a panel's code, and the one with
// the fewest, whose runs the rest (the panel of a partner with no
// agreement); nil if there is none, one if they are the same.
func panelRehearsal(d *qcmap.Dataset) []string {
	if d == nil {
		return nil
	}
	var rich, bare string
	most, fewest := -1, 0
	for _, j := range d.Jurisdictions {
		if j.Kind == qcmap.KindHome {
			continue
		}
		n := len(d.AgreementsOf(j.ID)) + len(d.EventsOf(j.ID)) + len(d.OfficesIn(j.ID))
		if n > most {
			rich, most = j.ID, n
		}
		if bare == "" || n < fewest {
			bare, fewest = j.ID, n
		}
	}
	switch {
	case rich == "":
		return nil
	case rich == bare:
		return []string{rich}
	}
	return []string{rich, bare}
}

// startDeck lets the page that frames /embed or /present drive it.
func (p *mapFrame) startDeck(ctx app.Context) {
	if p.Embed || p.Present {
		p.deckOn = true
		p.listenDeck(ctx)
	}
}

func (p *mapFrame) OnDismount() {
	p.mounted = false // work deferred to a later frame finds the page gone
	if p.mv != nil {
		p.mv.detach()
	}
}

// switchMap replaces the map's markup with the one drawn in lang, keeping
// the view, the selection and the filters.
func (p *mapFrame) switchMap(ctx app.Context, lang string) {
	fetchText("/geo/map/"+lang, func(svg string, err error) {
		if err != nil {
			app.Log("qcmap: loading the map in", lang, "failed:", err)
			return
		}
		ctx.Dispatch(func(ctx app.Context) {
			if p.lang != lang {
				return
			}
			// The new markup takes the server's element's place. go-app
			// mounts it at its next frame, so the old element goes only
			// then: removed here, a frame could come with no map at all.
			old := p.adopted
			p.adopted = nil
			p.svg, p.svgLang = svg, lang
			ctx.Defer(func(ctx app.Context) {
				if old != nil {
					old.Call("remove")
				}
				if p.mounted {
					p.mv.rebind()
					p.sync(ctx, false)
				}
			})
		})
	})
}

// sync brings the map in line with the state: filters, arcs, selection and,
// on first load, the view from the URL.
func (p *mapFrame) sync(ctx app.Context, first bool) {
	if !p.mounted {
		return
	}
	p.mv.setArcs(p.arcs)
	p.mv.setFilter(p.brightIDs())
	p.mv.setSelected(p.selectedShape())
	if first {
		// go-app may set the range's value before its min and max, which
		// clamps it; set it again now that all three are there.
		if el := app.Window().GetElementByID("year"); el.Truthy() {
			y := p.year
			if y == 0 {
				_, y = yearRange(p.data)
			}
			el.Set("value", strconv.Itoa(y))
		}
		if view, err := carto.ParseView(p.view); err == nil && view.Kind != "" {
			v, _ := view.In(p.mv.vp)
			p.mv.set(v)
		} else if id := p.selectedShape(); id != "" {
			if b, ok := p.mv.partnerBox(id); ok {
				p.mv.set(p.mv.fitBeside(b))
			}
		} else {
			p.mv.showFirstView(false)
		}
	}
}

// pick is a person's choice of id (or "" to close the panel): in
// /present it moves to that partner's step; elsewhere it selects id and
// moves the focus to its card.
func (p *mapFrame) pick(ctx app.Context, id string, fromSearch bool) {
	if id == p.selected && id != "" {
		return
	}
	if p.Present {
		// A click on the map moves to that partner's step, if it has one.
		for i, s := range p.steps {
			if s == id {
				p.goStep(ctx, i)
			}
		}
		return
	}
	p.choose(ctx, id, fromSearch, true)
}

// choose selects id (or closes the panel for ""), records it in the
// history and zooms to it: to an office only if zoomOffice. focus moves
// the focus to the panel, which a deck driving the map does not want (the
// presenter's keys stay with the deck).
func (p *mapFrame) choose(ctx app.Context, id string, zoomOffice, focus bool) {
	if id == p.selected && id != "" {
		return
	}
	p.selected = id
	// The history entry now, not after the panel's frame: a Back pressed
	// before that frame must still find this pick's entry.
	p.pushURL(p.url())
	p.deckEmit("select", nil)
	if !p.mounted {
		return
	}
	shape := p.selectedShape()
	// The panel is drawn first, on a layer of its own (qcmap.css), so its
	// frame rasters only the panel. What waits for that frame to be
	// painted: the partner's highlight, whose repaint re-rasters the map's
	// tiles around it (the world's paths, in software here, 20 to 40 ms a
	// tile); the zoom, which measures the page; and the focus, which lays
	// it out.
	zoom := shape != "" && (zoomOffice || !strings.HasPrefix(id, "office-"))
	moves := p.mv.frame           // a movement started later wins over this zoom
	ctx.Defer(func(app.Context) { // the panel is in the page now
		// For the tests: the last pick's panel, and the collections so far.
		markLast("qcmap-panel", map[string]any{"id": id, "gc": gcCycles()})
		afterPaint(func() {
			if p.selected != id || !p.mounted {
				return // another pick came first, or the page is gone
			}
			p.mv.setSelected(shape)
			if zoom && p.mv.frame == moves {
				p.mv.zoomToPartner(shape)
			}
			if id != "" && focus {
				focusPanel()
			}
		})
	})
}

// closePanel closes the panel and gives the focus back to the marker.
func (p *mapFrame) closePanel(ctx app.Context) {
	was := p.selectedShape()
	if was == "" && p.selected == "" {
		return
	}
	p.pick(ctx, "", false)
	if p.mounted && was != "" {
		p.mv.focusMarker(was)
	}
	if strings.HasPrefix(was, "office-") {
		if el := app.Window().Get("document").Call("querySelector", `#map [data-id="`+was+`"]`); el.Truthy() {
			el.Call("focus")
		}
	}
}

// listenEscape closes the panel on Esc from anywhere on the page.
func (p *mapFrame) listenEscape(ctx app.Context) {
	p.mv.listen(app.Window(), "keydown", func(e app.Value) {
		if e.Get("key").String() == "Escape" {
			p.mv.hideTip()
			ctx.Dispatch(func(ctx app.Context) { p.closePanel(ctx) })
		}
	}, true)
}

// selectedShape is the id on the map of the selection: the partner, or the
// office's own pin.
func (p *mapFrame) selectedShape() string { return p.selected }

func (p *mapFrame) selectedName() string {
	if p.data == nil || p.selected == "" {
		return ""
	}
	if j, err := p.data.Jurisdiction(p.selected); err == nil {
		return j.Name.In(p.lang)
	}
	for _, o := range p.data.Offices {
		if o.ID == p.selected {
			return o.City.In(p.lang)
		}
	}
	return ""
}

// brightIDs returns the jurisdictions that pass the page's filters.
func (p *mapFrame) brightIDs() map[string]bool { return filterIDs(p.data, p.sector, p.year) }

// pushURL records a new history entry, so Back returns to the previous
// selection.
func (p *mapFrame) pushURL(u string) {
	if app.IsClient && !p.Embed {
		app.Window().Get("history").Call("pushState", nil, "", u)
	}
}

// replaceURL updates the URL in place, for changes not worth a history
// entry (the view, the filters).
func (p *mapFrame) replaceURL() {
	if app.IsClient && !p.Embed {
		app.Window().Get("history").Call("replaceState", nil, "", p.url())
	}
}

func (p *mapFrame) onZoomIn(ctx app.Context, e app.Event) {
	if p.mounted {
		p.mv.zoomBy(2)
	}
	ctx.PreventUpdate()
}

func (p *mapFrame) onZoomOut(ctx app.Context, e app.Event) {
	if p.mounted {
		p.mv.zoomBy(0.5)
	}
	ctx.PreventUpdate()
}

// onArea zooms to a world area, or to the whole world for "".
func (p *mapFrame) onArea(id string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		ctx.PreventUpdate()
		if !p.mounted {
			return
		}
		if id == "" {
			p.mv.showFirstView(true)
			return
		}
		if b, ok := areaBox(id); ok {
			p.mv.animateTo(p.mv.vp.Focus(b))
		}
	}
}

func (p *mapFrame) onSector(id string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if p.sector == id {
			p.sector = ""
		} else {
			p.sector = id
		}
		p.replaceURL()
		if p.mounted {
			p.mv.setFilter(p.brightIDs())
		}
	}
}

func (p *mapFrame) onYear(ctx app.Context, e app.Event) {
	y, err := strconv.Atoi(ctx.JSSrc().Get("value").String())
	if err != nil {
		return
	}
	if _, hi := yearRange(p.data); y >= hi {
		y = 0
	}
	p.year = y
	p.replaceURL()
	if p.mounted {
		p.mv.setFilter(p.brightIDs())
	}
}

func (p *mapFrame) onArcs(ctx app.Context, e app.Event) {
	p.arcs = ctx.JSSrc().Get("checked").Bool()
	p.replaceURL()
	if p.mounted {
		p.mv.setArcs(p.arcs)
	}
}

func (p *mapFrame) onClose(ctx app.Context, e app.Event) { p.closePanel(ctx) }

// onTheme flips between the light and dark themes and remembers it.
func (p *mapFrame) onTheme(ctx app.Context, e app.Event) { p.theme = flipTheme(ctx, p.theme) }

// listURL is the list view with the same language and filters.
func (p *mapFrame) listURL() string { return filterURL("/list", p.lang, p.sector, p.year) }

// focusPanel moves the focus to the panel's heading, so a screen reader
// reads it out and the keyboard continues from there.
func focusPanel() {
	if el := app.Window().Get("document").Call("querySelector", "[data-panel] h2"); el.Truthy() {
		el.Call("focus")
	}
}
