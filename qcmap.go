// Package qcmap holds the domain types of qcmap, the map of the Government of
// Québec's bilateral relations with federated states and regions abroad.
//
// The types are plain values shared by the server and the WebAssembly client,
// so this package compiles for both, with the standard library and, for the
// client's JSON decoder (DecodeJSON), easyjson's lexer. Reading the YAML data
// file lives in load.go, which is left out of the wasm build: the browser
// receives the dataset as JSON and never links a YAML parser.
package qcmap

//go:generate go run github.com/mailru/easyjson/easyjson -no_std_marshalers -all qcmap.go

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/mailru/easyjson"
)

// DecodeJSON decodes a dataset that encoding/json encoded, as the server
// does for the page and the API, with the decoders easyjson generated for
// these types (qcmap_easyjson.go, written by make generate). They use no
// reflection: in the browser, the first run of encoding/json's reflective
// decoder, which Chromium compiles as it runs, held a cold start for 16 to
// 43 ms (README, "Go's start decodes without reflection").
// TestDecodeJSON checks that every field decodes as encoding/json's would.
func DecodeJSON(b []byte) (*Dataset, error) {
	var d Dataset
	if err := easyjson.Unmarshal(b, &d); err == io.EOF {
		return nil, fmt.Errorf("qcmap: the dataset's JSON ends early, at byte %d", len(b))
	} else if err != nil {
		return nil, fmt.Errorf("qcmap: the dataset's JSON: %w", err)
	}
	return &d, nil
}

// ErrNotFound is returned when an id names nothing in the dataset.
var ErrNotFound = errors.New("qcmap: not found")

// Text is a name or a title in French and in English. Both are required.
type Text struct {
	FR string `json:"fr" yaml:"fr"`
	EN string `json:"en" yaml:"en"`
}

// In returns the text in lang ("fr" or "en"); any other value gives French,
// the default language of qcmap.
func (t Text) In(lang string) string {
	if lang == "en" {
		return t.EN
	}
	return t.FR
}

// Kinds of jurisdiction.
const (
	KindHome    = "home"    // Québec itself
	KindPartner = "partner" // a federated state or region with which Québec has relations
	KindCountry = "country" // a country-level entry whose regions the source does not name (France)
)

// HomeID is the id of the one jurisdiction of kind home, Québec.
const HomeID = "CA-QC"

// Dataset is the whole relations data file.
type Dataset struct {
	// Source is the page the facts come from.
	Source Source `json:"source" yaml:"source"`
	// Sources lists every other source cited by a fact's Source field.
	Sources []Citation `json:"sources" yaml:"sources"`
	// Areas are the world areas that partners are grouped by, in display order.
	Areas []Term `json:"areas" yaml:"areas"`
	// Sectors are the fields of cooperation that agreements are tagged with.
	Sectors []Term `json:"sectors" yaml:"sectors"`
	// CoreSectors are the sector ids the source names as the core of all relations.
	CoreSectors []string `json:"coreSectors" yaml:"core_sectors"`
	// Themes are what the relations with a group of partners are about.
	Themes        []Theme        `json:"themes" yaml:"themes"`
	Jurisdictions []Jurisdiction `json:"jurisdictions" yaml:"jurisdictions"`
	Agreements    []Agreement    `json:"agreements" yaml:"agreements"`
	Events        []Event        `json:"events" yaml:"events"`
	Offices       []Office       `json:"offices" yaml:"offices"`
	// Capital is Québec City, where the map's arcs start.
	Capital Place `json:"capital" yaml:"capital"`
}

// Source describes the page that the dataset transcribes.
type Source struct {
	ID        string `json:"id" yaml:"id"`
	Title     Text   `json:"title" yaml:"title"`
	Publisher Text   `json:"publisher" yaml:"publisher"`
	// Updated is the page's "last update" date, as YYYY-MM-DD.
	Updated string `json:"updated" yaml:"updated"`
}

// Citation is a secondary source, such as the gazetteer that gives the
// offices' coordinates.
type Citation struct {
	ID      string `json:"id" yaml:"id"`
	Title   string `json:"title" yaml:"title"`
	License string `json:"license,omitempty" yaml:"license"`
	URL     string `json:"url,omitempty" yaml:"url"`
	Note    Text   `json:"note,omitzero" yaml:"note"`
}

// Term is a named item of a fixed list: a world area or a sector.
type Term struct {
	ID   string `json:"id" yaml:"id"`
	Name Text   `json:"name" yaml:"name"`
}

// Theme is a subject of the relations with the partners of some countries.
type Theme struct {
	ID   string `json:"id" yaml:"id"`
	Name Text   `json:"name" yaml:"name"`
	// Countries are the ISO 3166-1 alpha-2 codes whose partners share the theme.
	Countries []string `json:"countries" yaml:"countries"`
	Source    string   `json:"source" yaml:"source"`
}

// Jurisdiction is Québec, a partner state or region, or a country-level entry.
type Jurisdiction struct {
	// ID is the ISO 3166-2 code ("US-VT"), or ISO 3166-1 alpha-2 for a
	// country-level entry ("FR"). Ids are compared without regard to case.
	ID   string `json:"id" yaml:"id"`
	Kind string `json:"kind" yaml:"kind"`
	Name Text   `json:"name" yaml:"name"`
	// Country is the ISO 3166-1 alpha-2 code of the country it belongs to.
	Country string `json:"country" yaml:"country"`
	// CountryName is derived when the file is loaded, from the Unicode CLDR
	// names of golang.org/x/text/language/display.
	CountryName Text   `json:"countryName" yaml:"-"`
	Area        string `json:"area" yaml:"area"`
	// Note is the source's own wording where it says more than a name,
	// such as "several regions in France".
	Note   Text   `json:"note,omitzero" yaml:"note"`
	Source string `json:"source" yaml:"source"`
	// Sectors is derived when the file is loaded: the sectors of the
	// jurisdiction's agreements and events, in the order of Dataset.Sectors.
	Sectors []string `json:"sectors" yaml:"-"`
	// Themes is derived when the file is loaded: the ids of the themes of
	// its country.
	Themes []string `json:"themes" yaml:"-"`
}

// Agreement is a signed agreement between Québec and one or more partners.
type Agreement struct {
	ID    string `json:"id" yaml:"id"`
	Title Text   `json:"title" yaml:"title"`
	Year  int    `json:"year" yaml:"year"`
	// Parties are the partner ids besides Québec.
	Parties []string `json:"parties" yaml:"parties"`
	Sectors []string `json:"sectors" yaml:"sectors"`
	Source  string   `json:"source" yaml:"source"`
}

// Event is a recurring meeting, such as the Québec–New York summits.
type Event struct {
	ID      string   `json:"id" yaml:"id"`
	Title   Text     `json:"title" yaml:"title"`
	Years   []int    `json:"years" yaml:"years"`
	Parties []string `json:"parties" yaml:"parties"`
	Sectors []string `json:"sectors" yaml:"sectors"`
	Source  string   `json:"source" yaml:"source"`
}

// Office is a Québec government office abroad.
type Office struct {
	// ID is "office-" followed by the city in lower case ASCII ("office-sao-paulo").
	ID   string `json:"id" yaml:"id"`
	City Text   `json:"city" yaml:"city"`
	// Jurisdiction is the ISO 3166-2 code of the state the city stands in; it
	// need not be a partner.
	Jurisdiction string `json:"jurisdiction" yaml:"jurisdiction"`
	// Lon and Lat are the city centre in degrees (WGS 84).
	Lon float64 `json:"lon" yaml:"lon"`
	Lat float64 `json:"lat" yaml:"lat"`
	// Opened is the year the office opened, or 0 where the source does not say.
	Opened int    `json:"opened,omitempty" yaml:"opened"`
	Source string `json:"source" yaml:"source"`
	// CoordinatesSource is the citation id of the coordinates.
	CoordinatesSource string `json:"coordinatesSource" yaml:"coordinates_source"`
	// JurisdictionName is derived by the server from the boundary data's
	// names of the state the office stands in.
	JurisdictionName Text `json:"jurisdictionName,omitzero" yaml:"-"`
}

// Place is a named point, such as Québec City.
type Place struct {
	Name Text `json:"name" yaml:"name"`
	// Lon and Lat are in degrees (WGS 84).
	Lon               float64 `json:"lon" yaml:"lon"`
	Lat               float64 `json:"lat" yaml:"lat"`
	CoordinatesSource string  `json:"coordinatesSource" yaml:"coordinates_source"`
}

// Jurisdiction returns the jurisdiction with the id, compared without regard
// to case.
func (d *Dataset) Jurisdiction(id string) (*Jurisdiction, error) {
	for i := range d.Jurisdictions {
		if strings.EqualFold(d.Jurisdictions[i].ID, id) {
			return &d.Jurisdictions[i], nil
		}
	}
	return nil, ErrNotFound
}

// Partners returns the jurisdictions of kind partner, in file order.
func (d *Dataset) Partners() []Jurisdiction {
	var out []Jurisdiction
	for _, j := range d.Jurisdictions {
		if j.Kind == KindPartner {
			out = append(out, j)
		}
	}
	return out
}

// AgreementsOf returns the agreements that id is a party to, oldest first.
func (d *Dataset) AgreementsOf(id string) []Agreement {
	var out []Agreement
	for _, a := range d.Agreements {
		if containsFold(a.Parties, id) {
			out = append(out, a)
		}
	}
	slices.SortStableFunc(out, func(a, b Agreement) int { return a.Year - b.Year })
	return out
}

// EventsOf returns the events that id takes part in.
func (d *Dataset) EventsOf(id string) []Event {
	var out []Event
	for _, e := range d.Events {
		if containsFold(e.Parties, id) {
			out = append(out, e)
		}
	}
	return out
}

// OfficesIn returns the offices that stand in the jurisdiction id.
func (d *Dataset) OfficesIn(id string) []Office {
	var out []Office
	for _, o := range d.Offices {
		if strings.EqualFold(o.Jurisdiction, id) {
			out = append(out, o)
		}
	}
	return out
}

// Sector returns the sector with the id, or ErrNotFound.
func (d *Dataset) Sector(id string) (Term, error) {
	return findTerm(d.Sectors, id)
}

// Area returns the world area with the id, or ErrNotFound.
func (d *Dataset) Area(id string) (Term, error) {
	return findTerm(d.Areas, id)
}

func findTerm(terms []Term, id string) (Term, error) {
	for _, t := range terms {
		if t.ID == id {
			return t, nil
		}
	}
	return Term{}, ErrNotFound
}

func containsFold(ids []string, id string) bool {
	return slices.ContainsFunc(ids, func(s string) bool { return strings.EqualFold(s, id) })
}
