//go:build !wasm

package qcmap

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

var (
	subdivisionID = regexp.MustCompile(`^[A-Z]{2}-[A-Z0-9]{1,3}$`)
	countryID     = regexp.MustCompile(`^[A-Z]{2}$`)
	slugID        = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	dateRE        = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

type validator struct {
	home     []string // ids of kind home
	d        *Dataset
	maxYear  int
	problems Problems
}

func (v *validator) addf(path, format string, args ...any) {
	v.problems = append(v.problems, Problem{Path: path, Msg: fmt.Sprintf(format, args...)})
}

func (v *validator) validate() {
	d := v.d
	v.complete()
	v.text("source.title", d.Source.Title)
	v.text("source.publisher", d.Source.Publisher)
	if !slugID.MatchString(d.Source.ID) {
		v.addf("source.id", "id %q must be lower case words joined by hyphens", d.Source.ID)
	}
	if _, err := time.Parse(time.DateOnly, d.Source.Updated); !dateRE.MatchString(d.Source.Updated) || err != nil {
		v.addf("source.updated", "date %q must be YYYY-MM-DD", d.Source.Updated)
	}
	sources := map[string]bool{d.Source.ID: true}
	for i, c := range d.Sources {
		p := fmt.Sprintf("sources[%d]", i)
		v.slug(p+".id", c.ID, sources)
		if c.Title == "" {
			v.addf(p+".title", "title is missing")
		}
	}
	areas := v.terms("areas", d.Areas)
	sectors := v.terms("sectors", d.Sectors)
	for i, s := range d.CoreSectors {
		v.known(fmt.Sprintf("core_sectors[%d]", i), "sector", s, sectors)
	}
	themes := map[string]bool{}
	for i, t := range d.Themes {
		p := fmt.Sprintf("themes[%d]", i)
		v.slug(p+".id", t.ID, themes)
		v.text(p+".name", t.Name)
		if len(t.Countries) == 0 {
			v.addf(p+".countries", "list at least one country code (ISO 3166-1 alpha-2, such as US)")
		}
		for j, c := range t.Countries {
			if !countryID.MatchString(c) {
				v.addf(fmt.Sprintf("%s.countries[%d]", p, j), "%q is not an ISO 3166-1 alpha-2 code such as US", c)
			}
		}
		v.known(p+".source", "source", t.Source, sources)
	}

	ids := map[string]bool{}
	parties := map[string]bool{} // ids an agreement or event may name
	homes := 0
	for i, j := range d.Jurisdictions {
		p := fmt.Sprintf("jurisdictions[%d]", i)
		switch j.Kind {
		case KindHome:
			homes++
			v.home = append(v.home, j.ID)
		case KindPartner:
			parties[j.ID] = true
		case KindCountry:
			parties[j.ID] = true
		default:
			v.addf(p+".kind", "kind %q must be one of home, partner, country", j.Kind)
		}
		switch {
		case j.Kind == KindCountry && !countryID.MatchString(j.ID):
			v.addf(p+".id", "id %q of a country entry must be an ISO 3166-1 alpha-2 code such as FR", j.ID)
		case j.Kind != KindCountry && !subdivisionID.MatchString(j.ID):
			v.addf(p+".id", "id %q must be an ISO 3166-2 code in upper case, such as US-VT", j.ID)
		case ids[j.ID]:
			v.addf(p+".id", "id %q is used twice; give each jurisdiction its own id", j.ID)
		}
		ids[j.ID] = true
		v.text(p+".name", j.Name)
		if !countryID.MatchString(j.Country) {
			v.addf(p+".country", "country %q must be an ISO 3166-1 alpha-2 code such as US", j.Country)
		} else if !strings.HasPrefix(j.ID, j.Country) {
			v.addf(p+".country", "country %q does not match id %q", j.Country, j.ID)
		}
		v.known(p+".area", "area", j.Area, areas)
		v.known(p+".source", "source", j.Source, sources)
	}
	if homes != 1 {
		v.addf("jurisdictions", "exactly one jurisdiction must be of kind home (Québec); found %d", homes)
	} else if v.home[0] != HomeID {
		v.addf("jurisdictions", "the jurisdiction of kind home is %q; it must be Québec, %s", v.home[0], HomeID)
	}

	agreementIDs := map[string]bool{}
	for i, a := range d.Agreements {
		p := fmt.Sprintf("agreements[%d]", i)
		v.slug(p+".id", a.ID, agreementIDs)
		v.text(p+".title", a.Title)
		v.year(p+".year", a.Year)
		v.parties(p, a.Parties, parties)
		v.sectors(p, a.Sectors, sectors)
		v.known(p+".source", "source", a.Source, sources)
	}
	eventIDs := map[string]bool{}
	for i, e := range d.Events {
		p := fmt.Sprintf("events[%d]", i)
		v.slug(p+".id", e.ID, eventIDs)
		v.text(p+".title", e.Title)
		if len(e.Years) == 0 {
			v.addf(p+".years", "list at least one year")
		}
		for k, y := range e.Years {
			v.year(fmt.Sprintf("%s.years[%d]", p, k), y)
		}
		v.parties(p, e.Parties, parties)
		v.sectors(p, e.Sectors, sectors)
		v.known(p+".source", "source", e.Source, sources)
	}
	if c := d.Capital; c == (Place{}) {
		// The data file puts the capital last, so that a file cut short lacks it.
		v.addf("capital", "the capital (Québec City) is missing; it comes last in the file, so is the file cut short?")
	} else {
		v.text("capital.name", c.Name)
		if !(c.Lon >= -180 && c.Lon <= 180) || !(c.Lat >= -90 && c.Lat <= 90) {
			v.addf("capital", "coordinates lon %g, lat %g are out of range", c.Lon, c.Lat)
		}
		v.known("capital.coordinates_source", "source", c.CoordinatesSource, sources)
	}
	officeIDs := map[string]bool{}
	for i, o := range d.Offices {
		p := fmt.Sprintf("offices[%d]", i)
		if !strings.HasPrefix(o.ID, "office-") {
			v.addf(p+".id", "id %q must start with office- followed by the city, such as office-boston", o.ID)
		}
		v.slug(p+".id", o.ID, officeIDs)
		v.text(p+".city", o.City)
		if !subdivisionID.MatchString(o.Jurisdiction) {
			v.addf(p+".jurisdiction", "jurisdiction %q must be the ISO 3166-2 code of the state the city is in, such as US-GA", o.Jurisdiction)
		}
		// Written as !(in range) so that NaN (.nan in YAML) is rejected too.
		if !(o.Lon >= -180 && o.Lon <= 180) || o.Lon == 0 && o.Lat == 0 {
			v.addf(p+".lon", "longitude %g must be within -180..180 degrees (and lon, lat are both required)", o.Lon)
		}
		if !(o.Lat >= -90 && o.Lat <= 90) {
			v.addf(p+".lat", "latitude %g must be within -90..90 degrees", o.Lat)
		}
		if o.Opened != 0 {
			v.year(p+".opened", o.Opened)
		}
		v.known(p+".source", "source", o.Source, sources)
		v.known(p+".coordinates_source", "source", o.CoordinatesSource, sources)
	}
}

// complete checks that the file has what every dataset has: a file cut
// short (a write caught half done) is valid YAML and may pass every other
// check, so the lists it lost must be missed here.
func (v *validator) complete() {
	d := v.d
	if d.Source.ID == "" && d.Source.Title == (Text{}) {
		v.addf("source", "the source is missing; is the file cut short?")
	}
	need := []struct {
		path, what string
		n          int
	}{
		{"areas", "area", len(d.Areas)},
		{"sectors", "sector", len(d.Sectors)},
		{"jurisdictions", "partner (kind partner)", len(d.Partners())},
		{"agreements", "agreement", len(d.Agreements)},
		{"offices", "office", len(d.Offices)},
	}
	for _, n := range need {
		if n.n == 0 {
			v.addf(n.path, "the file lists no %s; every dataset has at least one (is the file cut short?)", n.what)
		}
	}
}

func (v *validator) text(path string, t Text) {
	if strings.TrimSpace(t.FR) == "" {
		v.addf(path+".fr", "the French text (fr) is missing")
	}
	if strings.TrimSpace(t.EN) == "" {
		v.addf(path+".en", "the English text (en) is missing")
	}
}

// slug checks a lower-case id and that it is not already in seen, then adds it.
func (v *validator) slug(path, id string, seen map[string]bool) {
	switch {
	case !slugID.MatchString(id):
		v.addf(path, "id %q must be lower case words joined by hyphens, such as lake-champlain-2003", id)
	case seen[id]:
		v.addf(path, "id %q is used twice; give each entry its own id", id)
	}
	seen[id] = true
}

func (v *validator) terms(list string, terms []Term) map[string]bool {
	seen := map[string]bool{}
	for i, t := range terms {
		p := fmt.Sprintf("%s[%d]", list, i)
		v.slug(p+".id", t.ID, seen)
		v.text(p+".name", t.Name)
	}
	return seen
}

func (v *validator) year(path string, y int) {
	if y < MinYear || y > v.maxYear {
		v.addf(path, "year %d is outside %d..%d", y, MinYear, v.maxYear)
	}
}

func (v *validator) parties(p string, ids []string, partners map[string]bool) {
	if len(ids) == 0 {
		v.addf(p+".parties", "list at least one partner id, such as US-VT")
	}
	for i, id := range ids {
		path := fmt.Sprintf("%s.parties[%d]", p, i)
		if slices.Contains(v.home, id) {
			v.addf(path, "%q is the home jurisdiction (kind home), not a partner; list only the partners besides Québec", id)
			continue
		}
		v.known(path, "partner", id, partners)
	}
}

func (v *validator) sectors(p string, ids []string, sectors map[string]bool) {
	for i, id := range ids {
		v.known(fmt.Sprintf("%s.sectors[%d]", p, i), "sector", id, sectors)
	}
}

// known reports id when it is not a key of valid, suggesting the closest one.
func (v *validator) known(path, what, id string, valid map[string]bool) {
	if valid[id] {
		return
	}
	if id == "" {
		v.addf(path, "the %s is missing", what)
		return
	}
	msg := fmt.Sprintf("unknown %s %q", what, id)
	if s := closest(id, valid); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	} else {
		msg += fmt.Sprintf("; use one of: %s", strings.Join(sortedKeys(valid), ", "))
	}
	v.addf(path, "%s", msg)
}

// closest returns the key of valid nearest to id by edit distance, if it is
// near enough to be a typo.
func closest(id string, valid map[string]bool) string {
	best, bestDist := "", 3
	for _, k := range sortedKeys(valid) {
		if d := editDistance(strings.ToUpper(id), strings.ToUpper(k)); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
