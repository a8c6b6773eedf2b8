// Package png rasterizes a render.Scene in pure Go and encodes it as a PNG;
// it is the only package that imports golang.org/x/image.
package png

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"math"
	"slices"

	"golang.org/x/image/font"
	"golang.org/x/image/vector"

	"qcmap/geo/render"
)

// The PNG writer rasterizes a scene in pure Go: x/image/vector fills the
// paths (non-zero winding: holes are wound opposite to their exteriors),
// borders are stroked by filling a thin quad per segment, and text is drawn
// with the Go fonts, which cover the accents of every name (é, ã, ó).

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
	return withDensity(buf.Bytes(), sc.PixelsPerInch()), nil
}

// withDensity returns the PNG b with a pHYs chunk after its IHDR saying
// ppi pixels per inch, in both axes (PNG counts them per metre). Go's
// encoder writes none, and a picture without one is sized at 72 or 96 ppi
// by whoever reads it.
func withDensity(b []byte, ppi float64) []byte {
	const ihdrEnd = 8 + 4 + 4 + 13 + 4 // signature, IHDR's length, type, data, CRC
	ppm := uint32(math.Round(ppi / 0.0254))
	chunk := make([]byte, 0, 21)
	chunk = binary.BigEndian.AppendUint32(chunk, 9)
	chunk = append(chunk, "pHYs"...)
	chunk = binary.BigEndian.AppendUint32(chunk, ppm)
	chunk = binary.BigEndian.AppendUint32(chunk, ppm)
	chunk = append(chunk, 1) // the unit is the metre
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	return slices.Concat(b[:ihdrEnd], chunk, b[ihdrEnd:])
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
