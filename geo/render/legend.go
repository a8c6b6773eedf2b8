package render

import (
	"strconv"
	"strings"

	"qcmap/geo/carto"
)

// legend returns the legend box at the bottom left, above the source line:
// the world areas' colours, Québec, France and the offices, in the
// picture's language, with the filters in force. A picture too small to
// hold it gets none.
func (b *sceneBuilder) legend(source []Item) []Item {
	u, lang, pal := b.u, b.p.Lang, b.pal
	pad, row, gap := 10*u, 20*u, 8*u
	sw, sh := 16*u, 12*u
	title := carto.Text(lang, "legend")
	var notes []string
	if b.p.Sector != "" {
		if t, err := b.d.Sector(b.p.Sector); err == nil {
			notes = append(notes, carto.Text(lang, "sector")+t.Name.In(lang))
		}
	}
	if b.p.Year != 0 {
		notes = append(notes, carto.Text(lang, "year")+strconv.Itoa(b.p.Year))
	}
	type entry struct {
		text   string
		swatch func(x, y float64) Item
	}
	var entries []entry
	for _, le := range carto.Legend(b.d) {
		c := pal.Area(le.Area).NRGBA()
		var swatch func(x, y float64) Item
		switch le.Kind {
		case carto.LegendArea:
			swatch = func(x, y float64) Item {
				return &Rect{X: x, Y: y, W: sw, H: sh, R: 2 * u, Paint: Paint{Fill: c}}
			}
		case carto.LegendHome:
			swatch = func(x, y float64) Item {
				return &Rect{X: x + u, Y: y + u, W: sw - 2*u, H: sh - 2*u, Paint: Paint{Fill: pal.Home.NRGBA(), Stroke: pal.HomeLine.NRGBA(), StrokeWidth: 2 * u}}
			}
		case carto.LegendCountry:
			swatch = func(x, y float64) Item {
				return &Rect{X: x, Y: y, W: sw, H: sh, R: 2 * u, Paint: Paint{Fill: pal.Land.NRGBA(), Hatch: c, Stroke: c, StrokeWidth: 0.8 * u}}
			}
		case carto.LegendOffice:
			swatch = func(x, y float64) Item {
				return &Polygon{Points: pin(x+sw/2, y+sh+2*u, 0.8*u), Paint: Paint{Fill: pal.Office.NRGBA(), Stroke: pal.MarkerRing.NRGBA(), StrokeWidth: u}}
			}
		}
		entries = append(entries, entry{le.Text.In(lang), swatch})
	}

	text, noteSize, titleSize := 13*u, 12*u, 14*u
	width := b.measure(true, title, titleSize)
	for _, n := range notes {
		width = max(width, b.measure(false, n, noteSize))
	}
	for _, e := range entries {
		width = max(width, sw+gap+b.measure(false, e.text, text))
	}
	width += 2 * pad
	height := 2*pad + titleSize*1.4 + float64(len(notes))*noteSize*1.4 + float64(len(entries))*row
	bottom := float64(b.sc.Height) - 12*u
	if len(source) > 0 {
		bottom = source[0].(*Rect).Y - 6*u
	}
	x0, y0 := 12*u, bottom-height
	if width > 0.5*float64(b.sc.Width) || y0 < 0.3*float64(b.sc.Height) {
		return nil
	}
	items := []Item{&Rect{X: x0, Y: y0, W: width, H: height, R: 6 * u,
		Paint: Paint{Fill: pal.PanelBg.NRGBA(), Stroke: pal.Line.NRGBA(), StrokeWidth: u, Opacity: 0.94}}}
	y := y0 + pad + titleSize
	items = append(items, &Text{X: x0 + pad, Y: y, S: title, Size: titleSize, Bold: true, Anchor: "start", Paint: Paint{Fill: pal.LabelFg.NRGBA()}})
	y += titleSize * 0.4
	for _, n := range notes {
		y += noteSize * 1.4
		items = append(items, &Text{X: x0 + pad, Y: y - 0.2*noteSize, S: n, Size: noteSize, Anchor: "start", Paint: Paint{Fill: pal.Muted.NRGBA()}})
	}
	y += 0.3 * row
	for _, e := range entries {
		items = append(items, e.swatch(x0+pad, y+(row-sh)/2),
			&Text{X: x0 + pad + sw + gap, Y: y + row/2 + 0.35*text, S: e.text, Size: text, Anchor: "start", Paint: Paint{Fill: pal.LabelFg.NRGBA()}})
		y += row
	}
	b.obstacles = append(b.obstacles, PixelBox{x0, y0, x0 + width, y0 + height})
	return items
}

// source returns the source line at the bottom right, always drawn: the
// page the data comes from, its date, and Natural Earth for the boundaries.
// It wraps where the picture is too narrow for one line.
func (b *sceneBuilder) source() []Item {
	u, s := b.u, carto.SourceLine(b.d, b.p.Lang)
	size := 11 * u
	pad := 4 * u
	maxW := float64(b.sc.Width) - 2*pad - 4
	lines := wrap(s, size, maxW, b.measure)
	width := 0.0
	for _, l := range lines {
		width = max(width, b.measure(false, l, size))
	}
	lh := size * 1.3
	h := float64(len(lines))*lh + 2*pad
	W, H := float64(b.sc.Width), float64(b.sc.Height)
	bg := &Rect{X: W - width - 2*pad, Y: H - h, W: width + 2*pad, H: h, Paint: Paint{Fill: b.pal.PanelBg.NRGBA(), Opacity: 0.85}}
	items := []Item{bg}
	for i, l := range lines {
		items = append(items, &Text{X: W - pad, Y: H - h + pad + float64(i)*lh + size, S: l, Size: size,
			Anchor: "end", Paint: Paint{Fill: b.pal.LabelFg.NRGBA()}})
	}
	b.obstacles = append(b.obstacles, PixelBox{bg.X, bg.Y, W, H})
	return items
}

// wrap breaks s into lines no wider than maxW at size. It breaks between
// phrases (after a comma, before a "·") where it can, else between words,
// and never parts a guillemet or a colon from its word.
func wrap(s string, size, maxW float64, measure Measure) []string {
	var words []string
	for _, w := range strings.Fields(s) {
		if n := len(words); n > 0 && (w == "»" || w == ":" || words[n-1] == "«") {
			words[n-1] += " " + w
			continue
		}
		words = append(words, w)
	}
	var phrases [][]string
	for i, w := range words {
		if i == 0 || w == "·" || strings.HasSuffix(words[i-1], ",") {
			phrases = append(phrases, nil)
		}
		phrases[len(phrases)-1] = append(phrases[len(phrases)-1], w)
	}
	fits := func(line string) bool { return measure(false, line, size) <= maxW }
	var lines []string
	line := ""
	add := func(piece string) {
		switch {
		case line == "":
			line = piece
		case fits(line + " " + piece):
			line += " " + piece
		default:
			lines = append(lines, line)
			line = piece
		}
	}
	for _, ph := range phrases {
		if whole := strings.Join(ph, " "); fits(whole) {
			add(whole)
			continue
		}
		for _, w := range ph {
			add(w)
		}
	}
	return append(lines, line)
}
