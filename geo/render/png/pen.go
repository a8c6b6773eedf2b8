package png

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/vector"

	"qcmap/geo/render"
)

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
