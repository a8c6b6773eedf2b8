//go:build !wasm

// The dataset loader (qcmap.Load) is server-side only.

package carto

import (
	"errors"
	"net/url"
	"os"
	"testing"

	"qcmap"
)

func dataset(t testing.TB) *qcmap.Dataset {
	t.Helper()
	b, err := os.ReadFile("../../assets/data/relations.yaml")
	if err != nil {
		t.Fatal(err)
	}
	d, err := qcmap.Load("relations.yaml", b)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestParseStrict(t *testing.T) {
	d := dataset(t)
	for _, tc := range []struct {
		name, query string
		want        Params
		badParam    string
	}{
		{name: "defaults", query: "", want: Params{Lang: "fr", Theme: "light", Legend: true, Interactive: true}},
		{name: "all set", query: "lang=en&theme=dark&focus=us-vt&sector=environment&year=2005&view=500,260,2&legend=0&interactive=0&arcs=1",
			want: Params{Lang: "en", Theme: "dark", Focus: "US-VT", Sector: "environment", Year: 2005,
				View: View{ViewZoom, [4]float64{500, 260, 2}}, Interactive: false, Arcs: true}},
		{name: "unknown ignored", query: "n=1&utm_source=x", want: Params{Lang: "fr", Theme: "light", Legend: true, Interactive: true}},
		{name: "bad lang", query: "lang=de", badParam: "lang"},
		{name: "bad theme", query: "theme=blue", badParam: "theme"},
		{name: "bad legend", query: "legend=yes", badParam: "legend"},
		{name: "bad interactive", query: "interactive=2", badParam: "interactive"},
		{name: "bad arcs", query: "arcs=true", badParam: "arcs"},
		{name: "bad focus", query: "focus=us-zz", badParam: "focus"},
		{name: "bad sector", query: "sector=space", badParam: "sector"},
		{name: "bad year", query: "year=1800", badParam: "year"},
		{name: "bad view", query: "view=1,2", badParam: "view"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q, _ := url.ParseQuery(tc.query)
			got, err := Parse(q, d)
			if tc.badParam != "" {
				var pe *ParamError
				if !errors.As(err, &pe) || pe.Param != tc.badParam {
					t.Fatalf("Parse(%q) error = %v; want a *ParamError for %s", tc.query, err, tc.badParam)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("Parse(%q) = %+v, %v; want %+v, nil", tc.query, got, err, tc.want)
			}
			if again, err := Parse(got.Values(), d); err != nil || again != got {
				t.Errorf("Parse(%q.Values()) = %+v, %v; want %+v", tc.query, again, err, got)
			}
		})
	}
}

func TestParseImage(t *testing.T) {
	d := dataset(t)
	q, _ := url.ParseQuery("width=800&height=450")
	if p, err := ParseImage(q, d); err != nil || p.Width != 800 || p.Height != 450 {
		t.Errorf("ParseImage(800×450) = %+v, %v", p, err)
	}
	if p, err := ParseImage(url.Values{}, d); err != nil || p.Width != DefaultWidth || p.Height != DefaultHeight {
		t.Errorf("ParseImage() = %+v, %v; want the default size", p, err)
	}
	for _, bad := range []string{"width=100", "height=5000", "width=x"} {
		q, _ := url.ParseQuery(bad)
		var pe *ParamError
		if _, err := ParseImage(q, d); !errors.As(err, &pe) {
			t.Errorf("ParseImage(%q) = %v; want a *ParamError", bad, err)
		} else if want := "must be an integer within 200..4096"; pe.Msg[len(pe.Msg)-len(want):] != want {
			t.Errorf("ParseImage(%q) message = %q; want it to end %q", bad, pe.Msg, want)
		}
	}
}

// The page reads the same parameters but drops a bad value for its default.
func TestLenient(t *testing.T) {
	d := dataset(t)
	q, _ := url.ParseQuery("lang=de&theme=dark&focus=us-zz&sector=environment&year=1800&view=1,2&legend=0&arcs=yes")
	got := Lenient(q, d)
	want := Params{Theme: "dark", Sector: "environment", Legend: false, Interactive: true}
	if got != want {
		t.Errorf("Lenient(%q) = %+v; want %+v", q.Encode(), got, want)
	}
	if got := Lenient(url.Values{"focus": {"us-vt"}, "lang": {"en"}}, nil); got.Focus != "" || got.Lang != "en" {
		t.Errorf("Lenient(focus, nil dataset) = %+v; want no focus, English", got)
	}
}

func FuzzParse(f *testing.F) {
	d := dataset(f)
	for _, s := range []string{"", "lang=en&focus=us-vt", "view=500,260,2&year=2005", "width=800&height=450&theme=dark"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := url.ParseQuery(s)
		if err != nil {
			return
		}
		p, err := ParseImage(q, d)
		if err != nil {
			var pe *ParamError
			if !errors.As(err, &pe) || pe.Param == "" {
				t.Fatalf("ParseImage(%q) error %v is no *ParamError", s, err)
			}
			return
		}
		if again, err := ParseImage(p.Values(), d); err != nil || again != p {
			t.Errorf("ParseImage(%q) = %+v; its Values parse to %+v, %v", s, p, again, err)
		}
	})
}
