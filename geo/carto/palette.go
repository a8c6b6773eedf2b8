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
	Bg, Fg, Muted    Color // --bg, --fg, --muted: page background, text, secondary text
	Accent, AccentFg Color // --accent, --accent-fg: the header and links
	Line             Color // --line: rules and borders of the interface
	ChipBg, ChipFg   Color // --chip-bg, --chip-fg: sector chips
	Focus            Color // --focus: the outer ring of the focus outline
	Sea, Land        Color // --sea, --land
	LandLine         Color // --land-line: country borders
	AdminLine        Color // --admin-line: state and province borders
	PartnerLine      Color // --partner-line: the outline between partners
	NorthAmerica     Color // --na: partners in North America
	WesternEurope    Color // --we
	LatinAmerica     Color // --la
	Asia             Color // --as
	Home, HomeLine   Color // --home, --home-line: Québec
	Office           Color // --office: Québec's offices' pins
	Select           Color // --select: the selected partner's outline
	LabelFg          Color // --label-fg: map labels
	LabelHalo        Color // --label-halo: the halo behind map labels
	PanelBg          Color // --panel-bg: the partner's panel and the legend
	MarkerRing       Color // --marker-ring: a marker's ring and a pin's hole
	MarkerInk        Color // --marker-ink: a marker's outline
}

// Light and Dark are the two themes.
var (
	Light = Palette{
		Bg: 0xffffff, Fg: 0x1b1b1b, Muted: 0x4d5561, Accent: 0x095797, AccentFg: 0xffffff,
		Line: 0xd0d7de, ChipBg: 0xe8f1f8, ChipFg: 0x0b3b63, Focus: 0xffb000,
		Sea: 0xdde9f2, Land: 0xf5f2ea, LandLine: 0xb8b0a0, AdminLine: 0xcfc7b8, PartnerLine: 0xffffff,
		NorthAmerica: 0x0a5d9e, WesternEurope: 0xa34b00, LatinAmerica: 0x00775a, Asia: 0x86337f,
		Home: 0xffc533, HomeLine: 0x3d2e00, Office: 0xb3002d, Select: 0xffb000,
		LabelFg: 0x1b1b1b, LabelHalo: 0xffffff, PanelBg: 0xffffff,
		MarkerRing: 0xffffff, MarkerInk: 0x1b1b1b,
	}
	Dark = Palette{
		Bg: 0x121417, Fg: 0xeef1f4, Muted: 0xb7bec7, Accent: 0x7cc0ff, AccentFg: 0x0b1520,
		Line: 0x39414b, ChipBg: 0x1f3347, ChipFg: 0xd5e9fb, Focus: 0xffb000,
		Sea: 0x0e1a26, Land: 0x2a2f36, LandLine: 0x59616b, AdminLine: 0x444b54, PartnerLine: 0x0e1a26,
		NorthAmerica: 0x5aa9f0, WesternEurope: 0xf08a3c, LatinAmerica: 0x3cc79c, Asia: 0xd48ad0,
		Home: 0xffd466, HomeLine: 0xffe9a8, Office: 0xff6b8b, Select: 0xffb000,
		LabelFg: 0xf2f4f7, LabelHalo: 0x111418, PanelBg: 0x181c21,
		MarkerRing: 0xffffff, MarkerInk: 0x1b1b1b,
	}
)

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

// Vars returns the palette as CSS custom properties, name (without "--")
// and value, in a fixed order.
func (p Palette) Vars() [][2]string {
	v := []struct {
		name string
		c    Color
	}{
		{"bg", p.Bg}, {"fg", p.Fg}, {"muted", p.Muted}, {"accent", p.Accent}, {"accent-fg", p.AccentFg},
		{"line", p.Line}, {"chip-bg", p.ChipBg}, {"chip-fg", p.ChipFg}, {"focus", p.Focus},
		{"sea", p.Sea}, {"land", p.Land}, {"land-line", p.LandLine}, {"admin-line", p.AdminLine},
		{"partner-line", p.PartnerLine},
		{"na", p.NorthAmerica}, {"we", p.WesternEurope}, {"la", p.LatinAmerica}, {"as", p.Asia},
		{"home", p.Home}, {"home-line", p.HomeLine}, {"office", p.Office}, {"select", p.Select},
		{"label-fg", p.LabelFg}, {"label-halo", p.LabelHalo}, {"panel-bg", p.PanelBg},
		{"marker-ring", p.MarkerRing}, {"marker-ink", p.MarkerInk},
	}
	out := make([][2]string, len(v))
	for i, x := range v {
		out[i] = [2]string{x.name, x.c.Hex()}
	}
	return out
}
