package main

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"qcmap"
)

// listPage is the text view of qcmap: every partner grouped by world area,
// with its agreements, years and sectors. It is the map's text alternative.
type listPage struct {
	app.Compo

	lang   string
	data   *qcmap.Dataset
	sector string
	year   int
	theme  string
}

func newListPage() *listPage { return &listPage{} }

func (p *listPage) OnPreRender(ctx app.Context) { p.OnNav(ctx) }

// OnInit gives the browser's first render the data and the language of the
// page the server drew, so the list is not emptied before OnNav fills it.
func (p *listPage) OnInit() {
	if app.IsClient {
		u := app.Window().URL()
		p.lang = theSite.Lang(u)
		p.data = theSite.Data()
		p.sector, p.year = filtersOf(u, p.data)
	}
}

func (p *listPage) OnMount(ctx app.Context) { markMounted() }

func (p *listPage) OnNav(ctx app.Context) {
	rememberLang(ctx, ctx.Page().URL())
	p.lang = preferredLang(ctx, ctx.Page().URL())
	p.theme = storedTheme(ctx)
	p.data = theSite.Data()
	p.sector, p.year = filtersOf(ctx.Page().URL(), p.data)
	ctx.Page().SetLang(p.lang)
	ctx.Page().SetTitle("%s", t(p.lang, "list.title")+" · "+t(p.lang, "app.title"))
	ctx.Page().SetDescription("%s", t(p.lang, "app.description"))
	if app.IsClient {
		app.Window().Get("document").Get("documentElement").Set("lang", p.lang)
	}
}

func (p *listPage) Render() app.UI {
	lang, d := p.lang, p.data
	theme := ""
	if p.theme != "" {
		theme = " theme-" + p.theme
	}
	return app.Div().Class("page list-page"+theme).Body(
		dataScript(d),
		pageHeader(lang, "#main", t(lang, "skip"), nil,
			app.A().Class("map-link").Href(p.mapURL()).Text(t(lang, "nav.map")),
			themeToggle(lang, p.theme, p.onTheme),
			langLink(lang, "/list"+queryOf(p.mapURL())),
		),
		&statusBar{Lang: lang},
		app.Main().ID("main").Class("list").Body(
			app.H1().Text(t(lang, "list.title")),
			app.If(d == nil, func() app.UI {
				return app.P().Role("alert").Text(t(lang, "error.data"))
			}).Else(func() app.UI {
				return app.Div().Body(
					app.P().Class("lede").Text(t(lang, "list.lede")),
					coreSectors(lang, d),
					p.filterNote(),
					app.Range(d.Areas).Slice(func(i int) app.UI {
						return areaSection(lang, d, d.Areas[i], filterIDs(d, p.sector, p.year))
					}),
					officesSection(lang, d),
				)
			}),
		),
		newPageFooter(lang, d, "list-footer"),
	)
}

// areaSection lists the partners of one world area that pass the filters
// (all of them when bright is nil).
func areaSection(lang string, d *qcmap.Dataset, area qcmap.Term, bright map[string]bool) app.UI {
	var js []qcmap.Jurisdiction
	for _, j := range d.Jurisdictions {
		if j.Area == area.ID && j.Kind != qcmap.KindHome && (bright == nil || bright[j.ID]) {
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
		sectorChips(lang, d, d.CoreSectors).ui(),
	)
}

func officesSection(lang string, d *qcmap.Dataset) app.UI {
	return app.Section().Class("offices-abroad").Aria("labelledby", "offices-abroad").Body(
		app.H2().ID("offices-abroad").Text(t(lang, "offices.abroad")),
		app.Ul().Class("office-list").Body(
			app.Range(d.Offices).Slice(func(i int) app.UI { return officeItem(lang, d.Offices[i]).ui() }),
		),
	)
}

// onTheme flips between the light and dark themes and remembers it.
func (p *listPage) onTheme(ctx app.Context, e app.Event) { p.theme = flipTheme(ctx, p.theme) }

// filterNote says which filters the list follows, with a link to drop them.
func (p *listPage) filterNote() app.UI {
	if p.sector == "" && p.year == 0 {
		return nil
	}
	var parts []string
	if s, err := p.data.Sector(p.sector); err == nil {
		parts = append(parts, t(p.lang, "filter.sectors")+" : "+s.Name.In(p.lang))
	}
	if p.year != 0 {
		parts = append(parts, t(p.lang, "filter.year")+" "+strconv.Itoa(p.year))
	}
	all := "/list"
	if p.lang == langEN {
		all += "?lang=en"
	}
	return app.P().Class("filter-note").Role("status").Body(
		app.Text(strings.Join(parts, " · ")+" — "),
		app.A().Href(all).Text(t(p.lang, "filter.clear")),
	)
}

// mapURL is the map with the list's language and filters.
func (p *listPage) mapURL() string { return filterURL("/", p.lang, p.sector, p.year) }

func queryOf(u string) string {
	if i := strings.IndexByte(u, '?'); i >= 0 {
		return u[i:]
	}
	return ""
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
