package carto

import (
	"errors"
	"math"
	"testing"

	"qcmap/geo"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func TestViewportZoomAtKeepsPoint(t *testing.T) {
	v := World(1200, 700)
	for _, tc := range []struct {
		name   string
		px, py float64
		f      float64
	}{
		{"centre in", 600, 350, 2},
		{"corner in", 100, 80, 3},
		{"out again", 900, 500, 0.5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := v.UnitsPerPx()
			mx, my := v.CX+(tc.px-v.W/2)*u, v.CY+(tc.py-v.H/2)*u
			z := v.ZoomAt(tc.px, tc.py, tc.f)
			if z.K == v.K*tc.f && z.K > MinZoom {
				nu := z.UnitsPerPx()
				gx, gy := z.CX+(tc.px-z.W/2)*nu, z.CY+(tc.py-z.H/2)*nu
				if !near(gx, mx) || !near(gy, my) {
					t.Errorf("zoomAt(%v, %v, %v) moved the map point (%v, %v) to (%v, %v)", tc.px, tc.py, tc.f, mx, my, gx, gy)
				}
			}
			v = z
		})
	}
}

func TestViewportClamp(t *testing.T) {
	v := World(800, 600)
	if z := v.ZoomAt(400, 300, 0.1); z.K != MinZoom {
		t.Errorf("zoomAt(0.1).k = %v; want %v", z.K, MinZoom)
	}
	if z := v.ZoomAt(400, 300, 1e6); z.K != MaxZoom {
		t.Errorf("zoomAt(1e6).k = %v; want %v", z.K, MaxZoom)
	}
	if p := v.PanBy(1e6, -1e6); p.CX != 0 || p.CY != geo.Height {
		t.Errorf("panBy(1e6, -1e6) centre = (%v, %v); want (0, %v)", p.CX, p.CY, geo.Height)
	}
}

func TestViewportFitHoldsBox(t *testing.T) {
	v := World(1440, 800)
	vt, ok := geo.AreaBox("western-europe")
	if !ok {
		t.Fatal("no western-europe area")
	}
	f := v.Fit(vt, 100)
	got := f.Box()
	if got[0] > vt[0] || got[1] > vt[1] || got[2] < vt[2] || got[3] < vt[3] {
		t.Errorf("fit(%v).Box() = %v; does not hold the box", vt, got)
	}
	if f.K <= 1 {
		t.Errorf("fit(%v).k = %v; want a zoom in", vt, f.K)
	}
	if f := v.Fit(geo.Box{500, 200, 500.01, 200.01}, 24); f.K != 24 {
		t.Errorf("fit(tiny box, 24).k = %v; want the cap 24", f.K)
	}
}

func TestViewportLevelAndArea(t *testing.T) {
	v := World(1440, 800)
	if got := v.Level(); got != geo.World {
		t.Errorf("level() at zoom 1 = %q; want %q", got, geo.World)
	}
	we, _ := geo.AreaBox("western-europe")
	f := v.Fit(we, 100)
	if got := f.Level(); got != geo.Continent {
		t.Errorf("level() on Western Europe = %q; want %q", got, geo.Continent)
	}
	if got := f.Area(); got != "western-europe" {
		t.Errorf("area() on Western Europe = %q; want western-europe", got)
	}
	f.K = 60
	if got := f.Level(); got != geo.Closeup {
		t.Errorf("level() at zoom 60 = %q; want %q", got, geo.Closeup)
	}
}

func TestParseView(t *testing.T) {
	v := World(1440, 900)
	v.CX, v.CY, v.K = 512.3, 201.7, 4.25
	got, err := ParseView(v.String())
	if want := (View{ViewZoom, [4]float64{512.3, 201.7, 4.25}}); err != nil || got != want {
		t.Errorf("ParseView(%q) = %v, %v; want %v, nil", v.String(), got, err, want)
	}
	if got, err := ParseView("-80,40,-70,47"); err != nil || got.Kind != ViewBBox {
		t.Errorf("ParseView(bbox) = %v, %v; want a bbox", got, err)
	}
	if got, err := ParseView(""); err != nil || got.Kind != "" {
		t.Errorf("ParseView(\"\") = %v, %v; want no view", got, err)
	}
	for _, bad := range []string{"1,2", "a,b,c", "1,2,0.5", "-1,2,3", "1,2,NaN", "1,2,1000", "1,2,3,4,5", "10,40,-70,47", "-200,0,0,10"} {
		_, err := ParseView(bad)
		var pe *ParamError
		if !errors.As(err, &pe) || pe.Param != "view" {
			t.Errorf("ParseView(%q) = %v; want a *ParamError for view", bad, err)
		}
	}
}

func FuzzParseView(f *testing.F) {
	for _, s := range []string{"500,260,1", "1,2,3", "", "1e309,2,3", "-80,40,-70,47"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseView(s)
		if err != nil || v.Kind != ViewZoom {
			return
		}
		if cx, cy, k := v.N[0], v.N[1], v.N[2]; cx < 0 || cx > geo.Width || cy < 0 || cy > viewMaxY || k < MinZoom || k > MaxZoom {
			t.Errorf("ParseView(%q) = %v; out of range", s, v)
		}
		if again, err := ParseView(v.String()); err != nil || again != v {
			t.Errorf("ParseView(%q.String()) = %v, %v; want %v", s, again, err, v)
		}
	})
}

func TestViewportStepHidesLabelsWhenSmall(t *testing.T) {
	for _, tc := range []struct {
		name string
		w, h float64
		want int
	}{
		{"desktop world", 1440, 800, 0},
		{"phone world", 390, 700, -1},
	} {
		v := World(tc.w, tc.h)
		if got := v.Step(); got != tc.want {
			t.Errorf("%s: step() = %d; want %d", tc.name, got, tc.want)
		}
	}
}

// The transform that previews a view must put every map point where the
// view's own viewBox would draw it.
func TestViewportTransformFromMatchesViewBox(t *testing.T) {
	shown := World(1440, 900)
	shown = shown.ZoomAt(300, 200, 2.5)
	screen := func(v Viewport, mx, my float64) (float64, float64) {
		b := v.Box() // the viewBox: map units across the element's pixels
		return (mx - b[0]) / (b[2] - b[0]) * v.W, (my - b[1]) / (b[3] - b[1]) * v.H
	}
	for _, tc := range []struct {
		name string
		v    Viewport
	}{
		{"same view", shown},
		{"panned", shown.PanBy(120, -45)},
		{"zoomed in", shown.ZoomAt(700, 400, 3)},
		{"zoomed out and panned", shown.ZoomAt(100, 850, 0.4).PanBy(-30, 60)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k, tx, ty := tc.v.TransformFrom(shown)
			for _, p := range [][2]float64{{100, 100}, {geo.Width / 2, geo.Height / 3}, {geo.Width - 5, geo.Height - 5}} {
				sx, sy := screen(shown, p[0], p[1]) // where the drawing has the point
				wx, wy := screen(tc.v, p[0], p[1])  // where the new view wants it
				if gx, gy := k*sx+tx, k*sy+ty; math.Abs(gx-wx) > 1e-6 || math.Abs(gy-wy) > 1e-6 {
					t.Errorf("point %v: transform puts it at (%.3f, %.3f); the view draws it at (%.3f, %.3f)", p, gx, gy, wx, wy)
				}
			}
		})
	}
}
