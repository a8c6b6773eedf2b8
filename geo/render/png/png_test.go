package png

import (
	"net/url"
	"os"
	"sync"
	"testing"

	"golang.org/x/image/font/sfnt"

	"qcmap"
	"qcmap/geo"
	"qcmap/geo/carto"
	"qcmap/geo/render"
)

// TestTextAccents checks that the Go fonts have the accented letters of the
// names and that the PNG writer draws them: an accent adds ink above its
// letter.
func TestTextAccents(t *testing.T) {
	for _, bold := range []bool{false, true} {
		var buf sfnt.Buffer
		for _, r := range "éãóèçôÉ«»·“”" {
			if g, err := fontOf(bold).GlyphIndex(&buf, r); err != nil || g == 0 {
				t.Errorf("the Go font (bold %v) has no glyph for %q", bold, r)
			}
		}
	}
	// top returns the highest inked row of s drawn alone, and the ink.
	top := func(s string) (row, ink int) {
		sc := &render.Scene{Width: 200, Height: 80, Items: []render.Item{
			&render.Rect{W: 200, H: 80, Paint: render.Paint{Fill: carto.Light.MarkerRing.NRGBA()}},
			&render.Text{X: 10, Y: 60, S: s, Size: 40, Bold: true, Anchor: "start", Paint: render.Paint{Fill: carto.Light.MarkerInk.NRGBA()}},
		}}
		img := Image(sc)
		row = -1
		for y := range 80 {
			for x := range 200 {
				if c := img.RGBAAt(x, y); c.R < 200 {
					ink++
					if row < 0 {
						row = y
					}
				}
			}
		}
		return row, ink
	}
	for _, tt := range []struct{ plain, accented string }{{"e", "é"}, {"a", "ã"}, {"o", "ó"}, {"Sao Paulo", "São Paulo"}} {
		pr, pi := top(tt.plain)
		ar, ai := top(tt.accented)
		if len(tt.plain) > 1 {
			pr = ar + 5 // the capitals are as high as the tilde
		}
		if pi == 0 || ai <= pi+20 || ar > pr-5 {
			t.Errorf("%q draws from row %d with %d ink pixels, %q from row %d with %d; want the accent's ink above the letter",
				tt.accented, ar, ai, tt.plain, pr, pi)
		}
	}
	// The label of São Paulo in a full picture is drawn too.
	sc := sceneOf(t, "view=-54,-26,-42,-19&width=800&height=450&legend=0")
	if _, ok := sc.Labels["BR-SP"]; !ok {
		t.Fatal(`NewScene("view=-54,-26,-42,-19") has no label for BR-SP`)
	}
}

// BenchmarkMapPNG draws and encodes the default picture, 1920×1080 of the
// world, uncached, as GET /map.png does on a miss; TestMapPNG checks it.
func BenchmarkMapPNG(b *testing.B) {
	a, d := atlasOnce(b)
	p, err := carto.ParseImage(url.Values{}, d)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		sc, err := render.NewScene(a, d, p, TextWidth)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Encode(sc); err != nil {
			b.Fatal(err)
		}
	}
}

// sceneOf builds the scene of a query string.
func sceneOf(t testing.TB, query string) *render.Scene {
	t.Helper()
	a, d := atlasOnce(t)
	q, err := url.ParseQuery(query)
	if err != nil {
		t.Fatal(err)
	}
	p, err := carto.ParseImage(q, d)
	if err != nil {
		t.Fatalf("carto.ParseImage(%q): %v", query, err)
	}
	sc, err := render.NewScene(a, d, p, TextWidth)
	if err != nil {
		t.Fatalf("NewScene(%q): %v", query, err)
	}
	return sc
}

// loadOnce loads the boundaries and the dataset once for all the tests: it
// takes seconds.
var loadOnce = sync.OnceValues(func() (*testAssets, error) {
	a, err := geo.Load(os.DirFS("../../../assets/geo"))
	if err != nil {
		return nil, err
	}
	d, err := qcmap.LoadFile("../../../assets/data/relations.yaml")
	if err != nil {
		return nil, err
	}
	return &testAssets{a, d}, nil
})

type testAssets struct {
	a *geo.Atlas
	d *qcmap.Dataset
}

// atlasOnce returns the shared boundaries and dataset; do not change them.
func atlasOnce(t testing.TB) (*geo.Atlas, *qcmap.Dataset) {
	t.Helper()
	ta, err := loadOnce()
	if err != nil {
		t.Fatal(err)
	}
	return ta.a, ta.d
}
