package main

import (
	"math"
	"testing"

	"qcmap/geo"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func TestViewportZoomAtKeepsPoint(t *testing.T) {
	v := newViewport()
	v.w, v.h = 1200, 700
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
			u := v.unitsPerPx()
			mx, my := v.cx+(tc.px-v.w/2)*u, v.cy+(tc.py-v.h/2)*u
			z := v.zoomAt(tc.px, tc.py, tc.f)
			if z.k == v.k*tc.f && z.k > minZoom {
				nu := z.unitsPerPx()
				gx, gy := z.cx+(tc.px-z.w/2)*nu, z.cy+(tc.py-z.h/2)*nu
				if !near(gx, mx) || !near(gy, my) {
					t.Errorf("zoomAt(%v, %v, %v) moved the map point (%v, %v) to (%v, %v)", tc.px, tc.py, tc.f, mx, my, gx, gy)
				}
			}
			v = z
		})
	}
}

func TestViewportClamp(t *testing.T) {
	v := newViewport()
	v.w, v.h = 800, 600
	if z := v.zoomAt(400, 300, 0.1); z.k != minZoom {
		t.Errorf("zoomAt(0.1).k = %v; want %v", z.k, minZoom)
	}
	if z := v.zoomAt(400, 300, 1e6); z.k != maxZoom {
		t.Errorf("zoomAt(1e6).k = %v; want %v", z.k, maxZoom)
	}
	if p := v.panBy(1e6, -1e6); p.cx != 0 || p.cy != geo.Height {
		t.Errorf("panBy(1e6, -1e6) centre = (%v, %v); want (0, %v)", p.cx, p.cy, geo.Height)
	}
}

func TestViewportFitHoldsBox(t *testing.T) {
	v := newViewport()
	v.w, v.h = 1440, 800
	vt, ok := geo.AreaBox("western-europe")
	if !ok {
		t.Fatal("no western-europe area")
	}
	f := v.fit(vt, 100)
	got := f.box()
	if got[0] > vt[0] || got[1] > vt[1] || got[2] < vt[2] || got[3] < vt[3] {
		t.Errorf("fit(%v).box() = %v; does not hold the box", vt, got)
	}
	if f.k <= 1 {
		t.Errorf("fit(%v).k = %v; want a zoom in", vt, f.k)
	}
	if f := v.fit(geo.Box{500, 200, 500.01, 200.01}, 24); f.k != 24 {
		t.Errorf("fit(tiny box, 24).k = %v; want the cap 24", f.k)
	}
}

func TestViewportLevelAndArea(t *testing.T) {
	v := newViewport()
	v.w, v.h = 1440, 800
	if got := v.level(); got != geo.World {
		t.Errorf("level() at zoom 1 = %q; want %q", got, geo.World)
	}
	we, _ := geo.AreaBox("western-europe")
	f := v.fit(we, 100)
	if got := f.level(); got != geo.Continent {
		t.Errorf("level() on Western Europe = %q; want %q", got, geo.Continent)
	}
	if got := f.area(); got != "western-europe" {
		t.Errorf("area() on Western Europe = %q; want western-europe", got)
	}
	f.k = 60
	if got := f.level(); got != geo.Closeup {
		t.Errorf("level() at zoom 60 = %q; want %q", got, geo.Closeup)
	}
}

func TestParseView(t *testing.T) {
	v := newViewport()
	v.cx, v.cy, v.k = 512.3, 201.7, 4.25
	cx, cy, k, err := parseView(v.String())
	if err != nil || cx != 512.3 || cy != 201.7 || k != 4.25 {
		t.Errorf("parseView(%q) = %v, %v, %v, %v; want 512.3, 201.7, 4.25, nil", v.String(), cx, cy, k, err)
	}
	for _, bad := range []string{"", "1,2", "a,b,c", "1,2,0.5", "-1,2,3", "1,2,NaN", "1,2,1000"} {
		if _, _, _, err := parseView(bad); err == nil {
			t.Errorf("parseView(%q) = nil error; want an error", bad)
		}
	}
}

func FuzzParseView(f *testing.F) {
	for _, s := range []string{"500,260,1", "1,2,3", "", "1e309,2,3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cx, cy, k, err := parseView(s)
		if err != nil {
			return
		}
		if cx < 0 || cx > geo.Width || cy < 0 || cy > geo.Height || k < minZoom || k > maxZoom {
			t.Errorf("parseView(%q) = %v, %v, %v; out of range", s, cx, cy, k)
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
		v := newViewport()
		v.w, v.h = tc.w, tc.h
		if got := v.step(); got != tc.want {
			t.Errorf("%s: step() = %d; want %d", tc.name, got, tc.want)
		}
	}
}

// The transform that previews a view must put every map point where the
// view's own viewBox would draw it.
func TestViewportTransformFromMatchesViewBox(t *testing.T) {
	shown := newViewport()
	shown.w, shown.h = 1440, 900
	shown = shown.zoomAt(300, 200, 2.5)
	screen := func(v viewport, mx, my float64) (float64, float64) {
		b := v.box() // the viewBox: map units across the element's pixels
		return (mx - b[0]) / (b[2] - b[0]) * v.w, (my - b[1]) / (b[3] - b[1]) * v.h
	}
	for _, tc := range []struct {
		name string
		v    viewport
	}{
		{"same view", shown},
		{"panned", shown.panBy(120, -45)},
		{"zoomed in", shown.zoomAt(700, 400, 3)},
		{"zoomed out and panned", shown.zoomAt(100, 850, 0.4).panBy(-30, 60)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k, tx, ty := tc.v.transformFrom(shown)
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
