package carto

import (
	"fmt"
	"strconv"
	"strings"
)

// The Government of Québec's design system (Système de design
// gouvernemental, the npm package qc-trousse-sdg, ISC licence, pinned in
// package.json): the part of its design tokens the interface takes, under
// the kit's own custom-property names, so that a rule of qcmap.css reads
// var(--qc-color-blue-piv) or var(--qc-spacer-sm) as the kit's do. The
// values are copied from the kit's compiled tokens
// (dist/css/qc-sdg-design-tokens.min.css), and a test fails when the
// installed kit says otherwise.
//
// The kit sets the root font size to 62.5%, so that its 1rem is 10px;
// qcmap keeps the browser's 16px, and the sizes here are the kit's in px.
// The kit's smaller headings below 1200px are not taken: qcmap's only large
// heading is the list's title.

// KitColors are the kit's colours that the interface uses, light and dark
// as the kit's light theme and its qc-dark-theme set them; Name is the
// custom property's, without "--".
var KitColors = []Token{
	{Name: "qc-color-white", Light: 0xffffff, Dark: 0x121519},
	{Name: "qc-color-blue-pale", Light: 0xdae6f0, Dark: 0x162b47},
	{Name: "qc-color-blue-piv", Light: 0x095797, Dark: 0x72b2eb},
	{Name: "qc-color-blue-medium", Light: 0x19406c, Dark: 0xadcdeb},
	{Name: "qc-color-blue-dark", Light: 0x223654, Dark: 0xc6dbee},
	{Name: "qc-color-grey-light", Light: 0xc5cad2, Dark: 0x3b424c},
	{Name: "qc-color-grey-dark", Light: 0x4e5662, Dark: 0xa7acbc},
	{Name: "qc-color-text-primary", Light: 0x223654, Dark: 0xd7d8dd},
	{Name: "qc-color-link-focus-outline", Light: 0x4a98d9, Dark: 0x0078cc},
}

// KitColor returns the kit's colour named name (without "--qc-color-"),
// and panics when the table has none: a programmer's mistake.
func KitColor(name string) Token {
	for _, t := range KitColors {
		if t.Name == "qc-color-"+name {
			return t
		}
	}
	panic("carto: no kit colour " + name)
}

// PIV is the colours of the kit's header bar (qc-piv-header), its text and
// its links' focus ring: the same in both themes ("le PIV a toujours ce
// fond"), the kit's light ones.
var PIV = struct{ Bg, Fg, Focus Color }{KitColor("blue-piv").Light, KitColor("white").Light, KitColor("blue-pale").Light}

// A KitValue is one of the kit's design tokens that is no colour: a font
// family, a size of its type scale, a weight, a line height, a spacer.
type KitValue struct {
	Name  string // the custom property's, without "--"
	Value string // as CSS writes it, sizes in px
}

// KitValues are the type scale, the weights and the spacing the interface
// uses.
var KitValues = []KitValue{
	{"qc-font-family-content", `"Open Sans", sans-serif`},
	{"qc-font-family-header", `Roboto, sans-serif`},
	{"qc-font-size-h3", "28px"},
	{"qc-font-size-h4", "21px"},
	{"qc-font-size-sm", "14px"},
	{"qc-font-size-md", "16px"},
	{"qc-font-size-lg", "18px"},
	{"qc-font-size-xl", "22px"},
	{"qc-font-weight-regular", "400"},
	{"qc-font-weight-bold", "700"},
	{"qc-spacer-xs", "8px"},
	{"qc-spacer-sm", "16px"},
	{"qc-spacer-lg", "48px"},
}

// A Font is one face of the interface's fonts, self-hosted: a woff2 file
// of Latin glyphs (French's included: é, è, à, ç, œ, « ») taken as it is
// from an npm font package (pinned in package.json) into
// assets/web/fonts/.
type Font struct {
	Family  string
	Weight  int
	File    string // under assets/web/fonts/ and the package's files/
	Package string // the npm package it comes from
	// Preload is a face the first view draws (the header), which the page
	// asks for in its head rather than once the stylesheet is applied.
	Preload bool
}

// Fonts are the faces the interface uses: Open Sans for text, Roboto
// for headings, as the kit does. Any other weight is the nearest of
// these; the map's own labels keep the images' font stack.
var Fonts = []Font{
	{Family: "Open Sans", Weight: 400, File: "open-sans-latin-400-normal.woff2", Package: "@fontsource/open-sans", Preload: true},
	{Family: "Open Sans", Weight: 700, File: "open-sans-latin-700-normal.woff2", Package: "@fontsource/open-sans"},
	{Family: "Roboto", Weight: 700, File: "roboto-latin-700-normal.woff2", Package: "@fontsource/roboto", Preload: true},
}

// Shorthand is f as a CSS font shorthand at 1em, `700 1em "Open Sans"`,
// for document.fonts.load.
func (f Font) Shorthand() string {
	return strconv.Itoa(f.Weight) + ` 1em "` + f.Family + `"`
}

// FontPath returns the path of f under /web/.
func (f Font) FontPath() string { return "/web/fonts/" + f.File }

// latinRange is the Latin subset's unicode-range, as the font packages'
// CSS declares it.
const latinRange = "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD"

// The markers of the fonts' generated block in assets/web/qcmap.css.
const (
	FontCSSBegin = "/* fonts:begin: generated from qcmap/geo/carto's Fonts by go generate; do not edit */"
	FontCSSEnd   = "/* fonts:end */"
)

// FontCSS returns the @font-face rules of Fonts, each file named by url
// (the server's content-hashed URL of its FontPath, so that the preload
// link and the service worker name the same URL), with font-display: swap:
// the text shows at once in a fallback and takes the font when it arrives.
func FontCSS(url func(path string) string) string {
	var b strings.Builder
	b.WriteString(FontCSSBegin + "\n")
	for _, f := range Fonts {
		fmt.Fprintf(&b, "@font-face { font-family: %q; font-style: normal; font-weight: %d; font-display: swap; src: url(%s) format(\"woff2\"); unicode-range: %s; }\n",
			f.Family, f.Weight, url(f.FontPath()), latinRange)
	}
	b.WriteString(FontCSSEnd + "\n")
	return b.String()
}

// SpliceFontCSS returns the stylesheet css with its fonts' block replaced
// by FontCSS(url); ok is false when css has no block.
func SpliceFontCSS(css string, url func(path string) string) (string, bool) {
	i := strings.Index(css, FontCSSBegin)
	j := strings.Index(css, FontCSSEnd)
	if i < 0 || j < i {
		return css, false
	}
	return css[:i] + FontCSS(url) + css[j+len(FontCSSEnd)+1:], true
}

// kitCSS writes the kit's tokens as custom properties, the colours each
// light-dark(light, dark) like the palette's.
func kitCSS(b *strings.Builder) {
	for _, t := range KitColors {
		fmt.Fprintf(b, "  --%s: light-dark(%s, %s);\n", t.Name, t.Light.Hex(), t.Dark.Hex())
	}
	for _, v := range KitValues {
		fmt.Fprintf(b, "  --%s: %s;\n", v.Name, v.Value)
	}
}
