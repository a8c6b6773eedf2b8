package carto

import (
	"fmt"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// kitTokensCSS is the design system's compiled tokens, as npm ci installs
// the version package.json pins.
const kitTokensCSS = "../../node_modules/qc-trousse-sdg/dist/css/qc-sdg-design-tokens.min.css"

// readKit returns the custom properties of the kit's light theme (its
// first :root block) and of its dark theme (.qc-dark-theme), var()
// references resolved, the dark theme falling back to the light one.
func readKit(t *testing.T) (light, dark map[string]string) {
	t.Helper()
	b, err := os.ReadFile(kitTokensCSS)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the design system's tokens are not installed (%v); `make test-deps` runs npm ci", err)
		}
		t.Skipf("the design system's tokens are not installed (%v); `make test-deps` runs npm ci", err)
	}
	css := string(b)
	block := func(selector string) map[string]string {
		i := strings.Index(css, selector+"{")
		if i < 0 {
			t.Fatalf("%s has no %s block", kitTokensCSS, selector)
		}
		body := css[i+len(selector)+1:]
		body = body[:strings.IndexByte(body, '}')]
		m := map[string]string{}
		for _, decl := range strings.Split(body, ";") {
			name, value, ok := strings.Cut(decl, ":")
			if ok && strings.HasPrefix(strings.TrimSpace(name), "--") {
				m[strings.TrimSpace(name)[2:]] = strings.TrimSpace(value)
			}
		}
		return m
	}
	light = block(":root")
	dark = block(".qc-dark-theme,:root.qc-dark-theme")
	for k, v := range light {
		if _, ok := dark[k]; !ok {
			dark[k] = v
		}
	}
	ref := regexp.MustCompile(`^var\(--([a-z0-9_-]+)\)$`)
	for _, m := range []map[string]string{light, dark} {
		for k := range m {
			for range 5 {
				r := ref.FindStringSubmatch(m[k])
				if r == nil {
					break
				}
				m[k] = m[r[1]]
			}
		}
	}
	return light, dark
}

// kitValue writes the kit's value as the table does: a colour in six
// digits, a size in px (the kit's rem is 10px), a family unquoted.
func kitValue(v string) string {
	if strings.HasPrefix(v, "#") && len(v) == 4 {
		return "#" + strings.Repeat(v[1:2], 2) + strings.Repeat(v[2:3], 2) + strings.Repeat(v[3:4], 2)
	}
	if rem, ok := strings.CutSuffix(v, "rem"); ok {
		if f, err := strconv.ParseFloat(rem, 64); err == nil {
			return strconv.FormatFloat(f*10, 'f', -1, 64) + "px"
		}
	}
	return strings.NewReplacer(`"`, "", ", ", ",").Replace(v)
}

// The tokens qcmap takes are the installed kit's: a new version that
// changes one fails here, and the table in sdg.go follows it.
func TestKitTokens(t *testing.T) {
	light, dark := readKit(t)
	for _, c := range KitColors {
		for _, th := range []struct {
			name string
			kit  map[string]string
			got  Color
		}{{"light", light, c.Light}, {"dark", dark, c.Dark}} {
			if want := kitValue(th.kit[c.Name]); c.Name == "" || th.got.Hex() != want {
				t.Errorf("KitColors %s (%s) = %s; the kit says %q", c.Name, th.name, th.got.Hex(), want)
			}
		}
	}
	for _, v := range KitValues {
		if got, want := kitValue(v.Value), kitValue(light[v.Name]); got != want {
			t.Errorf("KitValues %s = %q; the kit says %q (%q)", v.Name, v.Value, light[v.Name], want)
		}
	}
	for _, f := range Fonts {
		if !strings.Contains(light["qc-font-family-content"]+light["qc-font-family-header"], f.Family) {
			t.Errorf("font %q is neither of the kit's families", f.Family)
		}
	}
}

// Every token of the kit's that the table takes is used: by a rule of the
// stylesheet or as a palette colour.
func TestKitTokensUsed(t *testing.T) {
	b, err := os.ReadFile(stylesheet)
	if err != nil {
		t.Fatal(err)
	}
	css := string(b)
	used := map[string]bool{}
	for _, tk := range Tokens {
		used[tk.Kit] = true
	}
	names := []string{"qc-piv-bg", "qc-piv-fg", "qc-piv-focus"}
	for _, c := range KitColors {
		names = append(names, c.Name)
	}
	for _, v := range KitValues {
		names = append(names, v.Name)
	}
	for _, n := range names {
		if !used[n] && !strings.Contains(css, "var(--"+n+")") {
			t.Errorf("--%s is used nowhere in %s", n, stylesheet)
		}
	}
}

// luminance is WCAG 2's relative luminance of c.
func luminance(c Color) float64 {
	ch := func(v uint32) float64 {
		s := float64(v&0xff) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(uint32(c)>>16) + 0.7152*ch(uint32(c)>>8) + 0.0722*ch(uint32(c))
}

// contrast is WCAG 2's contrast ratio of a and b.
func contrast(a, b Color) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// The palettes' contrast figures, in both themes: text 4.5:1 on what it
// is written on (WCAG 1.4.3), the focus ring's two colours 3:1 against each
// other's background (1.4.11), and the partners' fills 3:1 against the
// land and the sea, whatever the design system's colours around them.
func TestContrast(t *testing.T) {
	ring := KitColor("blue-dark") // the focus ring's inner colour
	for _, p := range []struct {
		name string
		p    Palette
		ring Color
	}{{"Light", Light, ring.Light}, {"Dark", Dark, ring.Dark}} {
		pl := p.p
		for _, tc := range []struct {
			what   string
			fg, bg Color
			min    float64
		}{
			{"Fg on Bg", pl.Fg, pl.Bg, 4.5},
			{"Fg on PanelBg", pl.Fg, pl.PanelBg, 4.5},
			{"Muted on Bg", pl.Muted, pl.Bg, 4.5},
			{"Muted on PanelBg", pl.Muted, pl.PanelBg, 4.5},
			{"Accent on Bg", pl.Accent, pl.Bg, 4.5},
			{"Accent on PanelBg", pl.Accent, pl.PanelBg, 4.5},
			{"ChipFg on ChipBg", pl.ChipFg, pl.ChipBg, 4.5},
			{"Bg on ChipFg (a pressed chip)", pl.Bg, pl.ChipFg, 4.5},
			{"LabelFg on LabelHalo", pl.LabelFg, pl.LabelHalo, 4.5},
			{"LabelFg on Bg (a first-view target)", pl.LabelFg, pl.Bg, 4.5},
			{"PIV.Fg on PIV.Bg", PIV.Fg, PIV.Bg, 4.5},
			{"PIV.Focus on PIV.Bg", PIV.Focus, PIV.Bg, 3},
			{"Focus on Bg", pl.Focus, pl.Bg, 3},
			{"the focus ring's inner colour on Bg", p.ring, pl.Bg, 3},
			{"Focus on the ring's inner colour", pl.Focus, p.ring, 3},
			{"NorthAmerica on Land", pl.NorthAmerica, pl.Land, 3},
			{"WesternEurope on Land", pl.WesternEurope, pl.Land, 3},
			{"LatinAmerica on Land", pl.LatinAmerica, pl.Land, 3},
			{"Asia on Land", pl.Asia, pl.Land, 3},
			{"NorthAmerica on Sea", pl.NorthAmerica, pl.Sea, 3},
			{"WesternEurope on Sea", pl.WesternEurope, pl.Sea, 3},
			{"LatinAmerica on Sea", pl.LatinAmerica, pl.Sea, 3},
			{"Asia on Sea", pl.Asia, pl.Sea, 3},
			{"Office on Land", pl.Office, pl.Land, 3},
		} {
			if c := contrast(tc.fg, tc.bg); c < tc.min {
				t.Errorf("%s: contrast(%s, %s) = %s; want at least %v", p.name+" "+tc.what, tc.fg.Hex(), tc.bg.Hex(), fmt.Sprintf("%.2f", c), tc.min)
			}
		}
	}
}
