//go:build !wasm

package carto

import (
	"strings"
	"testing"
)

func TestLegend(t *testing.T) {
	d := dataset(t)
	got := Legend(d)
	var kinds []string
	for _, e := range got {
		kinds = append(kinds, e.Kind)
		if e.Text.FR == "" || e.Text.EN == "" {
			t.Errorf("Legend entry %+v lacks a language", e)
		}
	}
	want := strings.Repeat(LegendArea+" ", len(d.Areas)) + LegendHome + " " + LegendCountry + " " + LegendOffice
	if s := strings.Join(kinds, " "); s != want {
		t.Errorf("Legend kinds = %q; want %q", s, want)
	}
	if c := got[len(d.Areas)+1]; c.Area != "western-europe" || !strings.Contains(c.Text.EN, "France") {
		t.Errorf("Legend country entry = %+v; want France's, in Western Europe", c)
	}
}

func TestSourceLine(t *testing.T) {
	d := dataset(t)
	for _, tc := range []struct{ lang, want string }{
		{"fr", "Source : « Relations bilatérales », gouvernement du Québec, mise à jour le 2019-04-18 · Natural Earth"},
		{"en", "Source: “Bilateral relations”, Government of Québec, updated 2019-04-18 · Natural Earth"},
	} {
		if got := SourceLine(d, tc.lang); got != tc.want {
			t.Errorf("SourceLine(%s) = %q; want %q", tc.lang, got, tc.want)
		}
	}
}

// TestSummary checks the words of a partner's description against the
// data file: Vermont's two agreements (Lake Champlain, 2003; law
// enforcement, 2004), Massachusetts's one, California's none.
func TestSummary(t *testing.T) {
	d := dataset(t)
	for _, tc := range []struct{ id, lang, want string }{
		{"US-VT", "en", "Vermont — 2 agreements with Québec (2003, 2004)"},
		{"us-vt", "fr", "Vermont — 2 ententes avec le Québec (2003, 2004)"},
		{"US-MA", "en", "Massachusetts — 1 agreement with Québec (2007)"},
		{"US-CA", "fr", "Californie — aucune entente avec le Québec nommée par la source"},
		{"XX-NO", "en", ""},
	} {
		if got := Description(d, tc.id, tc.lang); got != tc.want {
			t.Errorf("Description(%s, %s) = %q; want %q", tc.id, tc.lang, got, tc.want)
		}
	}
}
