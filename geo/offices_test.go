//go:build !wasm

package geo_test

import (
	"os"
	"testing"

	"qcmap"
	"qcmap/geo"
)

// TestOfficesInJurisdiction checks that each office of the data file falls,
// by Atlas.Where, in the jurisdiction the file gives it.
func TestOfficesInJurisdiction(t *testing.T) {
	if _, err := os.Stat("../assets/geo/world/partners.geojson"); os.IsNotExist(err) {
		t.Skip("no boundary files in ../assets/geo yet")
	}
	a, err := geo.Load(os.DirFS("../assets/geo"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := qcmap.LoadFile("../assets/data/relations.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Offices) == 0 {
		t.Fatal("relations.yaml has no offices")
	}
	for _, o := range d.Offices {
		layer, id, ok := a.Where(o.Lon, o.Lat)
		if !ok || id != o.Jurisdiction {
			t.Errorf("Where(%v, %v) for %s = %q, %q, %v; want %q", o.Lon, o.Lat, o.ID, layer, id, ok, o.Jurisdiction)
		}
	}
}
