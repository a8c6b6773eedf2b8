package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// d3Scale and d3Translate are the defaults of d3.geoNaturalEarth1().
const d3Scale = 175.295

var d3Translate = orb.Point{480, 250}

func TestNaturalEarth(t *testing.T) {
	// Values printed by d3-geo 3 for d3.geoNaturalEarth1()(lonlat).
	tests := []struct {
		name   string
		lonlat orb.Point
		d3     orb.Point
	}{
		{"origin", orb.Point{0, 0}, orb.Point{480, 250}},
		{"east edge", orb.Point{180, 0}, orb.Point{959.4992651025375, 250}},
		{"west edge", orb.Point{-180, 0}, orb.Point{0.5007348974624506, 250}},
		{"north pole", orb.Point{0, 90}, orb.Point{480, 0.6620561226602035}},
		{"south pole", orb.Point{0, -90}, orb.Point{480, 499.3379438773398}},
		{"pole line corner", orb.Point{180, 90}, orb.Point{743.9165077386148, 0.6620561226602035}},
		{"Québec City", orb.Point{-71.208, 46.8139}, orb.Point{310.7587239507088, 105.4828914569863}},
		{"Paris", orb.Point{2.3522, 48.8566}, orb.Point{485.527099809029, 99.33375880751748}},
		{"New York", orb.Point{-74.006, 40.7128}, orb.Point{298.7169541662994, 124.09493789698536}},
		{"Beijing", orb.Point{116.4, 39.9}, orb.Point{766.1588045378649, 126.59544951636445}},
		{"São Paulo", orb.Point{-46.63611, -23.5475}, orb.Point{359.0035083046113, 322.7333242273083}},
		{"Tokyo", orb.Point{139.69, 35.69}, orb.Point{829.3574735238394, 139.59710060699612}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := NaturalEarth(tt.lonlat)
			got := orb.Point{d3Translate[0] + d3Scale*p[0], d3Translate[1] - d3Scale*p[1]}
			if math.Abs(got[0]-tt.d3[0]) > 1e-9 || math.Abs(got[1]-tt.d3[1]) > 1e-9 {
				t.Errorf("NaturalEarth(%v) scaled as d3 = %v; want %v", tt.lonlat, got, tt.d3)
			}
		})
	}
}

func TestNaturalEarthInverse(t *testing.T) {
	for lon := -180.0; lon <= 180; lon += 7.5 {
		for lat := -90.0; lat <= 90; lat += 7.5 {
			in := orb.Point{lon, lat}
			got := NaturalEarthInverse(NaturalEarth(in))
			if math.Abs(got[0]-lon) > 1e-9 || math.Abs(got[1]-lat) > 1e-9 {
				t.Errorf("NaturalEarthInverse(NaturalEarth(%v)) = %v; want %v", in, got, in)
			}
		}
	}
	// Beyond the pole line, y is clamped to it.
	if got := NaturalEarthInverse(orb.Point{0, 2}); math.Abs(got[1]-90) > 1e-9 {
		t.Errorf("NaturalEarthInverse(0, 2) = %v; want latitude 90", got)
	}
}

func TestProject(t *testing.T) {
	tests := []struct {
		name     string
		lon, lat float64
		want     Point
	}{
		{"west edge", -180, 0, Point{0, Height / 2}},
		{"east edge", 180, 0, Point{Width, Height / 2}},
		{"north pole", 0, 90, Point{Width / 2, 0}},
		{"south pole", 0, -90, Point{Width / 2, Height}},
		{"Québec City, as d3 fitted to the width", -71.208, 46.8139, Point{
			(310.7587239507088 - 0.5007348974624506) / 958.998530205075 * Width,
			Height/2 - (250-105.4828914569863)/958.998530205075*Width,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Project(tt.lon, tt.lat)
			if math.Abs(got[0]-tt.want[0]) > 1e-9 || math.Abs(got[1]-tt.want[1]) > 1e-9 {
				t.Errorf("Project(%v, %v) = %v; want %v", tt.lon, tt.lat, got, tt.want)
			}
			lon, lat := Unproject(got)
			if math.Abs(lon-tt.lon) > 1e-9 || math.Abs(lat-tt.lat) > 1e-9 {
				t.Errorf("Unproject(%v) = %v, %v; want %v, %v", got, lon, lat, tt.lon, tt.lat)
			}
		})
	}
	if math.Abs(Height-519.997) > 0.001 {
		t.Errorf("Height = %v; want about 519.997", Height)
	}
}

func TestProjectBox(t *testing.T) {
	// Meridians bulge away from the central meridian towards the equator: a
	// box across the equator west of 0° reaches farthest west at the
	// equator, but farthest east at its corners.
	got := ProjectBox(-50, -10, -30, 10)
	want := Box{Project(-50, 0)[0], Project(0, 10)[1], Project(-30, 10)[0], Project(0, -10)[1]}
	for i := range got {
		if math.Abs(got[i]-want[i]) > 1e-9 {
			t.Fatalf("ProjectBox(-50, -10, -30, 10) = %v; want %v", got, want)
		}
	}
	if c := Project(-50, 10)[0]; c <= want[0] {
		t.Fatalf("corner x %v is not inside the equator's %v", c, want[0])
	}
}
