package carto

import (
	"slices"
	"strconv"
	"strings"

	"qcmap"
)

// Summary says in lang ("fr" or "en") what the source lists for the
// jurisdiction id: how many agreements it has with Québec and their years,
// oldest first, each year once ("2 agreements with Québec (2003, 2004)").
// The page's description, its link preview and a picture's card all say
// it in these words. d is not changed.
func Summary(d *qcmap.Dataset, id, lang string) string {
	as := d.AgreementsOf(id)
	if len(as) == 0 {
		return Text(lang, "summary-none")
	}
	var years []string
	for _, a := range as { // oldest first
		if y := strconv.Itoa(a.Year); !slices.Contains(years, y) {
			years = append(years, y)
		}
	}
	key := "summary-many"
	if len(as) == 1 {
		key = "summary-one"
	}
	return strconv.Itoa(len(as)) + " " + Text(lang, key) + " (" + strings.Join(years, ", ") + ")"
}

// Description is the jurisdiction's name and its Summary, joined by a
// dash: "Vermont — 2 agreements with Québec (2003, 2004)". An id d does
// not have gets "".
func Description(d *qcmap.Dataset, id, lang string) string {
	j, err := d.Jurisdiction(id)
	if err != nil {
		return ""
	}
	return j.Name.In(lang) + " — " + Summary(d, id, lang)
}
