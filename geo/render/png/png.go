// Package png rasterizes a render.Scene in pure Go and encodes it as a PNG;
// it is the only package that imports golang.org/x/image.
package png

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"qcmap/geo/render"
)

// The PNG writer rasterizes a scene in pure Go: x/image/vector fills the
// paths (non-zero winding: holes are wound opposite to their exteriors),
// borders are stroked by filling a thin quad per segment, and text is drawn
// with the Go fonts, which cover the accents of every name (é, ã, ó).

// The Go fonts, parsed once. An sfnt.Font is safe for concurrent use; the
// faces made from it are not, so each drawing makes its own.
var (
	regularFont = sync.OnceValue(func() *opentype.Font { return mustParseFont(goregular.TTF) })
	boldFont    = sync.OnceValue(func() *opentype.Font { return mustParseFont(gobold.TTF) })
)

func mustParseFont(ttf []byte) *opentype.Font {
	f, err := opentype.Parse(ttf)
	if err != nil {
		panic("png: embedded font: " + err.Error()) // the font is compiled in
	}
	return f
}

func fontOf(bold bool) *opentype.Font {
	if bold {
		return boldFont()
	}
	return regularFont()
}

// TextWidth returns the advance width in pixels of s set in the Go font
// (bold or regular) at size pixels per em, kerned, as the PNG writer draws
// it. The scene lays out labels with it.
func TextWidth(bold bool, s string, size float64) float64 {
	f := fontOf(bold)
	var buf sfnt.Buffer
	ppem := fixed.Int26_6(math.Round(size * 64))
	var w fixed.Int26_6
	prev, first := sfnt.GlyphIndex(0), true
	for _, r := range s {
		g, err := f.GlyphIndex(&buf, r)
		if err != nil {
			continue
		}
		if !first {
			if k, err := f.Kern(&buf, prev, g, ppem, font.HintingNone); err == nil {
				w += k
			}
		}
		if adv, err := f.GlyphAdvance(&buf, g, ppem, font.HintingNone); err == nil {
			w += adv
		}
		prev, first = g, false
	}
	return float64(w) / 64
}

// Encode returns the scene drawn and encoded as a PNG.
func Encode(sc *render.Scene) ([]byte, error) {
	img := Image(sc)
	var buf bytes.Buffer
	// BestSpeed: the picture is drawn for one request, cached, and mostly
	// flat colour, which compresses well even so.
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("png: encode map png: %w", err)
	}
	return buf.Bytes(), nil
}

// Image returns the scene drawn, Width × Height pixels.
func Image(sc *render.Scene) *image.RGBA {
	p := &painter{dst: image.NewRGBA(image.Rect(0, 0, sc.Width, sc.Height)), sc: sc, faces: map[faceKey]font.Face{}}
	for _, it := range sc.Items {
		switch it := it.(type) {
		case *render.Rect:
			p.rect(it)
		case *render.Shapes:
			p.shapes(it)
		case *render.Marker:
			p.marker(it)
		case *render.Polygon:
			p.polygon(it)
		case *render.Text:
			p.text(it)
		}
	}
	for _, f := range p.faces {
		f.Close()
	}
	return p.dst
}

// painter draws items onto dst, reusing one rasterizer and one mask.
type painter struct {
	dst   *image.RGBA
	sc    *render.Scene
	z     vector.Rasterizer
	mask  []uint8 // coverage, reused
	faces map[faceKey]font.Face
}

type faceKey struct {
	bold bool
	size float64
}

// pen feeds the rasterizer in the coordinates of the region being drawn,
// and drops the edges that lie wholly above or below it: they add no
// coverage to any of its rows, but the rasterizer would still walk them.
type pen struct {
	z      *vector.Rasterizer
	h      float32
	x, y   float32 // the pen
	sx, sy float32 // the subpath's start
}

func (p *pen) moveTo(x, y float32) {
	p.z.MoveTo(x, y)
	p.x, p.y, p.sx, p.sy = x, y, x, y
}

func (p *pen) lineTo(x, y float32) {
	if (p.y < 0 && y < 0) || (p.y > p.h && y > p.h) {
		p.z.MoveTo(x, y) // moves the pen only; subpaths are closed by close
	} else {
		p.z.LineTo(x, y)
	}
	p.x, p.y = x, y
}

func (p *pen) close() { p.lineTo(p.sx, p.sy) }

// quad adds the outline of the segment a–b, w wide, with square ends. All
// quads wind the same way, so overlaps at joints add up, never cancel.
func (p *pen) quad(ax, ay, bx, by, w float32) {
	dx, dy := bx-ax, by-ay
	l := float32(math.Hypot(float64(dx), float64(dy)))
	if l == 0 {
		return
	}
	dx, dy = dx/l*w/2, dy/l*w/2 // along, half the width long
	nx, ny := -dy, dx           // across
	p.moveTo(ax-dx+nx, ay-dy+ny)
	p.lineTo(bx+dx+nx, by+dy+ny)
	p.lineTo(bx+dx-nx, by+dy-ny)
	p.lineTo(ax-dx-nx, ay-dy-ny)
	p.close()
}

// circle adds a circle of radius r around (cx, cy), four cubic Béziers,
// clockwise on screen, or counter-clockwise if reverse (to cut a hole).
func (p *pen) circle(cx, cy, r float32, reverse bool) {
	const k = 0.5522847498
	s := float32(1)
	if reverse {
		s = -1
	}
	c := k * r
	p.moveTo(cx+r, cy)
	p.z.CubeTo(cx+r, cy+s*c, cx+c, cy+s*r, cx, cy+s*r)
	p.z.CubeTo(cx-c, cy+s*r, cx-r, cy+s*c, cx-r, cy)
	p.z.CubeTo(cx-r, cy-s*c, cx-c, cy-s*r, cx, cy-s*r)
	p.z.CubeTo(cx+c, cy-s*r, cx+r, cy-s*c, cx+r, cy)
	p.x, p.y = cx+r, cy
}

// roundRect adds a rectangle with corners rounded by r, clockwise, or
// counter-clockwise if reverse.
func (p *pen) roundRect(x, y, w, h, r float32, reverse bool) {
	r = min(r, w/2, h/2)
	const k = 1 - 0.5522847498
	pts := [][2]float32{{x + r, y}, {x + w - r, y}, {x + w, y + r}, {x + w, y + h - r}, {x + w - r, y + h}, {x + r, y + h}, {x, y + h - r}, {x, y + r}}
	ctrl := [][4]float32{ // the corner after each straight side
		{x + w - r*k, y, x + w, y + r*k},
		{x + w, y + h - r*k, x + w - r*k, y + h},
		{x + r*k, y + h, x, y + h - r*k},
		{x, y + r*k, x + r*k, y},
	}
	if !reverse {
		p.moveTo(pts[0][0], pts[0][1])
		for i := range 4 {
			p.lineTo(pts[2*i+1][0], pts[2*i+1][1])
			c, e := ctrl[i], pts[(2*i+2)%8]
			p.z.CubeTo(c[0], c[1], c[2], c[3], e[0], e[1])
			p.x, p.y = e[0], e[1]
		}
		return
	}
	p.moveTo(pts[0][0], pts[0][1])
	for i := 3; i >= 0; i-- {
		c, e := ctrl[i], pts[2*i+1]
		p.z.CubeTo(c[2], c[3], c[0], c[1], e[0], e[1])
		p.x, p.y = e[0], e[1]
		s := pts[2*i]
		p.lineTo(s[0], s[1])
	}
}

// begin resets the rasterizer to the region r of dst (clipped to dst) and
// returns a pen in r's coordinates, or false if r is empty.
func (pt *painter) begin(r image.Rectangle) (image.Rectangle, *pen, bool) {
	r = r.Intersect(pt.dst.Bounds())
	if r.Empty() {
		return r, nil, false
	}
	pt.z.Reset(r.Dx(), r.Dy())
	return r, &pen{z: &pt.z, h: float32(r.Dy())}, true
}

// fill draws what was added since begin in c, faded by opacity, or, if
// hatch has a colour, in c with lines of hatch over it. The coverage is
// rasterized into a mask first (the rasterizer's fast path), then blended
// by blend, which skips the uncovered pixels: most of a stroked layer's.
func (pt *painter) fill(r image.Rectangle, c, hatch color.NRGBA, opacity float64) {
	w, h := r.Dx(), r.Dy()
	if cap(pt.mask) < w*h {
		pt.mask = make([]uint8, w*h)
	}
	m := &image.Alpha{Pix: pt.mask[:w*h], Stride: w, Rect: image.Rect(0, 0, w, h)}
	pt.z.DrawOp = draw.Src
	pt.z.Draw(m, m.Rect, image.Opaque, image.Point{})
	blend(pt.dst, r, m, fade(c, opacity))
	if hatch.A == 0 {
		return
	}
	for y := range h {
		row := m.Pix[y*w : (y+1)*w]
		for x := range row {
			if row[x] != 0 {
				row[x] = uint8(float64(row[x]) * stripe(float64(x+r.Min.X), float64(y+r.Min.Y)))
			}
		}
	}
	blend(pt.dst, r, m, fade(hatch, opacity))
}

// blend paints c over the region r of dst through the mask m, whose origin
// is r.Min.
func blend(dst *image.RGBA, r image.Rectangle, m *image.Alpha, c color.NRGBA) {
	pr, pg, pb, pa := c.RGBA() // premultiplied, 16 bits
	sr, sg, sb, sa := pr>>8, pg>>8, pb>>8, pa>>8
	w := r.Dx()
	for y := range r.Dy() {
		row := m.Pix[y*m.Stride : y*m.Stride+w]
		px := dst.Pix[dst.PixOffset(r.Min.X, r.Min.Y+y):]
		for x, a := range row {
			if a == 0 {
				continue
			}
			i := 4 * x
			d := px[i : i+4 : i+4]
			if a == 0xff && sa == 0xff {
				d[0], d[1], d[2], d[3] = uint8(sr), uint8(sg), uint8(sb), 0xff
				continue
			}
			ma := uint32(a)
			k := 0xff*0xff - sa*ma // what is left of dst, over 255²
			d[0] = uint8((uint32(d[0])*k + sr*ma*0xff) / (0xff * 0xff))
			d[1] = uint8((uint32(d[1])*k + sg*ma*0xff) / (0xff * 0xff))
			d[2] = uint8((uint32(d[2])*k + sb*ma*0xff) / (0xff * 0xff))
			d[3] = uint8((uint32(d[3])*k + sa*ma*0xff) / (0xff * 0xff))
		}
	}
}

// stripe returns the coverage of the pixel at (x, y) by the 45° hatch
// lines: render.HatchLine wide, render.HatchPeriod apart, anti-aliased over one pixel.
func stripe(x, y float64) float64 {
	const diag = render.HatchPeriod * math.Sqrt2 // the period along x + y
	t := math.Mod(x+y+1, diag)
	d := math.Min(t, diag-t) / math.Sqrt2 // distance to the nearest line
	return math.Min(math.Max(render.HatchLine/2-d+0.5, 0), 1)
}

func fade(c color.NRGBA, opacity float64) color.NRGBA {
	c.A = uint8(math.Round(float64(c.A) * opacity))
	return c
}

// pixelRect returns the pixels that hold the rectangle from (minX, minY)
// to (maxX, maxY), in pixels, grown by m on each side.
func (pt *painter) pixelRect(minX, minY, maxX, maxY, m float64) image.Rectangle {
	return image.Rect(int(math.Floor(minX-m)), int(math.Floor(minY-m)), int(math.Ceil(maxX+m)), int(math.Ceil(maxY+m)))
}

// shapes fills and strokes boundary shapes, parsing their path data onto
// the pixel grid as it goes.
func (pt *painter) shapes(it *render.Shapes) {
	sc := pt.sc
	x0, y0 := sc.Pixel(geo2(it.Box[0], it.Box[1]))
	x1, y1 := sc.Pixel(geo2(it.Box[2], it.Box[3]))
	g := sc.Scale / float64(it.Factor)
	tx, ty := -sc.Origin[0]*sc.Scale, -sc.Origin[1]*sc.Scale
	op := it.Alpha()
	if it.Fill.A != 0 {
		if r, p, ok := pt.begin(pt.pixelRect(x0, y0, x1, y1, 1)); ok {
			ox, oy := tx-float64(r.Min.X), ty-float64(r.Min.Y)
			for _, d := range it.D {
				render.WalkPath(d, func(c byte, x, y int) {
					px, py := float32(float64(x)*g+ox), float32(float64(y)*g+oy)
					switch c {
					case 'M':
						p.moveTo(px, py)
					case 'L':
						p.lineTo(px, py)
					case 'Z':
						p.close()
					}
				})
			}
			pt.fill(r, it.Fill, it.Hatch, op)
		}
	}
	if it.Stroke.A != 0 && it.StrokeWidth > 0 {
		w := it.StrokeWidth
		if r, p, ok := pt.begin(pt.pixelRect(x0, y0, x1, y1, w+1)); ok {
			ox, oy := tx-float64(r.Min.X), ty-float64(r.Min.Y)
			fw, fh, hw := float32(r.Dx()), float32(r.Dy()), float32(w)
			var lx, ly, sx, sy float32
			seg := func(ax, ay, bx, by float32) {
				// Skip segments wholly outside the region.
				if (ax < -hw && bx < -hw) || (ax > fw+hw && bx > fw+hw) || (ay < -hw && by < -hw) || (ay > fh+hw && by > fh+hw) {
					return
				}
				p.quad(ax, ay, bx, by, float32(w))
			}
			for _, d := range it.D {
				render.WalkPath(d, func(c byte, x, y int) {
					px, py := float32(float64(x)*g+ox), float32(float64(y)*g+oy)
					switch c {
					case 'M':
						sx, sy = px, py
					case 'L':
						seg(lx, ly, px, py)
					case 'Z':
						seg(lx, ly, sx, sy)
					}
					lx, ly = px, py
				})
			}
			pt.fill(r, it.Stroke, color.NRGBA{}, op)
		}
	}
}

func geo2(x, y float64) [2]float64 { return [2]float64{x, y} }

// marker draws a ring with a fill and a dot.
func (pt *painter) marker(m *render.Marker) {
	op := m.Alpha()
	out := m.R + m.StrokeWidth/2
	r, p, ok := pt.begin(pt.pixelRect(m.X-out, m.Y-out, m.X+out, m.Y+out, 1))
	if !ok {
		return
	}
	cx, cy := float32(m.X-float64(r.Min.X)), float32(m.Y-float64(r.Min.Y))
	in := m.R
	if m.Stroke.A != 0 && m.StrokeWidth > 0 {
		in = m.R - m.StrokeWidth/2
		p.circle(cx, cy, float32(out), false)
		p.circle(cx, cy, float32(in), true)
		pt.fill(r, m.Stroke, color.NRGBA{}, op)
		pt.z.Reset(r.Dx(), r.Dy())
	}
	if m.Fill.A != 0 {
		p.circle(cx, cy, float32(in), false)
		pt.fill(r, m.Fill, color.NRGBA{}, op)
		pt.z.Reset(r.Dx(), r.Dy())
	}
	if m.DotR > 0 {
		p.circle(cx, cy, float32(m.DotR), false)
		pt.fill(r, m.DotColor, color.NRGBA{}, op)
	}
}

// polygon fills and strokes a closed outline in pixels.
func (pt *painter) polygon(pg *render.Polygon) {
	if len(pg.Points) < 3 {
		return
	}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, q := range pg.Points {
		minX, minY, maxX, maxY = min(minX, q[0]), min(minY, q[1]), max(maxX, q[0]), max(maxY, q[1])
	}
	r, p, ok := pt.begin(pt.pixelRect(minX, minY, maxX, maxY, pg.StrokeWidth+1))
	if !ok {
		return
	}
	ox, oy := float64(r.Min.X), float64(r.Min.Y)
	pts := make([][2]float32, len(pg.Points))
	for i, q := range pg.Points {
		pts[i] = [2]float32{float32(q[0] - ox), float32(q[1] - oy)}
	}
	op := pg.Alpha()
	if pg.Fill.A != 0 {
		p.moveTo(pts[0][0], pts[0][1])
		for _, q := range pts[1:] {
			p.lineTo(q[0], q[1])
		}
		p.close()
		pt.fill(r, pg.Fill, pg.Hatch, op)
	}
	if pg.Stroke.A != 0 && pg.StrokeWidth > 0 {
		pt.z.Reset(r.Dx(), r.Dy())
		for i, a := range pts {
			b := pts[(i+1)%len(pts)]
			p.quad(a[0], a[1], b[0], b[1], float32(pg.StrokeWidth))
		}
		pt.fill(r, pg.Stroke, color.NRGBA{}, op)
	}
}

// rect fills and strokes a rectangle with rounded corners.
func (pt *painter) rect(rc *render.Rect) {
	sw := rc.StrokeWidth
	if rc.Stroke.A == 0 {
		sw = 0
	}
	r, p, ok := pt.begin(pt.pixelRect(rc.X, rc.Y, rc.X+rc.W, rc.Y+rc.H, sw+1))
	if !ok {
		return
	}
	x, y := float32(rc.X-float64(r.Min.X)), float32(rc.Y-float64(r.Min.Y))
	w, h, rr := float32(rc.W), float32(rc.H), float32(rc.R)
	op := rc.Alpha()
	if rc.Fill.A != 0 {
		p.roundRect(x, y, w, h, rr, false)
		pt.fill(r, rc.Fill, rc.Hatch, op)
	}
	if sw > 0 {
		pt.z.Reset(r.Dx(), r.Dy())
		hs := float32(sw / 2)
		p.roundRect(x-hs, y-hs, w+2*hs, h+2*hs, rr+hs, false)
		p.roundRect(x+hs, y+hs, w-2*hs, h-2*hs, max(rr-hs, 0), true)
		pt.fill(r, rc.Stroke, color.NRGBA{}, op)
	}
}

func (pt *painter) face(bold bool, size float64) font.Face {
	k := faceKey{bold, size}
	if f, ok := pt.faces[k]; ok {
		return f
	}
	f, err := opentype.NewFace(fontOf(bold), &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic("png: font face: " + err.Error()) // the font and sizes are ours
	}
	pt.faces[k] = f
	return f
}

// text draws a line of text, its halo first: the glyphs' coverage is made
// into masks (the halo by drawing the glyphs around a circle), which are
// then painted with the item's opacity, so a faded label's halo does not
// build up where its copies overlap.
func (pt *painter) text(t *render.Text) {
	f := pt.face(t.Bold, t.Size)
	w := font.MeasureString(f, t.S)
	x := fixed.Int26_6(math.Round(t.X * 64))
	switch t.Anchor {
	case "middle":
		x -= w / 2
	case "end":
		x -= w
	}
	y := fixed.Int26_6(math.Round(t.Y * 64))
	m := f.Metrics()
	hw := t.HaloWidth / 2
	pad := int(math.Ceil(hw)) + 2
	bounds := image.Rect(x.Floor()-pad, (y-m.Ascent).Floor()-pad, (x+w).Ceil()+pad, (y+m.Descent).Ceil()+pad).Intersect(pt.dst.Bounds())
	if bounds.Empty() {
		return
	}
	op := t.Alpha()
	glyphs := func(mask *image.Alpha, dx, dy float64) {
		d := font.Drawer{Dst: mask, Src: image.Opaque, Face: f,
			Dot: fixed.Point26_6{X: x + fixed.Int26_6(math.Round(dx*64)), Y: y + fixed.Int26_6(math.Round(dy*64))}}
		d.DrawString(t.S)
	}
	if t.Halo.A != 0 && hw > 0 {
		halo := image.NewAlpha(bounds)
		n := 8
		if hw > 2 {
			n = 16
		}
		for i := range n {
			a := 2 * math.Pi * float64(i) / float64(n)
			glyphs(halo, hw*math.Cos(a), hw*math.Sin(a))
		}
		glyphs(halo, 0, 0)
		draw.DrawMask(pt.dst, bounds, image.NewUniform(fade(t.Halo, op)), image.Point{}, halo, bounds.Min, draw.Over)
	}
	ink := image.NewAlpha(bounds)
	glyphs(ink, 0, 0)
	draw.DrawMask(pt.dst, bounds, image.NewUniform(fade(t.Fill, op)), image.Point{}, ink, bounds.Min, draw.Over)
}
