package carto

import (
	"fmt"
	"strings"

	"qcmap"
)

// A LegendEntry is one line of the map's legend: what a swatch means.
type LegendEntry struct {
	// Kind is LegendArea (a world area's partners, Area its id), LegendHome
	// (Québec), LegendCountry (a country-level entry drawn hatched in Area's
	// colour, such as France) or LegendOffice.
	Kind string
	Area string
	Text qcmap.Text
}

// The kinds of legend entries.
const (
	LegendArea    = "area"
	LegendHome    = "home"
	LegendCountry = "country"
	LegendOffice  = "office"
)

// Legend returns the legend's entries for d, in the order every legend
// draws them: the world areas, Québec, the country-level entries, the
// offices. d is not changed.
func Legend(d *qcmap.Dataset) []LegendEntry {
	var out []LegendEntry
	for _, a := range d.Areas {
		out = append(out, LegendEntry{Kind: LegendArea, Area: a.ID, Text: a.Name})
	}
	out = append(out, LegendEntry{Kind: LegendHome, Text: Texts["home"]})
	for _, j := range d.Jurisdictions {
		if j.Kind == qcmap.KindCountry {
			t := j.Note
			if t.FR == "" || t.EN == "" {
				t = j.Name
			}
			out = append(out, LegendEntry{Kind: LegendCountry, Area: j.Area, Text: t})
		}
	}
	return append(out, LegendEntry{Kind: LegendOffice, Text: Texts["office"]})
}

// Texts are the map's own strings, which the page, the images and the
// exports all draw; the page's other strings are in the app's catalogue.
var Texts = map[string]qcmap.Text{
	"title":     {FR: "Carte des partenaires du Québec", EN: "Map of Québec's partners"},
	"desc":      {FR: "Carte du monde où sont marqués le Québec, ses partenaires (États fédérés et régions) colorés selon leur région du monde, et les bureaux du Québec. La liste des partenaires donne la même information en texte.", EN: "World map marking Québec, its partners (federated states and regions) coloured by world area, and Québec's offices. The partner list gives the same information as text."},
	"office-in": {FR: "Bureau du Québec à", EN: "Québec office in"},
	"legend":    {FR: "Légende", EN: "Legend"},
	"home":      {FR: "Le Québec", EN: "Québec"},
	"office":    {FR: "Bureau du Québec", EN: "Québec office"},
	"sector":    {FR: "Secteur : ", EN: "Sector: "},
	"year":      {FR: "Ententes signées jusqu'en ", EN: "Agreements signed up to "},
	// Summary's words, after the number of agreements.
	"summary-one":  {FR: "entente avec le Québec", EN: "agreement with Québec"},
	"summary-many": {FR: "ententes avec le Québec", EN: "agreements with Québec"},
	"summary-none": {FR: "aucune entente avec le Québec nommée par la source", EN: "no agreement with Québec named by the source"},
}

// Text returns the map's string key in lang ("fr" or "en").
func Text(lang, key string) string { return Texts[key].In(lang) }

// SourceLine is the line that credits the data on every picture of the
// map: the page transcribed, its publisher and date, and Natural Earth.
func SourceLine(d *qcmap.Dataset, lang string) string {
	src := d.Source
	if lang == "en" {
		return fmt.Sprintf("Source: “%s”, %s, updated %s · Natural Earth", src.Title.EN, src.Publisher.EN, src.Updated)
	}
	return fmt.Sprintf("Source : « %s », %s, mise à jour le %s · Natural Earth", src.Title.FR, lowerFirst(src.Publisher.FR), src.Updated)
}

func lowerFirst(s string) string {
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
}
