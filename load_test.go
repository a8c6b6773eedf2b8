//go:build !wasm

package qcmap

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"qcmap/geo/golden"
)

// realFile is the dataset the server ships.
const realFile = "assets/data/relations.yaml"

// testMaxYear fixes the latest valid year so that the goldens and the fuzz
// corpus do not depend on the clock.
const testMaxYear = 2027

func TestLoadRealFile(t *testing.T) {
	d, err := LoadFile(realFile)
	if err != nil {
		t.Fatalf("LoadFile(%q) = %v; want no error", realFile, err)
	}

	if got, want := len(d.Partners()), 16; got != want {
		t.Errorf("len(Partners()) = %d; want %d", got, want)
	}
	if got, want := len(d.Jurisdictions), 18; got != want {
		t.Errorf("len(Jurisdictions) = %d; want %d (16 partners, Québec, France)", got, want)
	}
	if got, want := len(d.Offices), 7; got != want {
		t.Errorf("len(Offices) = %d; want %d", got, want)
	}

	kinds := []struct {
		id, kind string
	}{
		{"CA-QC", KindHome},
		{"FR", KindCountry},
		{"US-VT", KindPartner},
		{"MX-NLE", KindPartner},
		{"CN-SD", KindPartner},
	}
	for _, tt := range kinds {
		j, err := d.Jurisdiction(tt.id)
		if err != nil {
			t.Errorf("Jurisdiction(%q) = %v; want kind %s", tt.id, err, tt.kind)
			continue
		}
		if j.Kind != tt.kind {
			t.Errorf("Jurisdiction(%q).Kind = %q; want %q", tt.id, j.Kind, tt.kind)
		}
	}

	// Vermont: the Lake Champlain agreement of 2003 (with New York) and the
	// law-enforcement agreement of 2004, nothing else.
	vt := d.AgreementsOf("US-VT")
	if got, want := agreementIDs(vt), []string{"lake-champlain-2003", "law-enforcement-vermont-2004"}; !slices.Equal(got, want) {
		t.Fatalf("AgreementsOf(US-VT) = %v; want %v", got, want)
	}
	if got, want := vt[0].Year, 2003; got != want {
		t.Errorf("AgreementsOf(US-VT)[0].Year = %d; want %d", got, want)
	}
	if got, want := vt[0].Parties, []string{"US-NY", "US-VT"}; !slices.Equal(got, want) {
		t.Errorf("AgreementsOf(US-VT)[0].Parties = %v; want %v", got, want)
	}
	if got, want := vt[1].Year, 2004; got != want {
		t.Errorf("AgreementsOf(US-VT)[1].Year = %d; want %d", got, want)
	}
	if got, want := vt[1].Sectors, []string{"law-enforcement"}; !slices.Equal(got, want) {
		t.Errorf("AgreementsOf(US-VT)[1].Sectors = %v; want %v", got, want)
	}

	vermont, _ := d.Jurisdiction("US-VT")
	if got, want := vermont.Sectors, []string{"environment", "law-enforcement"}; !slices.Equal(got, want) {
		t.Errorf("US-VT Sectors = %v; want %v", got, want)
	}
	if got, want := vermont.CountryName, (Text{FR: "États-Unis", EN: "United States"}); got != want {
		t.Errorf("US-VT CountryName = %+v; want %+v", got, want)
	}
	if got, want := vermont.Themes, []string{"economic-integration", "cross-border-crime", "environmental-protection"}; !slices.Equal(got, want) {
		t.Errorf("US-VT Themes = %v; want %v", got, want)
	}
	if quebec, _ := d.Jurisdiction("CA-QC"); len(quebec.Themes) != 0 {
		t.Errorf("CA-QC Themes = %v; want none (themes are about partners)", quebec.Themes)
	}

	// The Québec–New York summits.
	ny := d.EventsOf("US-NY")
	if len(ny) != 1 {
		t.Fatalf("EventsOf(US-NY) = %d events; want 1", len(ny))
	}
	if got, want := ny[0].Years, []int{2002, 2004, 2005, 2008}; !slices.Equal(got, want) {
		t.Errorf("EventsOf(US-NY)[0].Years = %v; want %v", got, want)
	}

	// The office in São Paulo opened in 2008.
	sp := d.OfficesIn("BR-SP")
	if len(sp) != 1 || sp[0].ID != "office-sao-paulo" || sp[0].Opened != 2008 {
		t.Errorf("OfficesIn(BR-SP) = %+v; want office-sao-paulo opened 2008", sp)
	}

	// Nuevo León's agreement dates from 2009.
	if got := d.AgreementsOf("MX-NLE"); len(got) != 1 || got[0].Year != 2009 {
		t.Errorf("AgreementsOf(MX-NLE) = %+v; want one agreement of 2009", got)
	}
}

func TestLoadGood(t *testing.T) {
	files, err := filepath.Glob("testdata/good/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/good/*.yaml: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			d, err := load(file, data, testMaxYear)
			if err != nil {
				t.Fatalf("load(%q) = %v; want no error", file, err)
			}
			checkDataset(t, d)
		})
	}
}

func TestLoadMinimal(t *testing.T) {
	const file = "testdata/good/minimal.yaml"
	d, err := LoadFile(file)
	if err != nil {
		t.Fatalf("LoadFile(%q) = %v; want no error", file, err)
	}
	tests := []struct {
		id      string
		sectors []string
		themes  []string
		country Text
	}{
		{"CA-QC", []string{}, []string{}, Text{FR: "Canada", EN: "Canada"}},
		{"US-NY", []string{"environment", "economy"}, []string{"cross-border-crime"}, Text{FR: "États-Unis", EN: "United States"}},
		{"US-VT", []string{"environment", "law-enforcement"}, []string{"cross-border-crime"}, Text{FR: "États-Unis", EN: "United States"}},
		{"FR", []string{}, []string{}, Text{FR: "France", EN: "France"}},
	}
	for _, tt := range tests {
		j, err := d.Jurisdiction(tt.id)
		if err != nil {
			t.Errorf("Jurisdiction(%q) = %v; want it", tt.id, err)
			continue
		}
		if !slices.Equal(j.Sectors, tt.sectors) || j.Sectors == nil {
			t.Errorf("%s Sectors = %#v; want %#v", tt.id, j.Sectors, tt.sectors)
		}
		if !slices.Equal(j.Themes, tt.themes) || j.Themes == nil {
			t.Errorf("%s Themes = %#v; want %#v", tt.id, j.Themes, tt.themes)
		}
		if j.CountryName != tt.country {
			t.Errorf("%s CountryName = %+v; want %+v", tt.id, j.CountryName, tt.country)
		}
	}
}

// TestLoadBad loads each testdata/bad/NAME.yaml and compares the error text
// with testdata/bad/NAME.golden. `go test -update` rewrites the goldens.
func TestLoadBad(t *testing.T) {
	files, err := filepath.Glob("testdata/bad/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/bad/*.yaml: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".yaml")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			d, err := load(file, data, testMaxYear)
			if err == nil {
				t.Fatalf("load(%q) = %v, nil; want an error", file, d)
			}
			var ps Problems
			if !errors.As(err, &ps) {
				t.Fatalf("load(%q) error is %T; want Problems", file, err)
			}
			for _, p := range ps {
				if p.File != file || p.Line < 1 || p.Col < 1 {
					t.Errorf("load(%q) problem %q is at %s:%d:%d; want %s and a line and column ≥ 1", file, p.Msg, p.File, p.Line, p.Col, file)
				}
			}

			got := []byte(err.Error() + "\n")
			golden.Check(t, strings.TrimSuffix(file, ".yaml")+".golden", got)
		})
	}
}

func TestLoadFileMissing(t *testing.T) {
	const file = "testdata/no-such-file.yaml"
	d, err := LoadFile(file)
	if err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("LoadFile(%q) = %v, %v; want an error wrapping os.ErrNotExist", file, d, err)
	}
	if err != nil && !strings.HasPrefix(err.Error(), "qcmap: ") {
		t.Errorf("LoadFile(%q) error %q; want it to start with qcmap: ", file, err)
	}
}

func TestProblemError(t *testing.T) {
	tests := []struct {
		name string
		p    Problem
		want string
	}{
		{"full", Problem{File: "a.yaml", Line: 3, Col: 7, Path: "agreements[0].year", Msg: "year 1955 is outside 1960..2027"},
			"a.yaml:3:7: agreements[0].year: year 1955 is outside 1960..2027"},
		{"no path", Problem{File: "a.yaml", Line: 1, Col: 2, Msg: "syntax error"}, "a.yaml:1:2: syntax error"},
		{"no position", Problem{File: "a.yaml", Msg: "empty"}, "a.yaml: empty"},
		{"no position with path", Problem{File: "a.yaml", Path: "source.id", Msg: "bad"}, "a.yaml: source.id: bad"},
	}
	for _, tt := range tests {
		if got := tt.p.Error(); got != tt.want {
			t.Errorf("%s: Problem.Error() = %q; want %q", tt.name, got, tt.want)
		}
	}
	ps := Problems{tests[0].p, tests[1].p}
	if got, want := ps.Error(), tests[0].want+"\n"+tests[1].want; got != want {
		t.Errorf("Problems.Error() = %q; want %q", got, want)
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"US-VT", "US-VT", 0},
		{"US-VTT", "US-VT", 1},
		{"US-VT", "US-NY", 2},
		{"Québec", "Quebec", 1},
		{"", "abc", 3},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d; want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// FuzzLoad checks that Load never panics, that what it accepts is
// consistent, and that what it rejects comes with a position.
func FuzzLoad(f *testing.F) {
	seeds := []string{realFile}
	for _, pattern := range []string{"testdata/good/*.yaml", "testdata/bad/*.yaml"} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, files...)
	}
	for _, file := range seeds {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := load("fuzz.yaml", data, testMaxYear)
		if err != nil {
			var ps Problems
			if !errors.As(err, &ps) {
				t.Fatalf("load error is %T (%v); want Problems", err, err)
			}
			if len(ps) == 0 {
				t.Fatalf("load returned an empty Problems")
			}
			for _, p := range ps {
				if p.Line < 1 || p.Col < 1 || p.File != "fuzz.yaml" {
					t.Errorf("problem %q at %s:%d:%d; want fuzz.yaml and line, column ≥ 1", p.Msg, p.File, p.Line, p.Col)
				}
			}
			return
		}
		checkDataset(t, d)
	})
}

// checkDataset re-validates a dataset that load accepted.
func checkDataset(t *testing.T, d *Dataset) {
	t.Helper()
	v := validator{d: d, maxYear: testMaxYear}
	v.validate()
	if len(v.problems) > 0 {
		t.Errorf("loaded dataset does not re-validate:\n%v", v.problems)
	}
	for i := range d.Jurisdictions {
		j := &d.Jurisdictions[i]
		if got, err := d.Jurisdiction(strings.ToLower(j.ID)); err != nil || got != j {
			t.Errorf("Jurisdiction(%q) = %v, %v; want jurisdictions[%d]", strings.ToLower(j.ID), got, err, i)
		}
		if j.Sectors == nil || j.Themes == nil {
			t.Errorf("jurisdictions[%d] (%s): derived Sectors %v, Themes %v; want non-nil", i, j.ID, j.Sectors, j.Themes)
		}
		for _, s := range j.Sectors {
			if _, err := d.Sector(s); err != nil {
				t.Errorf("jurisdictions[%d] (%s): derived sector %q is not declared", i, j.ID, s)
			}
		}
		if j.CountryName.FR == "" || j.CountryName.EN == "" {
			t.Errorf("jurisdictions[%d] (%s): CountryName = %+v; want both names", i, j.ID, j.CountryName)
		}
	}
	resolve := func(what string, parties []string) {
		for _, id := range parties {
			j, err := d.Jurisdiction(id)
			if err != nil {
				t.Errorf("%s: party %q does not resolve: %v", what, id, err)
			} else if j.Kind == KindHome {
				t.Errorf("%s: party %q is Québec itself", what, id)
			}
		}
	}
	for _, a := range d.Agreements {
		resolve("agreement "+a.ID, a.Parties)
	}
	for _, e := range d.Events {
		resolve("event "+e.ID, e.Parties)
	}
	// The server sends the dataset as JSON: it must encode (no NaN).
	if _, err := json.Marshal(d); err != nil {
		t.Errorf("json.Marshal(dataset) = %v", err)
	}
}

func TestBright(t *testing.T) {
	d, err := LoadFile("assets/data/relations.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Bright("", 0); got != nil {
		t.Errorf("Bright(\"\", 0) = %v; want nil (no filter)", got)
	}
	for _, tc := range []struct {
		sector    string
		year      int
		bright    []string
		notBright []string
	}{
		{"environment", 0, []string{"US-NY", "US-VT", "MX-JAL", "CA-QC"}, []string{"US-MA", "US-CA", "BE-WAL"}},
		{"", 2005, []string{"US-VT", "US-NY", "US-CA", "BE-WAL"}, []string{"MX-NLE", "MX-JAL", "US-MA", "CN-SD"}},
		{"law-enforcement", 2004, []string{"US-VT", "US-ME", "US-NH"}, []string{"US-MA", "US-NY"}},
	} {
		got := d.Bright(tc.sector, tc.year)
		for _, id := range tc.bright {
			if !got[id] {
				t.Errorf("Bright(%q, %d)[%s] = false; want true", tc.sector, tc.year, id)
			}
		}
		for _, id := range tc.notBright {
			if got[id] {
				t.Errorf("Bright(%q, %d)[%s] = true; want false", tc.sector, tc.year, id)
			}
		}
	}
	if lo, hi := d.YearRange(); lo != 2003 || hi != 2009 {
		t.Errorf("YearRange() = %d, %d; want 2003, 2009", lo, hi)
	}
}

// truncations returns the real file cut before every line that starts a
// list item ("- " at any indentation), the cuts a non-atomic write leaves at
// an entry boundary, keyed by the 1-based line cut at.
func truncations(t testing.TB) map[int][]byte {
	t.Helper()
	data, err := os.ReadFile(realFile)
	if err != nil {
		t.Fatal(err)
	}
	cuts := map[int][]byte{}
	off := 0
	for i, line := range strings.SplitAfter(string(data), "\n") {
		if strings.HasPrefix(strings.TrimLeft(line, " "), "- ") {
			cuts[i+1] = data[:off]
		}
		off += len(line)
	}
	return cuts
}

func TestLoadTruncated(t *testing.T) {
	cuts := truncations(t)
	if len(cuts) < 50 {
		t.Fatalf("%d cuts; want one per list item of %s", len(cuts), realFile)
	}
	for line, data := range cuts {
		d, err := load(realFile, data, testMaxYear)
		if err == nil {
			t.Errorf("Load(%s cut before line %d) = %d agreements, %d offices; want an error",
				realFile, line, len(d.Agreements), len(d.Offices))
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, realFile) {
			t.Errorf("Load(%s cut before line %d) = %q; want the file name", realFile, line, msg)
		}
	}
}

func TestLoadIncomplete(t *testing.T) {
	tests := []struct {
		name, cut, want string
	}{
		{"no offices", "\noffices:", "offices: the file lists no office"},
		{"no agreements", "\nagreements:", "agreements: the file lists no agreement"},
		{"no source", "", "source: the source is missing"},
	}
	data, err := os.ReadFile(realFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		in := data[:0:0]
		if i := bytes.Index(data, []byte(tt.cut)); tt.cut != "" && i >= 0 {
			in = data[:i+1]
		}
		_, err := load(realFile, in, testMaxYear)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Load = %v; want %q", tt.name, err, tt.want)
		}
	}
}

// The capital is the file's last key, so that any cut lacks it: a file that
// puts it elsewhere is refused, at the capital.
func TestLoadCapitalLast(t *testing.T) {
	data, err := os.ReadFile(realFile)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, []byte("\ncapital:"))
	if i < 0 {
		t.Fatal("no capital in " + realFile)
	}
	moved := append(append([]byte{}, data[i+1:]...), data[:i+1]...)
	_, err = load(realFile, moved, testMaxYear)
	var ps Problems
	if !errors.As(err, &ps) || len(ps) != 1 || ps[0].Path != "capital" || ps[0].Line < 1 || ps[0].Line > 2 ||
		!strings.Contains(ps[0].Msg, `capital must be the file's last key ("offices" follows it)`) {
		t.Errorf("load(capital first) = %v; want one problem at the capital (line 1 or 2), saying it must come last", err)
	}
}
