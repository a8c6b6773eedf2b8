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
// panel both use it. It is static markup (markup.go), mounted in one go:
// the first click on a partner builds it in the page.
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

func (p *partnerDetail) Render() app.UI { return p.markup().ui() }

func (p *partnerDetail) markup() *markup {
	lang, d, j := p.Lang, p.Data, p.J
	headingID := "name-" + strings.ToLower(j.ID)
	area, _ := d.Area(j.Area)
	other := otherLang(lang)
	name := heading(p.Level, headingID, "partner-name").withText(j.Name.In(lang))
	if j.Name.In(other) != j.Name.In(lang) {
		name.with(elem("span").class("other-name").lang(other).withText(j.Name.In(other)))
	}
	var note *markup
	if j.Note.In(lang) != "" {
		note = elem("p").class("partner-note").withText(j.Note.In(lang))
	}
	return elem("article").
		class("partner").
		id(strings.ToLower(j.ID)).
		data("id", j.ID).
		aria("labelledby", headingID).
		with(
			name,
			elem("p").class("partner-meta").withText(j.CountryName.In(lang)+" · "+area.Name.In(lang)),
			note,
			p.themes(),
			p.agreements(),
			p.events(),
			p.offices(),
		)
}

func (p *partnerDetail) themes() *markup {
	if len(p.J.Themes) == 0 {
		return nil
	}
	list := elem("ul").class("theme-list")
	for _, id := range p.J.Themes {
		for _, th := range p.Data.Themes {
			if th.ID == id {
				list.with(elem("li").withText(th.Name.In(p.Lang)))
			}
		}
	}
	return elem("section").class("themes").with(
		heading(p.Level+1, "", "").withText(t(p.Lang, "themes")),
		list,
	)
}

func (p *partnerDetail) agreements() *markup {
	as := p.Data.AgreementsOf(p.J.ID)
	if p.J.Kind == qcmap.KindHome {
		return nil
	}
	var body *markup
	if len(as) == 0 {
		body = elem("p").class("empty").withText(t(p.Lang, "no.agreement"))
	} else {
		body = elem("ul").class("agreement-list")
		for _, a := range as {
			body.with(p.agreement(a))
		}
	}
	return elem("section").class("agreements").with(
		heading(p.Level+1, "", "").withText(t(p.Lang, "agreements")),
		body,
	)
}

func (p *partnerDetail) agreement(a qcmap.Agreement) *markup {
	var others []qcmap.Jurisdiction
	for _, id := range a.Parties {
		if !strings.EqualFold(id, p.J.ID) {
			if j, err := p.Data.Jurisdiction(id); err == nil {
				others = append(others, *j)
			}
		}
	}
	var parties *markup
	if len(others) > 0 {
		parties = elem("span").class("parties").withText(t(p.Lang, "with") + " ")
		for i, o := range others {
			sep := elem("span")
			if i > 0 {
				sep.withText(", ")
			}
			parties.with(sep.with(elem("a").href(partnerURL(o.ID, p.Lang)).withText(o.Name.In(p.Lang))))
		}
	}
	return elem("li").class("agreement").data("agreement", a.ID).with(
		elem("span").class("year").withText(strconv.Itoa(a.Year)),
		elem("span").class("title").withText(a.Title.In(p.Lang)),
		parties,
		sectorChips(p.Lang, p.Data, a.Sectors),
	)
}

func (p *partnerDetail) events() *markup {
	es := p.Data.EventsOf(p.J.ID)
	if len(es) == 0 {
		return nil
	}
	list := elem("ul").class("event-list")
	for _, e := range es {
		years := elem("ul").class("years").aria("label", e.Title.In(p.Lang))
		for _, y := range e.Years {
			years.with(elem("li").class("year").withText(strconv.Itoa(y)))
		}
		list.with(elem("li").class("event").data("event", e.ID).with(
			elem("span").class("title").withText(e.Title.In(p.Lang)),
			years,
			sectorChips(p.Lang, p.Data, e.Sectors),
		))
	}
	return elem("section").class("events").with(
		heading(p.Level+1, "", "").withText(t(p.Lang, "events")),
		list,
	)
}

func (p *partnerDetail) offices() *markup {
	os := p.Data.OfficesIn(p.J.ID)
	if len(os) == 0 {
		return nil
	}
	list := elem("ul").class("office-list")
	for _, o := range os {
		list.with(officeItem(p.Lang, o))
	}
	return elem("section").class("offices").with(
		heading(p.Level+1, "", "").withText(t(p.Lang, "offices")),
		list,
	)
}

// officeItem is one office: "Québec office in São Paulo, opened in 2008".
func officeItem(lang string, o qcmap.Office) *markup {
	text := t(lang, "office.in") + " " + o.City.In(lang)
	if o.Opened != 0 {
		text += ", " + t(lang, "opened") + " " + strconv.Itoa(o.Opened)
	}
	return elem("li").class("office").data("id", o.ID).withText(text)
}

// sectorChips renders sector ids as a labelled list of chips.
func sectorChips(lang string, d *qcmap.Dataset, ids []string) *markup {
	if len(ids) == 0 {
		return nil
	}
	list := elem("ul").class("chips").aria("label", t(lang, "sectors"))
	for _, id := range ids {
		if s, err := d.Sector(id); err == nil {
			list.with(elem("li").class("chip").data("sector", s.ID).withText(s.Name.In(lang)))
		}
	}
	return list
}

// heading returns an <hN> element; level is clamped to 2..6. The panel's
// heading (level 2) takes the focus when the panel opens.
func heading(level int, id, class string) *markup {
	level = min(max(level, 2), 6)
	h := elem("h" + strconv.Itoa(level)).id(id).class(class)
	if level == 2 {
		h.tabIndex("-1")
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
