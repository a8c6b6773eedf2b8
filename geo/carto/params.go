package carto

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"qcmap"
)

// Params are the map's URL parameters, one grammar for the page, /embed,
// /present, /map.svg, /map.png and oEmbed:
//
//	lang=fr|en  theme=light|dark  focus=<jurisdiction id>  sector=<sector id>
//	year=<year>  view=cx,cy,k|minLon,minLat,maxLon,maxLat  legend=0|1
//	interactive=0|1  arcs=0|1  width=<px>  height=<px> (images only)
//
// Unknown parameters are ignored, so a URL copied from one route works in
// another.
type Params struct {
	// Lang is "fr" or "en"; Lenient leaves it "" when absent (the page then
	// takes the visitor's preference).
	Lang string
	// Theme is "light" or "dark"; Lenient leaves it "" when absent (the
	// viewer's system).
	Theme string
	// Focus is the id of the jurisdiction zoomed to, spelt as in the
	// dataset ("US-VT"), or "".
	Focus string
	// Sector and Year are the filters; "" and 0 filter nothing.
	Sector string
	Year   int
	// View frames the map; its zero value frames the focus, or the world.
	View View
	// Legend draws the legend, Interactive lets a viewer pan, zoom and
	// click (/embed), Arcs draws the arcs from Québec City.
	Legend, Interactive, Arcs bool
	// Width and Height are an image's size in pixels, within
	// MinImageSide..MaxImageSide; zero outside the images.
	Width, Height int
}

// Image sizes, in pixels.
const (
	MinImageSide  = 200
	MaxImageSide  = 4096
	DefaultWidth  = 1920
	DefaultHeight = 1080
)

// ParamError is a bad map parameter: Msg says what it allows.
type ParamError struct {
	Param string
	Msg   string
}

func (e *ParamError) Error() string { return "carto: " + e.Msg }

// Parse reads the map parameters of q strictly, checking ids and years
// against d: a bad value is a *ParamError naming the parameter and what it
// allows. Missing or empty parameters take their defaults: French, light,
// legend, interactive, no arcs, no filter, no focus, no view. The image
// size is left zero (ParseImage reads it).
func Parse(q url.Values, d *qcmap.Dataset) (Params, error) {
	return parse(q, d, true)
}

// ParseImage is Parse with the image's width and height (default
// DefaultWidth×DefaultHeight).
func ParseImage(q url.Values, d *qcmap.Dataset) (Params, error) {
	p, err := Parse(q, d)
	if err != nil {
		return p, err
	}
	if p.Width, err = intParam(q, "width", DefaultWidth, MinImageSide, MaxImageSide); err != nil {
		return p, err
	}
	if p.Height, err = intParam(q, "height", DefaultHeight, MinImageSide, MaxImageSide); err != nil {
		return p, err
	}
	return p, nil
}

// Lenient reads the map parameters of q as the page does: a bad value is
// dropped for its default, and lang and theme stay "" when absent or bad.
// d may be nil (no focus, sector or year is then checked, and none is kept).
func Lenient(q url.Values, d *qcmap.Dataset) Params {
	p, _ := parse(q, d, false)
	return p
}

func parse(q url.Values, d *qcmap.Dataset, strict bool) (Params, error) {
	p := Params{Legend: true, Interactive: true}
	var errs []error
	bad := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	p.Lang, _ = choice(q, "lang", "fr", "en")
	if p.Lang == "" && q.Get("lang") != "" {
		bad(&ParamError{"lang", "lang must be fr or en"})
	}
	p.Theme, _ = choice(q, "theme", "light", "dark")
	if p.Theme == "" && q.Get("theme") != "" {
		bad(&ParamError{"theme", "theme must be light or dark"})
	}
	var err error
	p.Legend, err = flag(q, "legend", true)
	bad(err)
	p.Interactive, err = flag(q, "interactive", true)
	bad(err)
	p.Arcs, err = flag(q, "arcs", false)
	bad(err)
	if v := q.Get("focus"); v != "" {
		if j := jurisdiction(d, v); j != "" {
			p.Focus = j
		} else {
			bad(&ParamError{"focus", "focus must be a jurisdiction id, one of " + strings.Join(jurisdictionIDs(d), ", ")})
		}
	}
	if v := q.Get("sector"); v != "" {
		if d != nil {
			if _, err := d.Sector(v); err == nil {
				p.Sector = v
			}
		}
		if p.Sector == "" {
			bad(&ParamError{"sector", "sector must be one of " + strings.Join(sectorIDs(d), ", ")})
		}
	}
	if d != nil {
		lo, hi := d.YearRange()
		p.Year, err = intParam(q, "year", 0, lo, hi)
		bad(err)
	} else if q.Get("year") != "" {
		bad(&ParamError{"year", "year needs the dataset"})
	}
	p.View, err = ParseView(q.Get("view"))
	bad(err)
	if strict {
		if len(errs) > 0 {
			return p, errs[0]
		}
		p.Lang, p.Theme = cmpOr(p.Lang, "fr"), cmpOr(p.Theme, "light")
	}
	return p, nil
}

// Values writes p as URL parameters in their canonical spelling, leaving
// out every value that is its default (so Parse(p.Values()) is p).
func (p Params) Values() url.Values {
	q := url.Values{}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	set("lang", p.Lang)
	set("theme", p.Theme)
	set("focus", strings.ToLower(p.Focus))
	set("sector", p.Sector)
	if p.Year != 0 {
		q.Set("year", strconv.Itoa(p.Year))
	}
	set("view", p.View.String())
	if !p.Legend {
		q.Set("legend", "0")
	}
	if !p.Interactive {
		q.Set("interactive", "0")
	}
	if p.Arcs {
		q.Set("arcs", "1")
	}
	if p.Width != 0 {
		q.Set("width", strconv.Itoa(p.Width))
	}
	if p.Height != 0 {
		q.Set("height", strconv.Itoa(p.Height))
	}
	return q
}

// Names are the parameters of Params, in the order Values writes them.
var Names = []string{"lang", "theme", "focus", "sector", "year", "view", "legend", "interactive", "arcs", "width", "height"}

func choice(q url.Values, name string, options ...string) (string, bool) {
	v := q.Get(name)
	if slices.Contains(options, v) {
		return v, true
	}
	return "", v == ""
}

func flag(q url.Values, name string, def bool) (bool, error) {
	switch q.Get(name) {
	case "":
		return def, nil
	case "1":
		return true, nil
	case "0":
		return false, nil
	}
	return def, &ParamError{name, name + " must be 0 or 1"}
}

// intParam reads the integer parameter name within lo..hi, or def if it is
// missing or empty.
func intParam(q url.Values, name string, def, lo, hi int) (int, error) {
	v := q.Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return def, &ParamError{name, fmt.Sprintf("%s must be an integer within %d..%d", name, lo, hi)}
	}
	return n, nil
}

func cmpOr(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

func jurisdiction(d *qcmap.Dataset, id string) string {
	if d == nil {
		return ""
	}
	j, err := d.Jurisdiction(id)
	if err != nil {
		return ""
	}
	return j.ID
}

func jurisdictionIDs(d *qcmap.Dataset) []string {
	if d == nil {
		return nil
	}
	ids := make([]string, len(d.Jurisdictions))
	for i, j := range d.Jurisdictions {
		ids[i] = strings.ToLower(j.ID)
	}
	slices.Sort(ids)
	return ids
}

func sectorIDs(d *qcmap.Dataset) []string {
	if d == nil {
		return nil
	}
	ids := make([]string, len(d.Sectors))
	for i, s := range d.Sectors {
		ids[i] = s.ID
	}
	return ids
}
