package server

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	imagepng "image/png"
	"math"
	"testing"

	"qcmap/geo"
	"qcmap/geo/carto"
	"qcmap/geo/render"
	"qcmap/geo/render/png"
	"qcmap/geo/render/rendertest"
)

// near reports whether c is within tol of want on each channel.
func near(c color.Color, want color.NRGBA, tol int) bool {
	r, g, b, _ := c.RGBA()
	d := func(a uint32, w uint8) bool { return math.Abs(float64(int(a>>8)-int(w))) <= float64(tol) }
	return d(r, want.R) && d(g, want.G) && d(b, want.B)
}

// interior returns pixels of sc well inside the partner's shape (3 px from
// its outline, by the even-odd rule on its path) and clear of every
// marker, pin, text and panel: where only the partner's fill shows.
func interior(t *testing.T, sc *render.Scene, id string) []image.Point {
	t.Helper()
	a, _ := atlasOnce(t)
	lv, _ := a.Level(sc.Level)
	s, ok := lv.Shape(geo.LayerPartners, id)
	if !ok {
		t.Fatalf("no shape %s at level %s", id, sc.Level)
	}
	f := float64(lv.Factor)
	var rings [][]geo.Point
	render.WalkPath(s.D, func(op byte, x, y int) {
		px, py := sc.Pixel(geo.Point{float64(x) / f, float64(y) / f})
		switch op {
		case 'M':
			rings = append(rings, []geo.Point{{px, py}})
		case 'L':
			rings[len(rings)-1] = append(rings[len(rings)-1], geo.Point{px, py})
		}
	})
	inside := func(x, y float64) bool {
		in := false
		for _, r := range rings {
			if render.InRing(r, x, y) {
				in = !in
			}
		}
		return in
	}
	var clear []render.PixelBox // what covers the fill, grown by 2 px
	for _, it := range sc.Items {
		switch it := it.(type) {
		case *render.Marker:
			r := it.R + it.StrokeWidth + 2
			clear = append(clear, render.PixelBox{it.X - r, it.Y - r, it.X + r, it.Y + r})
		case *render.Polygon:
			b := render.PixelBox{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
			for _, q := range it.Points {
				b = render.PixelBox{min(b[0], q[0]-2), min(b[1], q[1]-2), max(b[2], q[0]+2), max(b[3], q[1]+2)}
			}
			clear = append(clear, b)
		case *render.Text:
			w := png.TextWidth(it.Bold, it.S, it.Size)
			x0 := it.X
			switch it.Anchor {
			case "middle":
				x0 -= w / 2
			case "end":
				x0 -= w
			}
			clear = append(clear, render.PixelBox{x0 - it.HaloWidth - 2, it.Y - it.Size - it.HaloWidth - 2, x0 + w + it.HaloWidth + 2, it.Y + 0.4*it.Size + it.HaloWidth})
		case *render.Rect:
			if it.X > 0 || it.Y > 0 {
				clear = append(clear, render.PixelBox{it.X - 2, it.Y - 2, it.X + it.W + 2, it.Y + it.H + 2})
			}
		}
	}
	// Scan only the shape's box, in the picture.
	x0, y0 := sc.Pixel(geo.Point{s.Box[0], s.Box[1]})
	x1, y1 := sc.Pixel(geo.Point{s.Box[2], s.Box[3]})
	x0, y0 = max(x0, 0), max(y0, 0)
	x1, y1 = min(x1, float64(sc.Width)), min(y1, float64(sc.Height))
	var out []image.Point
	for y := int(y0) &^ 1; float64(y) < y1; y += 2 {
		for x := int(x0) &^ 1; float64(x) < x1; x += 2 {
			cx, cy := float64(x)+0.5, float64(y)+0.5
			if !inside(cx, cy) || !inside(cx-3, cy) || !inside(cx+3, cy) || !inside(cx, cy-3) || !inside(cx, cy+3) {
				continue
			}
			p := render.PixelBox{cx, cy, cx, cy}
			covered := false
			for _, c := range clear {
				if p[0] >= c[0] && p[0] <= c[2] && p[1] >= c[1] && p[1] <= c[3] {
					covered = true
					break
				}
			}
			if !covered {
				out = append(out, image.Point{x, y})
			}
		}
	}
	return out
}

func decodePNG(t *testing.T, data []byte) image.Image {
	t.Helper()
	img, err := imagepng.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the PNG does not decode: %v", err)
	}
	return img
}

// TestMapPNG checks pictures served by GET /map.png: their size, the sea,
// and each partner's colour inside its shape.
func TestMapPNG(t *testing.T) {
	h := imageServer(t).Handler()
	light, dark := carto.Light, carto.Dark
	tests := []struct {
		query   string
		w, h    int
		id      string // a partner whose inside is checked, or ""
		fill    color.NRGBA
		minArea int // pixels of its inside that must be clear
	}{
		{"", 1920, 1080, "CA-QC", light.Home.NRGBA(), 200},
		{"width=1600&height=900", 1600, 900, "", color.NRGBA{}, 0},
		// Vermont is about 10 px wide in the world view, under its marker:
		// its colour is checked zoomed in on it.
		{"width=1600&height=900&view=317.7,118.6,16", 1600, 900, "US-VT", light.NorthAmerica.NRGBA(), 1000},
		{"width=1600&height=900&view=317.7,118.6,16&theme=dark", 1600, 900, "US-VT", dark.NorthAmerica.NRGBA(), 1000},
		{"focus=be-wal&width=1200&height=800", 1200, 800, "BE-VLG", light.WesternEurope.NRGBA(), 1000},
		{"width=800&height=600&view=-130,20,-60,55&sector=education", 800, 600, "US-CA",
			mix(light.NorthAmerica.NRGBA(), light.Land.NRGBA(), carto.DimShape), 100}, // faded by the filter
	}
	for _, tt := range tests {
		w := do(h, "GET", "/map.png?"+tt.query, nil)
		if w.Code != 200 || w.Header().Get("Content-Type") != "image/png" {
			t.Fatalf("GET /map.png?%s: %d %s", tt.query, w.Code, w.Header().Get("Content-Type"))
		}
		img := decodePNG(t, w.Body.Bytes())
		if b := img.Bounds(); b.Dx() != tt.w || b.Dy() != tt.h {
			t.Errorf("GET /map.png?%s is %d×%d; want %d×%d", tt.query, b.Dx(), b.Dy(), tt.w, tt.h)
		}
		sc := rendertest.Scene(t, tt.query, png.TextWidth)
		sea := light.Sea.NRGBA()
		if tt.fill == dark.NorthAmerica.NRGBA() {
			sea = dark.Sea.NRGBA()
		}
		if x, y := sc.Pixel(geo.Project(-150, 0)); x >= 0 && y >= 0 && x < float64(tt.w) && y < float64(tt.h) {
			if c := img.At(int(x), int(y)); !near(c, sea, 2) {
				t.Errorf("GET /map.png?%s: the Pacific at (%.0f, %.0f) is %v; want the sea", tt.query, x, y, c)
			}
		}
		if tt.id == "" {
			continue
		}
		pts := interior(t, sc, tt.id)
		if len(pts) < tt.minArea/4 { // sampled every 2 px
			t.Fatalf("GET /map.png?%s: %d clear samples inside %s; want %d", tt.query, len(pts), tt.id, tt.minArea/4)
		}
		bad := 0
		for _, p := range pts {
			if !near(img.At(p.X, p.Y), tt.fill, 6) {
				bad++
				if bad <= 3 {
					t.Logf("GET /map.png?%s: %s at %v is %v; want %v", tt.query, tt.id, p, img.At(p.X, p.Y), tt.fill)
				}
			}
		}
		if bad*100 > len(pts) { // allow 1 % for inlets and hatch edges
			t.Errorf("GET /map.png?%s: %d of %d pixels inside %s are not its colour %v", tt.query, bad, len(pts), tt.id, tt.fill)
		}
	}
	// Below Vermont's marker, three map units into the state, the picture
	// is Vermont's colour.
	sc := rendertest.Scene(t, "width=1600&height=900&view=317.7,118.6,16", png.TextWidth)
	img := decodePNG(t, do(h, "GET", "/map.png?width=1600&height=900&view=317.7,118.6,16", nil).Body.Bytes())
	a, _ := atlasOnce(t)
	world, _ := a.Level(geo.World)
	vt, _ := world.Shape(geo.LayerPartners, "US-VT")
	x, y := sc.Pixel(geo.Point{vt.Label[0], vt.Label[1] + 3})
	if c := img.At(int(x), int(y)); !near(c, light.NorthAmerica.NRGBA(), 6) {
		t.Errorf("Vermont 3 units below its label point, at (%.0f, %.0f), is %v; want #0a5d9e", x, y, c)
	}
}

// mix returns c at opacity over ground.
func mix(c, ground color.NRGBA, opacity float64) color.NRGBA {
	m := func(a, b uint8) uint8 { return uint8(math.Round(float64(a)*opacity + float64(b)*(1-opacity))) }
	return color.NRGBA{m(c.R, ground.R), m(c.G, ground.G), m(c.B, ground.B), 0xff}
}

// TestMapPNGDensity checks the pixel density /map.png writes (a pHYs
// chunk before the image data, in pixels per metre): 96 × the picture's
// scale in pixels per inch, so that a 16:9 picture up to 3840×2160, the
// largest a slide takes, is a 16:9 slide's 13.33 inches wide.
func TestMapPNGDensity(t *testing.T) {
	h := imageServer(t).Handler()
	for _, tc := range []struct {
		query string
		w, h  int
		ppi   float64
	}{
		{"width=1280&height=720&view=317.7,118.6,16", 1280, 720, 96},
		{"width=1920&height=1080&view=317.7,118.6,16", 1920, 1080, 144},
		{"width=3840&height=2160&view=317.7,118.6,16", 3840, 2160, 288},
		{"width=1200&height=630&focus=us-vt", 1200, 630, 84},
	} {
		w := do(h, "GET", "/map.png?"+tc.query, nil)
		if w.Code != 200 {
			t.Fatalf("GET /map.png?%s: %d %s", tc.query, w.Code, w.Body)
		}
		b := w.Body.Bytes()
		img := decodePNG(t, b) // checks every chunk's CRC
		if got := img.Bounds(); got.Dx() != tc.w || got.Dy() != tc.h {
			t.Errorf("GET /map.png?%s is %d×%d; want %d×%d", tc.query, got.Dx(), got.Dy(), tc.w, tc.h)
		}
		var phys []byte
		for i := 8; i+8 <= len(b); {
			n := int(binary.BigEndian.Uint32(b[i:]))
			typ := string(b[i+4 : i+8])
			if typ == "IDAT" {
				break
			}
			if typ == "pHYs" {
				phys = b[i+8 : i+8+n]
			}
			i += 12 + n
		}
		if len(phys) != 9 {
			t.Errorf("GET /map.png?%s: no pHYs chunk before the image data", tc.query)
			continue
		}
		x, y := binary.BigEndian.Uint32(phys), binary.BigEndian.Uint32(phys[4:])
		want := uint32(math.Round(tc.ppi / 0.0254))
		if x != want || y != want || phys[8] != 1 {
			t.Errorf("GET /map.png?%s: pHYs %d×%d per unit %d; want %d per metre (%v ppi)", tc.query, x, y, phys[8], want, tc.ppi)
		}
		if inches := float64(tc.w) / tc.ppi; tc.w >= 1280 && math.Abs(inches-40.0/3) > 0.01 {
			t.Errorf("GET /map.png?%s: %.2f inches wide; want a 16:9 slide's 13.33", tc.query, inches)
		}
	}
}
