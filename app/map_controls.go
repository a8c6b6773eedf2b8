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
			p.controls(),
			p.legend(),
			&partnerPanel{Lang: lang, Data: d, Selected: p.selected},
			&statusBar{Lang: lang},
			p.warmDetail(),
		),
		pageFooter(lang, d, "map-footer"),
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
	return app.Div().Class("map-controls").Body(p.zoomGroup())
}

// zoomGroup is the + and − buttons.
func (p *mapFrame) zoomGroup() app.UI {
	lang := p.lang
	return app.Div().Class("zoom").Role("group").Aria("label", t(lang, "zoom.label")).Body(
		app.Button().Type("button").Class("zoom-in").Aria("label", t(lang, "zoom.in")).Title(t(lang, "zoom.in")).Text("+").OnClick(p.onZoomIn),
		app.Button().Type("button").Class("zoom-out").Aria("label", t(lang, "zoom.out")).Title(t(lang, "zoom.out")).Text("−").OnClick(p.onZoomOut),
	)
}

// controls are the zoom buttons and the world-area buttons: the
// single-pointer and keyboard alternatives to dragging and pinching.
func (p *mapFrame) controls() app.UI {
	lang := p.lang
	var areas []qcmap.Term
	if p.data != nil {
		areas = p.data.Areas
	}
	return app.Div().Class("map-controls").Body(
		p.zoomGroup(),
		app.Div().Class("areas").Role("group").Aria("label", t(lang, "areas.label")).Body(
			app.Button().Type("button").DataSet("area", "world").Text(t(lang, "area.world")).OnClick(p.onArea("")),
			app.Range(areas).Slice(func(i int) app.UI {
				a := areas[i]
				return app.Button().Type("button").DataSet("area", a.ID).Text(a.Name.In(lang)).OnClick(p.onArea(a.ID))
			}),
		),
	)
}

// legend explains the colours and symbols, and holds the filters: sectors
// as toggle chips, the year slider, and the arcs switch (not in the static
// embed, which has no wasm to apply them).
func (p *mapFrame) legend() app.UI {
	lang, d := p.lang, p.data
	if d == nil {
		return nil
	}
	lo, hi := yearRange(d)
	year := p.year
	if year == 0 {
		year = hi
	}
	yearText := t(lang, "year.all")
	if p.year != 0 {
		yearText = t(lang, "year.upto") + " " + strconv.Itoa(p.year)
	}
	// A disclosure that starts folded: the first view's names need the
	// map's room, and the size classes reserve only its summary. No
	// open attribute at all: go-app writes Open(false) as open="false",
	// which a page without the wasm (the static embed) shows open.
	title := "legend.title"
	if p.noWasm {
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
		app.If(!p.noWasm, func() app.UI {
			return app.Label().Class("arcs-toggle").Body(
				app.Input().Type("checkbox").ID("arcs").Checked(p.arcs).OnChange(p.onArcs),
				app.Text("\u00a0"+t(lang, "legend.arcs")),
			)
		}),
		app.If(!p.noWasm, func() app.UI {
			return app.FieldSet().Class("filters").Body(
				app.Legend().Text(t(lang, "filter.sectors")),
				app.Div().Class("sector-chips").Body(
					app.Range(d.Sectors).Slice(func(i int) app.UI {
						s := d.Sectors[i]
						on := p.sector == s.ID
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
		app.If(!p.noWasm, func() app.UI {
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
