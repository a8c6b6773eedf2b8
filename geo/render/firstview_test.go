package render_test

import (
	"testing"

	"qcmap/geo/carto"
	"qcmap/geo/render"
	"qcmap/geo/render/png"
	"qcmap/geo/render/rendertest"
)

// TestFirstViewLayout checks the first view's rules in every size class
// and language: every partner and office has a target of its own, at
// least carto.MinTarget pixels each way (Target on touch screens where
// the layout allowed), inside the area, clear of the controls, of every
// other target and of every place's symbol; and a target that moved from
// its place has a leader back to it.
func TestFirstViewLayout(t *testing.T) {
	a, d := rendertest.Load(t)
	want := len(d.Jurisdictions) + len(d.Offices)
	for _, lang := range []string{"fr", "en"} {
		fvs, err := render.FirstViews(a, d, lang, png.TextWidth)
		if err != nil {
			t.Fatal(err)
		}
		for _, fv := range fvs {
			c := fv.Class
			t.Run(c.Name+"/"+lang, func(t *testing.T) {
				if len(fv.Tags) != want {
					t.Fatalf("%d targets; want %d (every jurisdiction and office)", len(fv.Tags), want)
				}
				if fv.Target < carto.MinTarget {
					t.Errorf("targets %v px high; want at least %d", fv.Target, carto.MinTarget)
				}
				for i, tg := range fv.Tags {
					b := tg.Box
					if b[2]-b[0] < carto.MinTarget-1e-6 || b[3]-b[1] < carto.MinTarget-1e-6 {
						t.Errorf("%s: target %v is smaller than %d px", tg.ID, b, carto.MinTarget)
					}
					if b[0] < 0 || b[1] < 0 || b[2] > c.W || b[3] > c.H {
						t.Errorf("%s: target %v is outside the %v×%v area", tg.ID, b, c.W, c.H)
					}
					for _, r := range c.Reserved {
						if r.Overlaps(b) {
							t.Errorf("%s: target %v is under a control %v", tg.ID, b, r)
						}
					}
					for _, o := range fv.Tags[i+1:] {
						if o.Box.Overlaps(b) {
							t.Errorf("targets of %s %v and %s %v overlap", tg.ID, b, o.ID, o.Box)
						}
					}
					for _, o := range fv.Tags {
						x, y := fv.Pixel(o.At)
						if b.Contains(x, y) {
							t.Errorf("target of %s %v covers the place of %s (%.0f, %.0f)", tg.ID, b, o.ID, x, y)
						}
					}
				}
			})
		}
	}
}
