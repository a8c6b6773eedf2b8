package main

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"qcmap"
)

// searchBox is the type-ahead over partners, offices and agreements, in
// French and English, without regard to accents. It follows the ARIA
// combobox pattern: arrows move in the list, Enter selects, Esc clears.
type searchBox struct {
	app.Compo

	Lang string
	Data *qcmap.Dataset

	query   string
	results []searchResult
	active  int
}

// searchResult is one match: the id to select and what to show.
type searchResult struct {
	ID, Label, Kind string
}

// maxResults keeps the list short enough to read.
const maxResults = 8

func (s *searchBox) Render() app.UI {
	lang := s.Lang
	open := len(s.results) > 0
	active := ""
	if open {
		active = "search-opt-" + strconv.Itoa(s.active)
	}
	return app.Div().Class("search").Role("search").Body(
		app.Label().For("search-input").Class("visually-hidden").Text(t(lang, "search.label")),
		app.Input().
			ID("search-input").
			Type("search").
			Class("search-input").
			Placeholder(t(lang, "search.placeholder")).
			AutoComplete(false).
			Role("combobox").
			Aria("autocomplete", "list").
			Aria("controls", "search-list").
			Aria("expanded", open).
			Aria("activedescendant", active).
			Value(s.query).
			OnInput(s.onInput).
			OnKeyDown(s.onKeyDown),
		app.Ul().
			ID("search-list").
			Class("search-list").
			Role("listbox").
			Aria("label", t(lang, "search.results")).
			Hidden(!open).
			Body(app.Range(s.results).Slice(func(i int) app.UI {
				r := s.results[i]
				return app.Li().
					ID("search-opt-"+strconv.Itoa(i)).
					Class("search-opt").
					Role("option").
					DataSet("id", r.ID).
					Aria("selected", i == s.active).
					OnMouseDown(func(ctx app.Context, e app.Event) {
						e.PreventDefault() // keep the focus in the input
						s.choose(ctx, i)
					}).
					Body(
						app.Span().Class("opt-label").Text(r.Label),
						app.Span().Class("opt-kind").Text(r.Kind),
					)
			})),
	)
}

func (s *searchBox) onInput(ctx app.Context, e app.Event) {
	s.query = ctx.JSSrc().Get("value").String()
	s.results = search(s.Data, s.Lang, s.query)
	s.active = 0
}

func (s *searchBox) onKeyDown(ctx app.Context, e app.Event) {
	switch e.Get("key").String() {
	case "ArrowDown":
		if len(s.results) > 0 {
			s.active = (s.active + 1) % len(s.results)
		}
		e.PreventDefault()
	case "ArrowUp":
		if len(s.results) > 0 {
			s.active = (s.active + len(s.results) - 1) % len(s.results)
		}
		e.PreventDefault()
	case "Enter":
		e.PreventDefault()
		if len(s.results) == 0 {
			s.results = search(s.Data, s.Lang, ctx.JSSrc().Get("value").String())
		}
		if len(s.results) > 0 {
			s.choose(ctx, s.active)
		}
	case "Escape":
		s.query, s.results = "", nil
	default:
		ctx.PreventUpdate()
	}
}

func (s *searchBox) choose(ctx app.Context, i int) {
	if i < 0 || i >= len(s.results) {
		return
	}
	id := s.results[i].ID
	s.query, s.results, s.active = "", nil, 0
	ctx.JSSrc().Set("value", "")
	ctx.NewActionWithValue(actionSelect, id)
}

// search returns the partners, offices and agreements whose French or
// English name contains the query, without regard to case or accents:
// names that start with it first.
func search(d *qcmap.Dataset, lang, query string) []searchResult {
	q := strings.TrimSpace(fold(query))
	if d == nil || len(q) < 2 {
		return nil
	}
	var starts, contains []searchResult
	add := func(r searchResult, names ...string) {
		best := -1
		for _, n := range names {
			f := fold(n)
			if strings.HasPrefix(f, q) || strings.Contains(f, " "+q) {
				best = 0
				break
			}
			if strings.Contains(f, q) {
				best = 1
			}
		}
		switch best {
		case 0:
			starts = append(starts, r)
		case 1:
			contains = append(contains, r)
		}
	}
	for _, j := range d.Jurisdictions {
		add(searchResult{j.ID, j.Name.In(lang), j.CountryName.In(lang)}, j.Name.FR, j.Name.EN, j.ID)
	}
	for _, o := range d.Offices {
		add(searchResult{o.ID, t(lang, "office.in") + " " + o.City.In(lang), t(lang, "search.office")}, o.City.FR, o.City.EN)
	}
	for _, a := range d.Agreements {
		if len(a.Parties) == 0 {
			continue
		}
		party, err := d.Jurisdiction(a.Parties[0])
		if err != nil {
			continue
		}
		add(searchResult{party.ID, a.Title.In(lang) + " (" + strconv.Itoa(a.Year) + ")", party.Name.In(lang)}, a.Title.FR, a.Title.EN)
	}
	out := append(starts, contains...)
	// An agreement and its partner may both match: keep the first of each id
	// and label.
	seen := map[string]bool{}
	var uniq []searchResult
	for _, r := range out {
		if key := r.ID + "|" + r.Label; !seen[key] {
			seen[key] = true
			uniq = append(uniq, r)
		}
	}
	if len(uniq) > maxResults {
		uniq = uniq[:maxResults]
	}
	return uniq
}
