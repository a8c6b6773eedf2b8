package main

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"qcmap"
)

// partnerDetail shows one jurisdiction: its names, country and area, the
// themes of the relationship, its agreements with years, parties and sectors,
// its events and the offices that stand in it. The list view and the map's
// panel both use it.
type partnerDetail struct {
	app.Compo

	Lang string
	Data *qcmap.Dataset
	J    qcmap.Jurisdiction
	// Level is the heading level of the partner's name (2..5); the sections
	// below it use the next one.
	Level int
}

func newPartnerDetail() *partnerDetail { return &partnerDetail{Level: 3} }

func (p *partnerDetail) Render() app.UI {
	lang, d, j := p.Lang, p.Data, p.J
	headingID := "name-" + strings.ToLower(j.ID)
	area, _ := d.Area(j.Area)
	other := otherLang(lang)
	return app.Article().
		Class("partner").
		ID(strings.ToLower(j.ID)).
		DataSet("id", j.ID).
		Aria("labelledby", headingID).
		Body(
			heading(p.Level, headingID, "partner-name",
				app.Text(j.Name.In(lang)),
				app.If(j.Name.In(other) != j.Name.In(lang), func() app.UI {
					return app.Span().Class("other-name").Lang(other).Text(j.Name.In(other))
				}),
			),
			app.P().Class("partner-meta").Text(j.CountryName.In(lang)+" · "+area.Name.In(lang)),
			app.If(j.Note.In(lang) != "", func() app.UI {
				return app.P().Class("partner-note").Text(j.Note.In(lang))
			}),
			p.themes(),
			p.agreements(),
			p.events(),
			p.offices(),
		)
}

func (p *partnerDetail) themes() app.UI {
	if len(p.J.Themes) == 0 {
		return nil
	}
	return app.Section().Class("themes").Body(
		heading(p.Level+1, "", "", app.Text(t(p.Lang, "themes"))),
		app.Ul().Class("theme-list").Body(
			app.Range(p.J.Themes).Slice(func(i int) app.UI {
				for _, th := range p.Data.Themes {
					if th.ID == p.J.Themes[i] {
						return app.Li().Text(th.Name.In(p.Lang))
					}
				}
				return nil
			}),
		),
	)
}

func (p *partnerDetail) agreements() app.UI {
	as := p.Data.AgreementsOf(p.J.ID)
	if p.J.Kind == qcmap.KindHome {
		return nil
	}
	return app.Section().Class("agreements").Body(
		heading(p.Level+1, "", "", app.Text(t(p.Lang, "agreements"))),
		app.If(len(as) == 0, func() app.UI {
			return app.P().Class("empty").Text(t(p.Lang, "no.agreement"))
		}).Else(func() app.UI {
			return app.Ul().Class("agreement-list").Body(
				app.Range(as).Slice(func(i int) app.UI { return p.agreement(as[i]) }),
			)
		}),
	)
}

func (p *partnerDetail) agreement(a qcmap.Agreement) app.UI {
	var others []qcmap.Jurisdiction
	for _, id := range a.Parties {
		if !strings.EqualFold(id, p.J.ID) {
			if j, err := p.Data.Jurisdiction(id); err == nil {
				others = append(others, *j)
			}
		}
	}
	return app.Li().Class("agreement").DataSet("agreement", a.ID).Body(
		app.Span().Class("year").Text(strconv.Itoa(a.Year)),
		app.Span().Class("title").Text(a.Title.In(p.Lang)),
		app.If(len(others) > 0, func() app.UI {
			return app.Span().Class("parties").Body(
				app.Text(t(p.Lang, "with")+" "),
				app.Range(others).Slice(func(i int) app.UI {
					sep := ""
					if i > 0 {
						sep = ", "
					}
					return app.Span().Body(
						app.Text(sep),
						app.A().Href(partnerURL(others[i].ID, p.Lang)).Text(others[i].Name.In(p.Lang)),
					)
				}),
			)
		}),
		sectorChips(p.Lang, p.Data, a.Sectors),
	)
}

func (p *partnerDetail) events() app.UI {
	es := p.Data.EventsOf(p.J.ID)
	if len(es) == 0 {
		return nil
	}
	return app.Section().Class("events").Body(
		heading(p.Level+1, "", "", app.Text(t(p.Lang, "events"))),
		app.Ul().Class("event-list").Body(
			app.Range(es).Slice(func(i int) app.UI {
				e := es[i]
				years := make([]string, len(e.Years))
				for k, y := range e.Years {
					years[k] = strconv.Itoa(y)
				}
				return app.Li().Class("event").DataSet("event", e.ID).Body(
					app.Span().Class("title").Text(e.Title.In(p.Lang)),
					app.Ul().Class("years").Aria("label", e.Title.In(p.Lang)).Body(
						app.Range(years).Slice(func(k int) app.UI {
							return app.Li().Class("year").Text(years[k])
						}),
					),
					sectorChips(p.Lang, p.Data, e.Sectors),
				)
			}),
		),
	)
}

func (p *partnerDetail) offices() app.UI {
	os := p.Data.OfficesIn(p.J.ID)
	if len(os) == 0 {
		return nil
	}
	return app.Section().Class("offices").Body(
		heading(p.Level+1, "", "", app.Text(t(p.Lang, "offices"))),
		app.Ul().Class("office-list").Body(
			app.Range(os).Slice(func(i int) app.UI { return officeItem(p.Lang, os[i]) }),
		),
	)
}

// officeItem is one office: "Québec office in São Paulo, opened in 2008".
func officeItem(lang string, o qcmap.Office) app.UI {
	text := t(lang, "office.in") + " " + o.City.In(lang)
	if o.Opened != 0 {
		text += ", " + t(lang, "opened") + " " + strconv.Itoa(o.Opened)
	}
	return app.Li().Class("office").DataSet("id", o.ID).Text(text)
}

// sectorChips renders sector ids as a labelled list of chips.
func sectorChips(lang string, d *qcmap.Dataset, ids []string) app.UI {
	if len(ids) == 0 {
		return nil
	}
	return app.Ul().Class("chips").Aria("label", t(lang, "sectors")).Body(
		app.Range(ids).Slice(func(i int) app.UI {
			s, err := d.Sector(ids[i])
			if err != nil {
				return nil
			}
			return app.Li().Class("chip").DataSet("sector", s.ID).Text(s.Name.In(lang))
		}),
	)
}

// heading returns an <hN> element; level is clamped to 2..6.
func heading(level int, id, class string, body ...app.UI) app.UI {
	var h interface {
		app.UI
	}
	switch {
	case level <= 2:
		// The panel's heading takes the focus when the panel opens.
		h = app.H2().ID(id).Class(class).TabIndex(-1).Body(body...)
	case level == 3:
		h = app.H3().ID(id).Class(class).Body(body...)
	case level == 4:
		h = app.H4().ID(id).Class(class).Body(body...)
	case level == 5:
		h = app.H5().ID(id).Class(class).Body(body...)
	default:
		h = app.H6().ID(id).Class(class).Body(body...)
	}
	return h
}

// partnerURL is the page of a partner, keeping the language.
func partnerURL(id, lang string) string {
	u := partnerPath(id)
	if lang == langEN {
		u += "?lang=en"
	}
	return u
}
