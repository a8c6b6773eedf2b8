package main

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"qcmap"
)

// partnerPanel shows the selected partner or office: a side panel on a wide
// screen, a bottom sheet on a phone. It is announced by name, carries the
// test hook data-panel, and always shows the source's date.
type partnerPanel struct {
	app.Compo

	Lang     string
	Data     *qcmap.Dataset
	Selected string // a jurisdiction or office id
	// CloseURL, if set, makes the close control a link to it: the static
	// embed, which has no wasm to close the panel in place.
	CloseURL string
	// Rehearsal is the hidden panel of mapFrame.warmPanel: without the
	// panel's test hooks, id and name, which belong to the real one, and
	// not open.
	Rehearsal bool
}

// actionClose asks the page to close the panel.
const actionClose = "qcmap.close"

func (p *partnerPanel) Render() app.UI {
	d, lang := p.Data, p.Lang
	if d == nil || p.Selected == "" {
		return app.Aside().Class("panel").Hidden(true)
	}
	var body app.UI
	var kind string
	if j, err := d.Jurisdiction(p.Selected); err == nil {
		body = &partnerDetail{Lang: lang, Data: d, J: *j, Level: 2}
		kind = "partner"
	} else if o, ok := officeByID(d, p.Selected); ok {
		body = p.office(o)
		kind = "office"
	} else {
		return app.Aside().Class("panel").Hidden(true)
	}
	aside, titleID := app.Aside(), "panel-title"
	if p.Rehearsal {
		// Not open: the page's layout follows an open panel
		// (.map-page:has(.panel.open) in qcmap.css), and the rehearsal
		// must not move the controls from under a person's click.
		aside, titleID = aside.Class("panel"), ""
	} else {
		aside = aside.Class("panel open").Attr("data-panel", kind).DataSet("id", p.Selected).Aria("labelledby", titleID)
	}
	return aside.
		Body(
			app.If(p.CloseURL != "", func() app.UI {
				return app.A().
					Class("panel-close").
					Href(p.CloseURL).
					Aria("label", t(lang, "panel.close")).
					Title(t(lang, "panel.close")).
					Text("×")
			}).Else(func() app.UI {
				return app.Button().
					Class("panel-close").
					Type("button").
					Aria("label", t(lang, "panel.close")).
					Title(t(lang, "panel.close")).
					Text("×").
					OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actionClose) })
			}),
			app.Div().ID(titleID).Class("panel-body").Body(body),
			app.P().Class("panel-source").Body(
				app.Text(t(lang, "source.line")+" "),
				app.Time().DateTime(d.Source.Updated).Text(d.Source.Updated),
			),
		)
}

// office is the card of one office: its city, where it stands, and the year
// it opened where the source gives it.
func (p *partnerPanel) office(o qcmap.Office) app.UI {
	lang, d := p.Lang, p.Data
	other := otherLang(lang)
	where := o.JurisdictionName.In(lang)
	var link app.UI = app.Text(where)
	if j, err := d.Jurisdiction(o.Jurisdiction); err == nil {
		link = app.A().Href(partnerURL(j.ID, lang)).Text(j.Name.In(lang))
	}
	return app.Article().Class("office-card").DataSet("id", o.ID).Body(
		app.H2().TabIndex(-1).Class("partner-name").Body(
			app.Text(t(lang, "office.in")+" "+o.City.In(lang)),
			app.If(o.City.In(other) != o.City.In(lang), func() app.UI {
				return app.Span().Class("other-name").Lang(other).Text(o.City.In(other))
			}),
		),
		app.P().Class("partner-meta").Body(link),
		app.If(o.Opened != 0, func() app.UI {
			return app.P().Class("opened").Text(t(lang, "opened.cap") + " " + strconv.Itoa(o.Opened))
		}).Else(func() app.UI {
			return app.P().Class("opened unknown").Text(t(lang, "opened.unknown"))
		}),
	)
}

func officeByID(d *qcmap.Dataset, id string) (qcmap.Office, bool) {
	for _, o := range d.Offices {
		if o.ID == id {
			return o, true
		}
	}
	return qcmap.Office{}, false
}
