package carto

import (
	"os"
	"reflect"
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
	for _, v := range Tokens {
		if re := regexp.MustCompile(`--` + regexp.QuoteMeta(v.Name) + `\s*:`); re.MatchString(rest) {
			t.Errorf("%s sets --%s outside the generated block", stylesheet, v.Name)
		}
	}
	for _, re := range []string{`\.dim\s*\{[^}]*opacity`, `\.z\d[ )]`, `\.mz\d`, `\.u\d\s*\{`} {
		if loc := regexp.MustCompile(re).FindStringIndex(rest); loc != nil {
			t.Errorf("%s has %q outside the generated block", stylesheet, rest[loc[0]:loc[1]])
		}
	}
}

// The rules' small functions, each case named by its call.
func TestRules(t *testing.T) {
	for _, tc := range []struct {
		call      string
		got, want any
	}{
		{"StepFor(0.5)", StepFor(0.5), -1},
		{"StepFor(0.7 step 0)", StepFor(PxPerUnit * 0.7), 0},
		{"StepFor(step 0)", StepFor(PxPerUnit), 0},
		{"StepFor(just under step 1)", StepFor(PxPerUnit * 1.99), 0},
		{"StepFor(step 1)", StepFor(PxPerUnit * 2), 1},
		{"StepFor(step 6)", StepFor(PxPerUnit * 64), 6},
		{"StepFor(past the last step)", StepFor(PxPerUnit * 1000), 6},
		{"MarkerScaleClass(0.8)", MarkerScaleClass(0.8), 0},
		{"MarkerScaleClass(2)", MarkerScaleClass(2), 0},
		{"MarkerScaleClass(0.4)", MarkerScaleClass(0.4), 1},
		{"MarkerScaleClass(0.1)", MarkerScaleClass(0.1), 3},
		{"MarkerScaleClass(0.0001)", MarkerScaleClass(0.0001), MarkerScaleClasses - 1},
		{"Color(0xffffff).Hex()", Color(0xffffff).Hex(), "#ffffff"},
		{"Color(0x0a5d9e).Hex()", Color(0x0a5d9e).Hex(), "#0a5d9e"},
		{"Color(0).Hex()", Color(0).Hex(), "#000000"},
		{"WorldShowsAdmin1(US)", WorldShowsAdmin1("US"), true},
		{"WorldShowsAdmin1(FR)", WorldShowsAdmin1("FR"), false},
		{"PrerenderWidth{Scale: 2}.StepShift()", PrerenderWidth{Scale: 2}.StepShift(), 1},
		{"PrerenderWidth{Scale: 3}.StepShift()", PrerenderWidth{Scale: 3}.StepShift(), 2},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %v; want %v", tc.call, tc.got, tc.want)
		}
	}
}

// Every colour of a palette is set by the token table, and every token
// names a custom property the stylesheet uses.
func TestTokens(t *testing.T) {
	for _, p := range []struct {
		name string
		p    Palette
	}{{"Light", Light}, {"Dark", Dark}} {
		v := reflect.ValueOf(p.p)
		for i := range v.NumField() {
			if c, ok := v.Field(i).Interface().(Color); ok && c == 0 {
				t.Errorf("%s.%s is not set by the token table", p.name, v.Type().Field(i).Name)
			}
		}
	}
	b, err := os.ReadFile(stylesheet)
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range Tokens {
		if !strings.Contains(string(b), "var(--"+tk.Name+")") {
			t.Errorf("token --%s is used nowhere in %s", tk.Name, stylesheet)
		}
	}
}
