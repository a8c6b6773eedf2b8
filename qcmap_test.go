package qcmap

import (
	"errors"
	"slices"
	"testing"
)

// testDataset is built by hand, not loaded, so that these tests also run in
// the wasm build, which has no loader.
func testDataset() *Dataset {
	return &Dataset{
		Areas:   []Term{{ID: "north-america"}, {ID: "latin-america"}},
		Sectors: []Term{{ID: "environment"}, {ID: "law-enforcement"}},
		Jurisdictions: []Jurisdiction{
			{ID: "CA-QC", Kind: KindHome},
			{ID: "US-NY", Kind: KindPartner},
			{ID: "US-VT", Kind: KindPartner},
			{ID: "BR-SP", Kind: KindPartner},
			{ID: "FR", Kind: KindCountry},
		},
		Agreements: []Agreement{
			{ID: "law-enforcement-vermont-2004", Year: 2004, Parties: []string{"US-VT"}},
			{ID: "late-2009", Year: 2009, Parties: []string{"US-NY"}},
			{ID: "lake-champlain-2003", Year: 2003, Parties: []string{"US-NY", "US-VT"}},
			{ID: "also-2004", Year: 2004, Parties: []string{"us-vt"}},
		},
		Events: []Event{
			{ID: "quebec-new-york-summits", Years: []int{2002, 2004}, Parties: []string{"US-NY"}},
		},
		Offices: []Office{
			{ID: "office-new-york", Jurisdiction: "US-NY"},
			{ID: "office-sao-paulo", Jurisdiction: "BR-SP", Opened: 2008},
			{ID: "office-atlanta", Jurisdiction: "US-GA"},
		},
	}
}

func TestJurisdiction(t *testing.T) {
	d := testDataset()
	tests := []struct {
		name    string
		id      string
		want    string
		wantErr error
	}{
		{"exact", "US-VT", "US-VT", nil},
		{"lower case", "us-vt", "US-VT", nil},
		{"mixed case", "Us-Vt", "US-VT", nil},
		{"country entry", "fr", "FR", nil},
		{"home", "CA-QC", "CA-QC", nil},
		{"unknown", "US-ZZ", "", ErrNotFound},
		{"prefix only", "US", "", ErrNotFound},
		{"empty", "", "", ErrNotFound},
		{"office state, not a jurisdiction", "US-GA", "", ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j, err := d.Jurisdiction(tt.id)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Jurisdiction(%q) error = %v; want %v", tt.id, err, tt.wantErr)
			}
			if err != nil {
				if j != nil {
					t.Errorf("Jurisdiction(%q) = %+v with an error; want nil", tt.id, j)
				}
				return
			}
			if j.ID != tt.want {
				t.Errorf("Jurisdiction(%q) = %q; want %q", tt.id, j.ID, tt.want)
			}
		})
	}

	// It points into the dataset, not at a copy.
	j, _ := d.Jurisdiction("us-ny")
	if j != &d.Jurisdictions[1] {
		t.Errorf("Jurisdiction(%q) = %p; want &Jurisdictions[1] = %p", "us-ny", j, &d.Jurisdictions[1])
	}
}

func TestAgreementsOf(t *testing.T) {
	d := testDataset()
	tests := []struct {
		name string
		id   string
		want []string
	}{
		// Sorted by year; agreements of the same year keep file order.
		{"sorted by year, stable", "US-VT", []string{"lake-champlain-2003", "law-enforcement-vermont-2004", "also-2004"}},
		{"lower-case id", "us-vt", []string{"lake-champlain-2003", "law-enforcement-vermont-2004", "also-2004"}},
		{"several", "US-NY", []string{"lake-champlain-2003", "late-2009"}},
		{"none", "BR-SP", nil},
		{"unknown", "XX-YY", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := agreementIDs(d.AgreementsOf(tt.id))
			if !slices.Equal(got, tt.want) {
				t.Errorf("AgreementsOf(%q) = %v; want %v", tt.id, got, tt.want)
			}
		})
	}
	if got, want := d.Agreements[0].ID, "law-enforcement-vermont-2004"; got != want {
		t.Errorf("after AgreementsOf, Agreements[0] = %q; want %q (the dataset must not be reordered)", got, want)
	}
}

func TestEventsOf(t *testing.T) {
	d := testDataset()
	tests := []struct {
		id   string
		want int
	}{
		{"US-NY", 1},
		{"us-ny", 1},
		{"US-VT", 0},
	}
	for _, tt := range tests {
		if got := d.EventsOf(tt.id); len(got) != tt.want {
			t.Errorf("EventsOf(%q) = %d events; want %d", tt.id, len(got), tt.want)
		}
	}
}

func TestOfficesIn(t *testing.T) {
	d := testDataset()
	tests := []struct {
		name string
		id   string
		want []string
	}{
		{"partner", "BR-SP", []string{"office-sao-paulo"}},
		{"lower case", "br-sp", []string{"office-sao-paulo"}},
		{"state that is not a partner", "US-GA", []string{"office-atlanta"}},
		{"none", "US-VT", nil},
		{"country code does not match states", "US", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, o := range d.OfficesIn(tt.id) {
				got = append(got, o.ID)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("OfficesIn(%q) = %v; want %v", tt.id, got, tt.want)
			}
		})
	}
}

func TestPartners(t *testing.T) {
	var got []string
	for _, j := range testDataset().Partners() {
		got = append(got, j.ID)
	}
	if want := []string{"US-NY", "US-VT", "BR-SP"}; !slices.Equal(got, want) {
		t.Errorf("Partners() = %v; want %v", got, want)
	}
}

func TestSectorArea(t *testing.T) {
	d := testDataset()
	tests := []struct {
		name    string
		find    func(string) (Term, error)
		id      string
		wantErr error
	}{
		{"sector", d.Sector, "environment", nil},
		{"unknown sector", d.Sector, "fisheries", ErrNotFound},
		{"sector ids are exact", d.Sector, "Environment", ErrNotFound},
		{"area", d.Area, "latin-america", nil},
		{"unknown area", d.Area, "mars", ErrNotFound},
		{"empty area", d.Area, "", ErrNotFound},
	}
	for _, tt := range tests {
		term, err := tt.find(tt.id)
		if !errors.Is(err, tt.wantErr) {
			t.Errorf("%s: find(%q) error = %v; want %v", tt.name, tt.id, err, tt.wantErr)
		}
		if err == nil && term.ID != tt.id {
			t.Errorf("%s: find(%q) = %q; want %q", tt.name, tt.id, term.ID, tt.id)
		}
	}
}

func TestTextIn(t *testing.T) {
	text := Text{FR: "Bavière", EN: "Bavaria"}
	tests := []struct {
		lang string
		want string
	}{
		{"fr", "Bavière"},
		{"en", "Bavaria"},
		{"", "Bavière"},
		{"de", "Bavière"},
		{"EN", "Bavière"}, // languages are lower case; anything else is French
	}
	for _, tt := range tests {
		if got := text.In(tt.lang); got != tt.want {
			t.Errorf("Text.In(%q) = %q; want %q", tt.lang, got, tt.want)
		}
	}
}

func agreementIDs(as []Agreement) []string {
	var ids []string
	for _, a := range as {
		ids = append(ids, a.ID)
	}
	return ids
}
