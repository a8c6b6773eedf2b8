package main

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"qcmap"
	"qcmap/geo"
	"qcmap/geo/carto"
)

// This file renders the page around the map: the header, the zoom and area
// buttons, the legend and the filters. The map itself is drawn by the server
// (render.MapSVG) and driven by mapView.

func (p *mapFrame) Render() app.UI {
	if p.Embed {
		return p.renderEmbed()
	}
	if p.Present {
		return p.renderPresent()
	}
	lang, d := p.lang, p.data
	return app.Div().Class("page map-page "+p.themeClass()).Body(
		dataScript(d),
		pageHeader(lang, "#map-wrap", t(lang, "skip.map"), &searchBox{Lang: lang, Data: d},
			&shareDialog{Lang: lang, Theme: p.theme, URL: p.url()},
			themeToggle(lang, p.theme, p.onTheme),
			app.A().Class("list-link").Href(p.listURL()).Text(t(lang, "nav.list")),
			langLink(lang, p.url()),
		),
		app.Main().ID("main").Class("map-main").Body(
			p.mapWrap().Aria("describedby", "map-help"),
			app.P().ID("map-help").Class("visually-hidden").Text(t(lang, "map.help")),
			app.Div().ID("map-tip").Class("map-tip").Role("tooltip").Hidden(true),
			&mapControls{Lang: lang, Data: d, frame: p},
			p.legend(),
			&partnerPanel{Lang: lang, Data: d, Selected: p.selected},
			&statusBar{Lang: lang},
			p.warmDetail(),
		),
		newPageFooter(lang, d, "map-footer"),
	)
}

// renderEmbed is the view for iframes: the map fills the frame, with the
// legend (unless ?legend=0), the card of ?focus=, a link to the full map and
// the attribution.
func (p *mapFrame) renderEmbed() app.UI {
	lang, d := p.lang, p.data
	cls := "page map-page embed " + p.themeClass()
	if p.static {
		cls += " static"
	}
	return app.Div().Class(cls).Body(
		dataScript(d),
		app.Main().ID("main").Class("map-main").Body(
			app.H1().Class("visually-hidden").Text(t(lang, "app.title")),
			p.mapWrap(),
			app.Div().ID("map-tip").Class("map-tip").Role("tooltip").Hidden(true),
			app.If(!p.static, func() app.UI { return p.zoomButtons() }),
			app.If(p.legendOn, func() app.UI { return p.legend() }),
			&partnerPanel{Lang: lang, Data: d, Selected: p.selected, CloseURL: p.staticCloseURL()},
			app.P().Class("embed-credit").Body(
				app.A().Href(p.fullURL()).Target("_blank").Rel("noopener").Text(t(lang, "embed.open")+" ↗"),
				app.Text("\u00a0· "+t(lang, "embed.credit")),
			),
			p.warmDetail(),
		),
	)
}

// mapWrap is the focusable region that holds the server-drawn SVG; mapView
// listens on it.
func (p *mapFrame) mapWrap() app.HTMLDiv {
	wrap := app.Div().
		ID("map-wrap").
		Class("map-wrap").
		Role("region").
		TabIndex(0).
		Aria("label", t(p.lang, "map.label"))
	if p.adopted != nil {
		return wrap // placeAdopted puts the prerendered map in it
	}
	svg := p.svg
	if p.noWasm {
		svg = staticLinks(svg, p.lang)
	}
	return wrap.Body(app.Raw(svg))
}

// staticCloseURL is where the static embed's close control goes: the same
// embed without its focus; "" elsewhere.
func (p *mapFrame) staticCloseURL() string {
	switch {
	case !p.noWasm:
		return ""
	case p.lang == langEN:
		return "/embed?lang=en&static=1"
	}
	return "/embed?static=1"
}

// staticLinks points the map's partner links at each partner's static
// embed (/embed?static=1&focus=us-vt), so that a click in a frame without
// wasm shows that partner's card in the frame.
func staticLinks(svg, lang string) string {
	to := `href="/embed?static=1&amp;focus=`
	if lang == langEN {
		to = `href="/embed?lang=en&amp;static=1&amp;focus=`
	}
	return strings.ReplaceAll(svg, `href="/partners/`, to)
}

// themeClass forces the light or dark theme asked for in the URL.
func (p *mapFrame) themeClass() string {
	if p.theme == "" {
		return ""
	}
	return "theme-" + p.theme
}

// fullURL is the full map in the embed's state.
func (p *mapFrame) fullURL() string { return p.urlState.url(p.lang, false) }

func (p *mapFrame) zoomButtons() app.UI {
	return app.Div().Class("map-controls").Body(zoomGroup(p.lang, p))
}

// zoomGroup is the + and − buttons of the map p.
func zoomGroup(lang string, p *mapFrame) app.UI {
	return app.Div().Class("zoom").Role("group").Aria("label", t(lang, "zoom.label")).Body(
		app.Button().Type("button").Class("zoom-in").Aria("label", t(lang, "zoom.in")).Title(t(lang, "zoom.in")).Text("+").OnClick(p.onZoomIn),
		app.Button().Type("button").Class("zoom-out").Aria("label", t(lang, "zoom.out")).Title(t(lang, "zoom.out")).Text("−").OnClick(p.onZoomOut),
	)
}

// mapControls are the zoom buttons and the world-area buttons: the
// single-pointer and keyboard alternatives to dragging and pinching.
//
// It and mapLegend are components of their own, fed only what they show,
// so that the page's update after a pick (its panel, its URL) leaves them
// alone: go-app renders and compares a child component only when one of
// its exported fields has changed, and these two are most of the page's
// elements outside the map. frame is the page, whose handlers they call.
type mapControls struct {
	app.Compo

	Lang  string
	Data  *qcmap.Dataset
	frame *mapFrame
}

func (c *mapControls) Render() app.UI {
	lang, p := c.Lang, c.frame
	var areas []qcmap.Term
	if c.Data != nil {
		areas = c.Data.Areas
	}
	return app.Div().Class("map-controls").Body(
		zoomGroup(lang, p),
		app.Div().Class("areas").Role("group").Aria("label", t(lang, "areas.label")).Body(
			app.Button().Type("button").DataSet("area", "world").Text(t(lang, "area.world")).OnClick(p.onArea("")),
			app.Range(areas).Slice(func(i int) app.UI {
				a := areas[i]
				return app.Button().Type("button").DataSet("area", a.ID).Text(a.Name.In(lang)).OnClick(p.onArea(a.ID))
			}),
		),
	)
}

// mapLegend explains the colours and symbols, and holds the filters:
// sectors as toggle chips, the year slider, and the arcs switch (not in the
// static embed, which has no wasm to apply them). See mapControls for why
// it is a component.
type mapLegend struct {
	app.Compo

	Lang   string
	Data   *qcmap.Dataset
	Sector string
	Year   int
	Arcs   bool
	NoWasm bool
	frame  *mapFrame
}

// legend is the page's legend, fed from its state; nil without data.
func (p *mapFrame) legend() app.UI {
	if p.data == nil {
		return nil
	}
	return &mapLegend{Lang: p.lang, Data: p.data, Sector: p.sector, Year: p.year, Arcs: p.arcs, NoWasm: p.noWasm, frame: p}
}

func (l *mapLegend) Render() app.UI {
	lang, d, p := l.Lang, l.Data, l.frame // d is not nil: see legend
	lo, hi := yearRange(d)
	year := l.Year
	if year == 0 {
		year = hi
	}
	yearText := t(lang, "year.all")
	if l.Year != 0 {
		yearText = t(lang, "year.upto") + " " + strconv.Itoa(l.Year)
	}
	// A disclosure that starts folded: the first view's names need the
	// map's room, and the size classes reserve only its summary. No
	// open attribute at all: go-app writes Open(false) as open="false",
	// which a page without the wasm (the static embed) shows open.
	title := "legend.title"
	if l.NoWasm {
		title = "legend.keys"
	}
	return app.Details().Class("legend").Body(
		app.Summary().Class("legend-title").Body(app.H2().Text(t(lang, title))),
		app.Ul().Class("legend-keys").Body(
			app.Range(d.Areas).Slice(func(i int) app.UI {
				a := d.Areas[i]
				return app.Li().Body(app.Span().Class("key a-"+a.ID).Aria("hidden", true), app.Text(a.Name.In(lang)))
			}),
			app.Li().Body(app.Span().Class("key home").Aria("hidden", true), app.Text(carto.Text(lang, "home"))),
			app.Li().Body(app.Span().Class("key country-entry").Aria("hidden", true), app.Text(franceNote(d, lang))),
			app.Li().Body(app.Span().Class("key office").Aria("hidden", true), app.Text(carto.Text(lang, "office"))),
		),
		// Without the wasm (the static embed) the switches could not act.
		app.If(!l.NoWasm, func() app.UI {
			return app.Label().Class("arcs-toggle").Body(
				app.Input().Type("checkbox").ID("arcs").Checked(l.Arcs).OnChange(p.onArcs),
				app.Text("\u00a0"+t(lang, "legend.arcs")),
			)
		}),
		app.If(!l.NoWasm, func() app.UI {
			return app.FieldSet().Class("filters").Body(
				app.Legend().Text(t(lang, "filter.sectors")),
				app.Div().Class("sector-chips").Body(
					app.Range(d.Sectors).Slice(func(i int) app.UI {
						s := d.Sectors[i]
						on := l.Sector == s.ID
						return app.Button().
							Type("button").
							Class("chip-toggle").
							DataSet("sector", s.ID).
							Aria("pressed", on).
							Text(s.Name.In(lang)).
							OnClick(p.onSector(s.ID))
					}),
				),
			)
		}),
		app.If(!l.NoWasm, func() app.UI {
			return app.Div().Class("year-filter").Body(
				app.Label().For("year").Text(t(lang, "filter.year")),
				app.Input().
					Type("range").
					ID("year").
					Min(lo).Max(hi).Step(1).
					Value(year).
					Aria("valuetext", yearText).
					OnInput(p.onYear),
				app.Output().For("year").Class("year-value").Text(yearText),
			)
		}),
	)
}

// franceNote is the legend's entry for France, in the source's words.
func franceNote(d *qcmap.Dataset, lang string) string {
	for _, j := range d.Jurisdictions {
		if j.Kind == qcmap.KindCountry && j.Note.In(lang) != "" {
			return j.Note.In(lang)
		}
	}
	return ""
}

// langSwitchURL is the current URL in the other language.
func langSwitchURL(current, lang string) string {
	u, err := parseURL(current)
	if err != nil {
		return homeURL(otherLang(lang))
	}
	q := u.Query()
	q.Set("lang", otherLang(lang)) // named, so the choice is remembered

	u.RawQuery = q.Encode()
	return u.String()
}

// areaBox is the box of a world area in map units.
func areaBox(id string) (geo.Box, bool) { return geo.AreaBox(id) }

// themeToggle switches between the light and dark themes; aria-pressed says
// whether the dark one is on.
func themeToggle(lang, theme string, h app.EventHandler) app.UI {
	dark := isDark(theme)
	return app.Button().
		Type("button").
		Class("theme-toggle").
		Aria("pressed", dark).
		Text(t(lang, "theme.dark")).
		OnClick(h)
}
