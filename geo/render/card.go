package render

import (
	"unicode"
	"unicode/utf8"

	"qcmap/geo/carto"
)

// card returns the focus partner's card at the top left: its name and
// what the source lists for it (carto.Summary), as a partner's page shows
// them beside its map, so that a picture of one partner, a link's preview
// above all, says what it shows. The focus is framed in the middle
// (carto.Viewport.Focus), which leaves the corner free. A picture without
// a focus, or too small to hold the card, gets none.
func (b *sceneBuilder) card() []Item {
	j, err := b.d.Jurisdiction(b.p.Focus)
	if err != nil || b.p.Focus == "" {
		return nil
	}
	u, lang, pal := b.u, b.p.Lang, b.pal
	pad, nameSize, size := 12*u, 20*u, 14*u
	name := j.Name.In(lang)
	maxW := 0.3 * float64(b.sc.Width)
	summary := carto.Summary(b.d, j.ID, lang)
	if r, n := utf8.DecodeRuneInString(summary); n > 0 {
		summary = string(unicode.ToUpper(r)) + summary[n:] // a line of its own
	}
	lines := wrap(summary, size, maxW, b.measure)
	width := b.measure(true, name, nameSize)
	for _, l := range lines {
		width = max(width, b.measure(false, l, size))
	}
	width += 2 * pad
	height := 2*pad + nameSize*1.2 + float64(len(lines))*size*1.35
	x0, y0 := 12*u, 12*u
	if width > 0.45*float64(b.sc.Width) || height > 0.3*float64(b.sc.Height) {
		return nil
	}
	items := []Item{&Rect{X: x0, Y: y0, W: width, H: height, R: 6 * u,
		Paint: Paint{Fill: pal.PanelBg.NRGBA(), Stroke: pal.Line.NRGBA(), StrokeWidth: u, Opacity: 0.94}}}
	y := y0 + pad + nameSize
	items = append(items, &Text{X: x0 + pad, Y: y - 0.15*nameSize, S: name, Size: nameSize, Bold: true, Anchor: "start", Paint: Paint{Fill: pal.LabelFg.NRGBA()}})
	for _, l := range lines {
		y += size * 1.35
		items = append(items, &Text{X: x0 + pad, Y: y - 0.1*size, S: l, Size: size, Anchor: "start", Paint: Paint{Fill: pal.LabelFg.NRGBA()}})
	}
	b.obstacles = append(b.obstacles, PixelBox{x0, y0, x0 + width, y0 + height})
	return items
}
