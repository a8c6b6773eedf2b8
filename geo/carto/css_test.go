package carto

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

const stylesheet = "../../assets/web/qcmap.css"

// The stylesheet's generated block is what CSS() writes: run go generate
// ./geo/carto after changing a value here.
func TestStylesheetUpToDate(t *testing.T) {
	b, err := os.ReadFile(stylesheet)
	if err != nil {
		t.Fatal(err)
	}
	css := string(b)
	out, ok := SpliceCSS(css)
	if !ok {
		t.Fatalf("%s has no %s … %s block", stylesheet, CSSBegin, CSSEnd)
	}
	if out != css {
		t.Errorf("%s is out of date with package carto; run go generate ./geo/carto", stylesheet)
	}
	// Outside the block, no rule sets a palette's custom property, a dim
	// level's opacity or a label step's class: each has one definition.
	i, j := strings.Index(css, CSSBegin), strings.Index(css, CSSEnd)
	rest := css[:i] + css[j:]
	for _, v := range Light.Vars() {
		if re := regexp.MustCompile(`--` + regexp.QuoteMeta(v[0]) + `\s*:`); re.MatchString(rest) {
			t.Errorf("%s sets --%s outside the generated block", stylesheet, v[0])
		}
	}
	for _, re := range []string{`\.dim\s*\{[^}]*opacity`, `\.z\d[ )]`, `\.mz\d`, `\.u\d\s*\{`} {
		if loc := regexp.MustCompile(re).FindStringIndex(rest); loc != nil {
			t.Errorf("%s has %q outside the generated block", stylesheet, rest[loc[0]:loc[1]])
		}
	}
}

func TestStepFor(t *testing.T) {
	for _, tc := range []struct {
		px   float64
		want int
	}{
		{0.5, -1}, {PxPerUnit * 0.7, 0}, {PxPerUnit, 0}, {PxPerUnit * 1.99, 0}, {PxPerUnit * 2, 1},
		{PxPerUnit * 64, 6}, {PxPerUnit * 1000, 6},
	} {
		if got := StepFor(tc.px); got != tc.want {
			t.Errorf("StepFor(%v) = %d; want %d", tc.px, got, tc.want)
		}
	}
}

func TestMarkerScaleClass(t *testing.T) {
	for _, tc := range []struct {
		u    float64
		want int
	}{
		{0.8, 0}, {2, 0}, {0.4, 1}, {0.1, 3}, {0.0001, MarkerScaleClasses - 1},
	} {
		if got := MarkerScaleClass(tc.u); got != tc.want {
			t.Errorf("MarkerScaleClass(%v) = %d; want %d", tc.u, got, tc.want)
		}
	}
}

func TestColorHex(t *testing.T) {
	for _, tc := range []struct {
		c    Color
		want string
	}{{0xffffff, "#ffffff"}, {0x0a5d9e, "#0a5d9e"}, {0, "#000000"}} {
		if got := tc.c.Hex(); got != tc.want {
			t.Errorf("Color(%#x).Hex() = %q; want %q", uint32(tc.c), got, tc.want)
		}
	}
}
