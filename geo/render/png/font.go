package png

import (
	"image"
	"image/draw"
	"math"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"qcmap/geo/render"
)

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

type faceKey struct {
	bold bool
	size float64
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
