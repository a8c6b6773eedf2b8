package carto

import (
	"image/color"
	"strconv"
)

// Color is an opaque colour, 0xRRGGBB.
type Color uint32

// Hex returns c as CSS writes it, "#rrggbb".
func (c Color) Hex() string {
	s := strconv.FormatUint(uint64(c)|1<<24, 16)
	return "#" + s[1:]
}

// NRGBA returns c as an opaque color.NRGBA.
func (c Color) NRGBA() color.NRGBA {
	return color.NRGBA{uint8(c >> 16), uint8(c >> 8), uint8(c), 0xff}
}

// Palette is the colours of one theme: the interface's and the map's. The
// page takes them as CSS custom properties (the name in each field's
// comment), the images as they are. Partner fills are 5.0:1 to 6.7:1
// against the land and 4.5:1 or more against the sea, after Okabe and Ito.
type Palette struct {
	Bg, Fg, Muted  Color // --bg, --fg, --muted: page background, text, secondary text
	Accent         Color // --accent: links (the header is the design system's PIV)
	Line           Color // --line: rules and borders of the interface
	ChipBg, ChipFg Color // --chip-bg, --chip-fg: sector chips
	Focus          Color // --focus: the outer ring of the focus outline
	Sea, Land      Color // --sea, --land
	LandLine       Color // --land-line: country borders
	AdminLine      Color // --admin-line: state and province borders
	PartnerLine    Color // --partner-line: the outline between partners
	NorthAmerica   Color // --na: partners in North America
	WesternEurope  Color // --we
	LatinAmerica   Color // --la
	Asia           Color // --as
	Home, HomeLine Color // --home, --home-line: Québec
	Office         Color // --office: Québec's offices' pins
	Select         Color // --select: the selected partner's outline
	LabelFg        Color // --label-fg: map labels
	LabelHalo      Color // --label-halo: the halo behind map labels
	PanelBg        Color // --panel-bg: the partner's panel and the legend
	MarkerRing     Color // --marker-ring: a marker's ring and a pin's hole
	MarkerInk      Color // --marker-ink: a marker's outline
}

// Light and Dark are the two themes, set from tokens.
var Light, Dark Palette

// A Token is one colour of the palette in both themes, with its CSS custom
// property's name (without "--").
type Token struct {
	Name        string
	Light, Dark Color
	// Kit is the design system's colour the token is (its custom
	// property's name, which the stylesheet refers to), or "".
	Kit string
}

// Tokens are the palette's colours in the order the stylesheet lists them.
var Tokens []Token

func init() {
	// The interface's colours are the design system's (sdg.go), so that
	// the page looks like the Government of Québec's; the map's own keep
	// their contrast figures and the Okabe–Ito hues, whichever theme.
	for _, t := range []struct {
		name        string
		light, dark *Color
		l, d        Color
		kit         string // or the kit's colour of that name
	}{
		{name: "bg", light: &Light.Bg, dark: &Dark.Bg, kit: "white"},
		{name: "fg", light: &Light.Fg, dark: &Dark.Fg, kit: "text-primary"},
		{name: "muted", light: &Light.Muted, dark: &Dark.Muted, kit: "grey-dark"},
		{name: "accent", light: &Light.Accent, dark: &Dark.Accent, kit: "blue-piv"},
		{name: "line", light: &Light.Line, dark: &Dark.Line, kit: "grey-light"},
		{name: "chip-bg", light: &Light.ChipBg, dark: &Dark.ChipBg, kit: "blue-pale"},
		{name: "chip-fg", light: &Light.ChipFg, dark: &Dark.ChipFg, kit: "blue-medium"},
		{name: "focus", light: &Light.Focus, dark: &Dark.Focus, kit: "link-focus-outline"},
		{"sea", &Light.Sea, &Dark.Sea, 0xdde9f2, 0x0e1a26, ""},
		{"land", &Light.Land, &Dark.Land, 0xf5f2ea, 0x2a2f36, ""},
		{"land-line", &Light.LandLine, &Dark.LandLine, 0xb8b0a0, 0x59616b, ""},
		{"admin-line", &Light.AdminLine, &Dark.AdminLine, 0xcfc7b8, 0x444b54, ""},
		{"partner-line", &Light.PartnerLine, &Dark.PartnerLine, 0xffffff, 0x0e1a26, ""},
		{"na", &Light.NorthAmerica, &Dark.NorthAmerica, 0x0a5d9e, 0x5aa9f0, ""},
		{"we", &Light.WesternEurope, &Dark.WesternEurope, 0xa34b00, 0xf08a3c, ""},
		{"la", &Light.LatinAmerica, &Dark.LatinAmerica, 0x00775a, 0x3cc79c, ""},
		{"as", &Light.Asia, &Dark.Asia, 0x86337f, 0xd48ad0, ""},
		{"home", &Light.Home, &Dark.Home, 0xffc533, 0xffd466, ""},
		{"home-line", &Light.HomeLine, &Dark.HomeLine, 0x3d2e00, 0xffe9a8, ""},
		{"office", &Light.Office, &Dark.Office, 0xb3002d, 0xff6b8b, ""},
		{"select", &Light.Select, &Dark.Select, 0xffb000, 0xffb000, ""},
		{"label-fg", &Light.LabelFg, &Dark.LabelFg, 0x1b1b1b, 0xf2f4f7, ""},
		{"label-halo", &Light.LabelHalo, &Dark.LabelHalo, 0xffffff, 0x111418, ""},
		{"panel-bg", &Light.PanelBg, &Dark.PanelBg, 0xffffff, 0x181c21, ""},
		{"marker-ring", &Light.MarkerRing, &Dark.MarkerRing, 0xffffff, 0xffffff, ""},
		{"marker-ink", &Light.MarkerInk, &Dark.MarkerInk, 0x1b1b1b, 0x1b1b1b, ""},
	} {
		tk := Token{Name: t.name, Light: t.l, Dark: t.d}
		if t.kit != "" {
			k := KitColor(t.kit)
			tk = Token{Name: t.name, Light: k.Light, Dark: k.Dark, Kit: k.Name}
		}
		*t.light, *t.dark = tk.Light, tk.Dark
		Tokens = append(Tokens, tk)
	}
}

// PaletteFor returns the palette of theme "light" or "dark"; any other is
// light.
func PaletteFor(theme string) Palette {
	if theme == "dark" {
		return Dark
	}
	return Light
}

// Area returns the colour of a world area's partners; an unknown area is
// Muted.
func (p Palette) Area(id string) Color {
	switch id {
	case "north-america":
		return p.NorthAmerica
	case "western-europe":
		return p.WesternEurope
	case "latin-america":
		return p.LatinAmerica
	case "asia":
		return p.Asia
	}
	return p.Muted
}
