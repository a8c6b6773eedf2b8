package carto

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// The markers of the generated block in assets/web/qcmap.css.
const (
	CSSBegin = "/* carto:begin: generated from qcmap/geo/carto by go generate; do not edit */"
	CSSEnd   = "/* carto:end */"
)

// PrerenderWidth is a range of screen widths, in CSS pixels, on which the
// prerendered map (drawn for the laptop frame the server assumes) is shown
// Scale times smaller than the client would draw it: until the wasm sets
// the markers' scale for the screen at hand, the stylesheet scales them up
// by Scale and shows the labels of the steps that scale reaches.
type PrerenderWidth struct {
	MinW, MaxW int // 0 for no bound
	Scale      float64
}

// PrerenderWidths are the phone widths that need it.
var PrerenderWidths = []PrerenderWidth{{MinW: 561, MaxW: 700, Scale: 2}, {MaxW: 560, Scale: 3}}

// StepShift is how many label steps fewer a drawing Scale times smaller
// than the layout shows: enough that no two labels overlap.
func (p PrerenderWidth) StepShift() int { return int(math.Ceil(math.Log2(p.Scale))) }

// CSS returns the stylesheet rules that follow from this package's values:
// the palette as custom properties, each light-dark(light, dark) so that
// the system's theme and the forced theme-light and theme-dark classes
// pick one, the design system's tokens (sdg.go), the dim levels, the label steps'
// zN/mzN rules, the offices' names, the markers' prerendered scales and the
// phones' shifts.
func CSS() string {
	var b strings.Builder
	b.WriteString(CSSBegin + "\n")
	// One declaration a colour: light-dark() picks the value by the
	// element's color-scheme, which follows the system and which the
	// theme-light and theme-dark classes force.
	b.WriteString(":root {\n  color-scheme: light dark;\n")
	kitCSS(&b)
	for _, t := range Tokens {
		if t.Kit != "" {
			fmt.Fprintf(&b, "  --%s: var(--%s);\n", t.Name, t.Kit)
			continue
		}
		fmt.Fprintf(&b, "  --%s: light-dark(%s, %s);\n", t.Name, t.Light.Hex(), t.Dark.Hex())
	}
	fmt.Fprintf(&b, "  --qc-piv-bg: %s;\n  --qc-piv-fg: %s;\n  --qc-piv-focus: %s;\n", PIV.Bg.Hex(), PIV.Fg.Hex(), PIV.Focus.Hex())
	b.WriteString("}\n.theme-light { color-scheme: light; }\n.theme-dark { color-scheme: dark; }\n")
	fmt.Fprintf(&b, ".map .partners a.dim { opacity: %s; }\n", num(DimShape))
	fmt.Fprintf(&b, ".map .marker.dim { opacity: %s; }\n", num(DimMarker))
	fmt.Fprintf(&b, ".map .label.dim { opacity: %s; }\n", num(DimLabel))
	fmt.Fprintf(&b, ".map .arc.dim { opacity: %s; }\n", num(DimArc))
	// One rule a block, each a selector list on one line: zN shows the
	// labels of mz0 to mzN.
	var steps []string
	for z := range LabelSteps {
		steps = append(steps, fmt.Sprintf(".map:where(.z%d) .label:where(%s)", z, mz(z)))
	}
	fmt.Fprintf(&b, "%s { display: inline; }\n", strings.Join(steps, ", "))
	var office []string
	for z := OfficeNamesStep; z < len(LabelSteps); z++ {
		office = append(office, fmt.Sprintf(".map.z%d .office-label", z))
	}
	fmt.Fprintf(&b, "%s { display: inline; }\n", strings.Join(office, ", "))
	fmt.Fprintf(&b, ".map { --u: %s; }\n", num(MarkerScale))
	for n := range MarkerScaleClasses {
		fmt.Fprintf(&b, ".map.u%d { --u: %s; }\n", n, strconv.FormatFloat(MarkerScale/float64(int(1)<<n), 'f', 5, 64))
	}
	for _, p := range PrerenderWidths {
		var q []string
		if p.MinW > 0 {
			q = append(q, fmt.Sprintf("(min-width: %dpx)", p.MinW))
		}
		if p.MaxW > 0 {
			q = append(q, fmt.Sprintf("(max-width: %dpx)", p.MaxW))
		}
		fmt.Fprintf(&b, "@media %s {\n", strings.Join(q, " and "))
		fmt.Fprintf(&b, "  html:not([data-wasm=\"ready\"]) .map .s { transform: scale(calc(var(--u, 1) * %s)); }\n", num(p.Scale))
		b.WriteString("  html:not([data-wasm=\"ready\"]) .map .label { display: none; }\n")
		var shifted []string
		for z := p.StepShift(); z < len(LabelSteps); z++ {
			shifted = append(shifted, fmt.Sprintf("html:not([data-wasm=\"ready\"]) .map.z%d .label:is(%s)", z, mz(z-p.StepShift())))
		}
		fmt.Fprintf(&b, "  %s { display: inline; }\n", strings.Join(shifted, ", "))
		b.WriteString("}\n")
	}
	firstViewCSS(&b)
	b.WriteString(CSSEnd + "\n")
	return b.String()
}

// firstViewCSS writes the rules of the first view: the map's classes "fv
// fv-<class>" show that size class's targets and leader lines in place of
// the markers and labels; before the wasm sets them, the window's size
// picks the class as ClassFor does, less the page's top bar.
func firstViewCSS(b *strings.Builder) {
	const pre = `html:not([data-wasm="ready"]) .map.fv`
	show := func(prefix string, c SizeClass) string {
		return fmt.Sprintf("%s .t-%s, %s .fv-layer[data-class=%q]", prefix, c.Name, prefix, c.Name)
	}
	b.WriteString(".map .tag, .map .fv-layer { display: none; }\n")
	b.WriteString(".map.fv .marker > .s, .map.fv .office > .s, .map.fv .labels, .map.fv .office-label { display: none; }\n")
	for _, c := range SizeClasses {
		fmt.Fprintf(b, "%s { display: inline; }\n", show(".map.fv-"+c.Name, c))
	}
	for i, c := range SizeClasses {
		if i == 0 {
			fmt.Fprintf(b, "%s { display: inline; }\n", show(pre, c))
			continue
		}
		fmt.Fprintf(b, "@media (min-width: %spx) and (min-height: %spx) {\n", num(c.W), num(c.H+c.Header))
		// [data-class], as the show rules have it: a hide of lower
		// specificity left the smaller classes' layers shown beside this
		// one, their leaders and places drawn at another scale.
		fmt.Fprintf(b, "  %s .tag, %s .fv-layer[data-class] { display: none; }\n", pre, pre)
		fmt.Fprintf(b, "  %s { display: inline; }\n}\n", show(pre, c))
	}
}

// mz lists the classes .mz0 to .mzN.
func mz(n int) string {
	s := make([]string, n+1)
	for i := range s {
		s[i] = ".mz" + strconv.Itoa(i)
	}
	return strings.Join(s, ", ")
}

func num(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	return strings.TrimPrefix(s, "0")
}

// SpliceCSS returns the stylesheet css with its generated block replaced
// by CSS(); ok is false when css has no block.
func SpliceCSS(css string) (string, bool) {
	i := strings.Index(css, CSSBegin)
	j := strings.Index(css, CSSEnd)
	if i < 0 || j < i {
		return css, false
	}
	return css[:i] + CSS() + css[j+len(CSSEnd)+1:], true
}
