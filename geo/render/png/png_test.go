package png

import (
	"net/url"
	"testing"

	"golang.org/x/image/font/sfnt"

	"qcmap/geo/carto"
	"qcmap/geo/render"
	"qcmap/geo/render/rendertest"
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
	sc := rendertest.Scene(t, "view=-54,-26,-42,-19&width=800&height=450&legend=0", TextWidth)
	if _, ok := sc.Labels["BR-SP"]; !ok {
		t.Fatal(`NewScene("view=-54,-26,-42,-19") has no label for BR-SP`)
	}
}

// BenchmarkMapPNG draws and encodes the default picture, 1920×1080 of the
// world, uncached, as GET /map.png does on a miss; TestMapPNG checks it.
//
// The first views' layout is not in the measure: the server lays out every
// size class's in both languages as it loads the data (it draws the page's
// map to name its version), and keeps them for the images. Left in, one
// layout of some 450 ms was shared among however many pictures the
// benchmark's second allowed (three in a make bench run: 372 ms each).
func BenchmarkMapPNG(b *testing.B) {
	a, d := rendertest.Load(b)
	p, err := carto.ParseImage(url.Values{}, d)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := render.FirstViews(a, d, p.Lang, TextWidth); err != nil {
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
