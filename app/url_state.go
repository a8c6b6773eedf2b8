package main

import (
	"net/url"
	"strconv"
	"strings"

	"qcmap"
	"qcmap/geo/carto"
)

// urlState is what the map's URL holds, read in one place (readURLState)
// and written in one place (url): the selection, the filters, the arcs, the
// view, the embed's options and the presentation's steps. The map
// parameters follow carto.Lenient's grammar; office, steps and step are the
// page's own.
type urlState struct {
	selected string // a jurisdiction id, an office id, or ""
	sector   string
	year     int // 0 is every year
	arcs     bool
	view     string   // the URL's view parameter, applied once on load
	legendOn bool     // embed: ?legend=0 hides the legend
	static   bool     // embed: ?interactive=0 freezes the map
	noWasm   bool     // embed: ?static=1, the prerendered page the server sends without go-app's loader
	steps    []string // presentation: the partner of each step
	step     int      // presentation: the step shown, from 0
}

// readURLState reads the state of u for the map page, the embed (embed)
// or the presentation (present). d may be nil: nothing is then selected or
// filtered.
func readURLState(u *url.URL, d *qcmap.Dataset, present, embed bool) urlState {
	var s urlState
	s.selected = selectedOf(u, d)
	q := carto.Lenient(u.Query(), d)
	if q.Focus != "" {
		s.selected = q.Focus
	}
	if present {
		s.steps, s.step = presentSteps(u, d)
		if len(s.steps) > 0 {
			s.selected = s.steps[s.step]
		}
	}
	s.legendOn = q.Legend
	s.noWasm = embed && u.Query().Get("static") == "1"
	s.static = embed && (!q.Interactive || s.noWasm)
	s.sector, s.year = q.Sector, q.Year
	s.arcs = q.Arcs
	if q.View.Kind != "" {
		s.view = u.Query().Get("view") // as written, so the URL stays the one shared
	}
	return s
}

// url returns the page's URL for the state, in lang; present writes the
// presentation's.
func (s urlState) url(lang string, present bool) string {
	if present {
		q := url.Values{}
		if lang == langEN {
			q.Set("lang", langEN)
		}
		q.Set("steps", strings.ToLower(strings.Join(s.steps, ",")))
		q.Set("step", strconv.Itoa(s.step+1))
		return "/present?" + q.Encode()
	}
	path := "/"
	if s.selected != "" && !strings.HasPrefix(s.selected, "office-") {
		path = partnerPath(s.selected)
	}
	q := url.Values{}
	if lang == langEN {
		q.Set("lang", langEN)
	}
	if strings.HasPrefix(s.selected, "office-") {
		q.Set("office", strings.TrimPrefix(s.selected, "office-"))
	}
	if s.sector != "" {
		q.Set("sector", s.sector)
	}
	if s.year != 0 {
		q.Set("year", strconv.Itoa(s.year))
	}
	if s.arcs {
		q.Set("arcs", "1")
	}
	if s.view != "" {
		q.Set("view", s.view)
	}
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

// selectedOf reads the selection from the URL: /partners/{id} or ?office=.
func selectedOf(u *url.URL, d *qcmap.Dataset) string {
	if d == nil {
		return ""
	}
	if id, ok := cutPartner(u.Path); ok {
		if j, err := d.Jurisdiction(id); err == nil {
			return j.ID
		}
	}
	if city := u.Query().Get("office"); city != "" {
		for _, o := range d.Offices {
			if o.ID == "office-"+city {
				return o.ID
			}
		}
	}
	return ""
}

// partnerPath is the path of a partner's page (/partners/us-vt), which
// cutPartner reads back.
func partnerPath(id string) string { return "/partners/" + strings.ToLower(id) }

// cutPartner returns the id in a partner page's path (/partners/us-vt).
func cutPartner(path string) (string, bool) {
	return strings.CutPrefix(strings.TrimSuffix(path, "/"), "/partners/")
}

// partnerPattern is the partner pages' route on the server, whatever the
// dataset: a reload may add a partner, and an unknown id is the server's
// 404 (partner_pages.go in server).
const partnerPattern = "^/partners/[a-z0-9-]+/?$"

// partnerPaths are the partner pages' paths the client routes: each
// jurisdiction of the page's dataset, with and without the trailing slash,
// every one matched by partnerPattern (TestPartnerRoutes). The client has
// no regular expression to compile then: app.wasm's start compiled this
// one pattern in 10 to 15 ms, and regexp/syntax brought the initialisation
// of unicode's tables with it.
func partnerPaths(d *qcmap.Dataset) []string {
	if d == nil {
		return nil
	}
	var paths []string
	for _, j := range d.Jurisdictions {
		p := partnerPath(j.ID)
		paths = append(paths, p, p+"/")
	}
	return paths
}

// url returns the page's URL for its state.
func (p *mapFrame) url() string { return p.urlState.url(p.lang, p.Present) }
