package render

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"strconv"
)

// SVG returns the scene as a standalone SVG document: width and height in
// pixels, a viewBox in pixels, presentation attributes only (no stylesheet),
// the basemap layers as compound paths inside the level's scale, and a
// data-id on every partner's shape and marker.
func (sc *Scene) SVG() []byte {
	w := svgWriter{}
	b := &w.buf
	b.Grow(256 << 10)
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-labelledby="map-title" font-family="Go, 'Helvetica Neue', Arial, sans-serif">`,
		sc.Width, sc.Height, sc.Width, sc.Height)
	fmt.Fprintf(b, `<title id="map-title">%s</title>`, esc(sc.Title))
	for _, it := range sc.Items {
		switch it := it.(type) {
		case *Rect:
			fill := w.pattern(it.Paint, 1)
			fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s"`, f2(it.X), f2(it.Y), f2(it.W), f2(it.H))
			if it.R > 0 {
				fmt.Fprintf(b, ` rx="%s"`, f2(it.R))
			}
			w.paint(it.Paint, 1, fill)
			b.WriteString(`/>`)
		case *Shapes:
			g := sc.Scale / float64(it.Factor)
			fill := w.pattern(it.Paint, 1/g)
			fmt.Fprintf(b, `<g transform="matrix(%s 0 0 %s %s %s)"><path`, f6(g), f6(g), f2(-sc.Origin[0]*sc.Scale), f2(-sc.Origin[1]*sc.Scale))
			if it.ID != "" {
				fmt.Fprintf(b, ` data-id="%s"`, it.ID)
			}
			fmt.Fprintf(b, ` class="%s"`, it.Class)
			w.paint(it.Paint, 1/g, fill)
			b.WriteString(` d="`)
			for _, d := range it.D {
				b.WriteString(d)
			}
			b.WriteString(`"/></g>`)
		case *Marker:
			b.WriteString(`<g`)
			if it.ID != "" {
				fmt.Fprintf(b, ` data-id="%s" class="marker"`, it.ID)
			}
			if op := it.Alpha(); op < 1 {
				fmt.Fprintf(b, ` opacity="%s"`, f2(op))
			}
			fmt.Fprintf(b, `><circle cx="%s" cy="%s" r="%s"`, f2(it.X), f2(it.Y), f2(it.R))
			pt := it.Paint
			pt.Opacity = 0
			w.paint(pt, 1, "")
			b.WriteString(`/>`)
			if it.DotR > 0 {
				fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="%s" fill="%s"/>`, f2(it.X), f2(it.Y), f2(it.DotR), hexColor(it.DotColor))
			}
			b.WriteString(`</g>`)
		case *Polygon:
			fill := w.pattern(it.Paint, 1)
			b.WriteString(`<path`)
			if it.ID != "" {
				fmt.Fprintf(b, ` data-id="%s" class="office"`, it.ID)
			}
			w.paint(it.Paint, 1, fill)
			b.WriteString(` d="`)
			for i, q := range it.Points {
				if i == 0 {
					b.WriteString("M")
				} else {
					b.WriteString("L")
				}
				fmt.Fprintf(b, "%s %s", f2(q[0]), f2(q[1]))
			}
			b.WriteString(`Z"/>`)
		case *Text:
			anchor := it.Anchor
			fmt.Fprintf(b, `<text x="%s" y="%s" font-size="%s" text-anchor="%s"`, f2(it.X), f2(it.Y), f2(it.Size), anchor)
			if it.Bold {
				b.WriteString(` font-weight="bold"`)
			}
			fmt.Fprintf(b, ` fill="%s"`, hexColor(it.Fill))
			if it.Halo.A != 0 && it.HaloWidth > 0 {
				fmt.Fprintf(b, ` stroke="%s" stroke-width="%s" stroke-linejoin="round" paint-order="stroke"`, hexColor(it.Halo), f2(it.HaloWidth))
			}
			if op := it.Alpha(); op < 1 {
				fmt.Fprintf(b, ` opacity="%s"`, f2(op))
			}
			fmt.Fprintf(b, `>%s</text>`, esc(it.S))
		default:
			panic(fmt.Sprintf("render: unknown scene item %T", it)) // every item type is listed above
		}
	}
	b.WriteString(`</svg>`)
	return w.buf.Bytes()
}

// svgWriter holds the document and numbers the hatch patterns.
type svgWriter struct {
	buf      bytes.Buffer
	patterns int
}

// pattern writes the hatch pattern of p, if it has one, and returns the
// fill that refers to it; otherwise it returns "". unit is the user units
// per pixel where p is used, so that the hatching stays in pixels inside a
// scaled group.
func (w *svgWriter) pattern(p Paint, unit float64) string {
	if p.Hatch.A == 0 {
		return ""
	}
	id := fmt.Sprintf("hatch%d", w.patterns)
	w.patterns++
	fmt.Fprintf(&w.buf, `<defs><pattern id="%s" width="%s" height="%s" patternUnits="userSpaceOnUse" patternTransform="scale(%s) rotate(45)"><rect width="%s" height="%s" fill="%s"/><rect width="%s" height="%s" fill="%s"/></pattern></defs>`,
		id, f2(HatchPeriod), f2(HatchPeriod), f6(unit), f2(HatchPeriod), f2(HatchPeriod), hexColor(p.Fill), f2(HatchLine), f2(HatchPeriod), hexColor(p.Hatch))
	return "url(#" + id + ")"
}

// paint writes the fill, stroke and opacity attributes of p; fill, if not
// "", replaces p's fill (a pattern). unit is the user units per pixel where
// the element is drawn, so that stroke widths stay in pixels.
func (w *svgWriter) paint(p Paint, unit float64, fill string) {
	b := &w.buf
	switch {
	case fill != "":
		fmt.Fprintf(b, ` fill="%s"`, fill)
	case p.Fill.A == 0:
		b.WriteString(` fill="none"`)
	default:
		fmt.Fprintf(b, ` fill="%s"`, hexColor(p.Fill))
	}
	if p.Stroke.A != 0 && p.StrokeWidth > 0 {
		fmt.Fprintf(b, ` stroke="%s" stroke-width="%s" stroke-linejoin="round"`, hexColor(p.Stroke), f6(p.StrokeWidth*unit))
	}
	if op := p.Alpha(); op < 1 {
		fmt.Fprintf(b, ` opacity="%s"`, f2(op))
	}
}

func hexColor(c color.NRGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// f2 and f6 format a number with at most 2 or 6 decimals, never "-0".
func f2(f float64) string { return roundTo(f, 100) }
func f6(f float64) string { return roundTo(f, 1e6) }

func roundTo(f, scale float64) string {
	f = math.Round(f*scale) / scale
	if f == 0 {
		f = 0
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}
