package main

import (
	"encoding/json"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"qcmap"
)

// listPage is the text view of qcmap: every partner grouped by world area,
// with its agreements, years and sectors. It is the map's text alternative.
type listPage struct {
	app.Compo

	lang string
	data *qcmap.Dataset
}

func newListPage() *listPage { return &listPage{} }

func (p *listPage) OnPreRender(ctx app.Context) { p.OnNav(ctx) }

func (p *listPage) OnMount(ctx app.Context) { markMounted() }

func (p *listPage) OnNav(ctx app.Context) {
	p.lang = langOf(ctx.Page().URL())
	p.data = currentData()
	ctx.Page().SetLang(p.lang)
	ctx.Page().SetTitle("%s", t(p.lang, "list.title")+" · "+t(p.lang, "app.title"))
	ctx.Page().SetDescription("%s", t(p.lang, "app.description"))
	if app.IsClient {
		app.Window().Get("document").Get("documentElement").Set("lang", p.lang)
	}
}

func (p *listPage) Render() app.UI {
	lang, d := p.lang, p.data
	return app.Div().Class("page list-page").Body(
		dataScript(d),
		app.A().Class("skip-link").Href("#main").Text(t(lang, "skip")),
		pageHeader(lang, "/list"),
		app.Main().ID("main").Class("list").Body(
			app.H1().Text(t(lang, "list.title")),
			app.If(d == nil, func() app.UI {
				return app.P().Role("alert").Text(t(lang, "error.data"))
			}).Else(func() app.UI {
				return app.Div().Body(
					app.P().Class("lede").Text(t(lang, "list.lede")),
					coreSectors(lang, d),
					app.Range(d.Areas).Slice(func(i int) app.UI { return areaSection(lang, d, d.Areas[i]) }),
					officesSection(lang, d),
					sourceLine(lang, d),
				)
			}),
		),
	)
}

func areaSection(lang string, d *qcmap.Dataset, area qcmap.Term) app.UI {
	var js []qcmap.Jurisdiction
	for _, j := range d.Jurisdictions {
		if j.Area == area.ID && j.Kind != qcmap.KindHome {
			js = append(js, j)
		}
	}
	id := "area-" + area.ID
	return app.Section().Class("area").DataSet("area", area.ID).Aria("labelledby", id).Body(
		app.H2().ID(id).Text(area.Name.In(lang)),
		app.Range(js).Slice(func(i int) app.UI {
			return &partnerDetail{Lang: lang, Data: d, J: js[i], Level: 3}
		}),
	)
}

func coreSectors(lang string, d *qcmap.Dataset) app.UI {
	return app.Div().Class("core-sectors").Body(
		app.Span().Text(t(lang, "list.core")+" "),
		sectorChips(lang, d, d.CoreSectors),
	)
}

func officesSection(lang string, d *qcmap.Dataset) app.UI {
	return app.Section().Class("offices-abroad").Aria("labelledby", "offices-abroad").Body(
		app.H2().ID("offices-abroad").Text(t(lang, "offices.abroad")),
		app.Ul().Class("office-list").Body(
			app.Range(d.Offices).Slice(func(i int) app.UI { return officeItem(lang, d.Offices[i]) }),
		),
	)
}

// sourceLine credits the source page and its date, and the other sources.
func sourceLine(lang string, d *qcmap.Dataset) app.UI {
	return app.Footer().Class("source").Body(
		app.P().Body(
			app.Text(t(lang, "source")+" : "),
			app.Cite().Text(d.Source.Title.In(lang)),
			app.Text(", "+d.Source.Publisher.In(lang)+", "+t(lang, "source.updated")+" "),
			app.Time().DateTime(d.Source.Updated).Text(d.Source.Updated),
			app.Text("."),
		),
		app.Range(d.Sources).Slice(func(i int) app.UI {
			c := d.Sources[i]
			return app.P().Class("credit").Text(c.Note.In(lang) + " " + c.Title + " (" + c.License + ")")
		}),
	)
}

// pageHeader is the bar at the top of every page: the title and the
// language switch, which keeps the current path.
func pageHeader(lang, path string) app.UI {
	other := otherLang(lang)
	href := path
	if other == langEN {
		href += "?lang=en"
	}
	return app.Header().Class("topbar").Body(
		app.A().Class("brand").Href(homeURL(lang)).Text(t(lang, "app.title")),
		app.Nav().Class("lang").Body(
			app.A().Href(href).Lang(other).Attr("hreflang", other).Text(t(lang, "lang.switch")),
		),
	)
}

func homeURL(lang string) string {
	if lang == langEN {
		return "/?lang=en"
	}
	return "/"
}

// dataScript embeds the dataset in the prerendered page (server only); the
// browser build reads it back before mounting (bootstrapData).
func dataScript(d *qcmap.Dataset) app.UI {
	if !app.IsServer || d == nil {
		return nil
	}
	b, err := json.Marshal(d) // escapes <, > and &, so "</script>" cannot occur
	if err != nil {
		return nil
	}
	return app.Raw(`<script type="application/json" id="` + dataScriptID + `">` + strings.TrimSpace(string(b)) + `</script>`)
}
