package geo

import (
	"bufio"
	"html"
	"io"
	"math"
	"strconv"
)

// SVGOptions says what WriteSVG draws and how.
type SVGOptions struct {
	// View is the part of the map to draw, in map units; the zero Box
	// draws WorldBox.
	View Box
	// Width and Height are the document's size in pixels. With both zero
	// the width is 1000; a zero one follows the view's aspect ratio.
	Width, Height int
	// Class, if not nil, returns more class names for a shape, or "".
	Class func(layer, id string) string
	// Fill, if not nil, returns a fill colour for a shape, or "" for the
	// stylesheet's. It is written as an inline style, which wins over the
	// stylesheet.
	Fill func(layer, id string) string
}

// svgStyle is the built-in stylesheet: grey countries, white borders that
// keep their width whatever the zoom, partners in blue.
const svgStyle = `<style>` +
	`.countries path,.admin1 path,.partners path{stroke:#fff;stroke-width:.6px;stroke-linejoin:round;vector-effect:non-scaling-stroke}` +
	`.countries path{fill:#d9d9d9}` +
	`.admin1 path{fill:#cfcfcf;stroke-width:.4px}` +
	`.partners path{fill:#1f5fa8;stroke-width:.8px}` +
	`.partners path[data-id=CA-QC]{fill:#0b3d91}` +
	`</style>`

// WriteSVG writes lv as a standalone SVG document to w: one <g> per layer,
// classed with the layer's name and scaled from the level's grid to map
// units, and in it one <path data-id="…" d="…"/> per shape whose box meets
// opts.View, in the order of lv. The output depends only on its inputs. lv
// is not changed.
func WriteSVG(w io.Writer, lv *Level, opts SVGOptions) error {
	view := opts.View
	if view == (Box{}) {
		view = WorldBox
	}
	vw, vh := view[2]-view[0], view[3]-view[1]
	width, height := opts.Width, opts.Height
	switch {
	case width == 0 && height == 0:
		width = 1000
		fallthrough
	case height == 0:
		height = int(math.Round(float64(width) * vh / vw))
	case width == 0:
		width = int(math.Round(float64(height) * vw / vh))
	}

	bw := bufio.NewWriter(w)
	bw.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="`)
	bw.WriteString(num(view[0]) + " " + num(view[1]) + " " + num(vw) + " " + num(vh))
	bw.WriteString(`" width="` + strconv.Itoa(width) + `" height="` + strconv.Itoa(height) + `">` + "\n")
	bw.WriteString(svgStyle + "\n")
	bw.WriteString(`<rect x="` + num(view[0]) + `" y="` + num(view[1]) + `" width="` + num(vw) + `" height="` + num(vh) + `" fill="#eef3f8"/>` + "\n")
	scale := strconv.FormatFloat(1/float64(lv.Factor), 'g', -1, 64)
	for _, layer := range Layers {
		bw.WriteString(`<g class="` + layer + `" transform="scale(` + scale + `)">` + "\n")
		for _, s := range lv.Layer(layer) {
			if !s.Box.Intersects(view) {
				continue
			}
			bw.WriteString(`<path data-id="` + html.EscapeString(s.ID) + `"`)
			if opts.Class != nil {
				if c := opts.Class(layer, s.ID); c != "" {
					bw.WriteString(` class="` + html.EscapeString(c) + `"`)
				}
			}
			if opts.Fill != nil {
				if f := opts.Fill(layer, s.ID); f != "" {
					bw.WriteString(` style="fill:` + html.EscapeString(f) + `"`)
				}
			}
			bw.WriteString(` d="` + s.D + `"/>` + "\n")
		}
		bw.WriteString("</g>\n")
	}
	bw.WriteString("</svg>\n")
	return bw.Flush()
}

// num formats v, in map units, to 0.1.
func num(v float64) string {
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}
