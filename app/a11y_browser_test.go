//go:build !wasm

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// The accessibility audit runs axe-core, the engine behind most automated
// WCAG checkers, in each view as a person would see it: French and English,
// light and dark. axe-core is pinned in package-lock.json at the repository
// root and installed by `npm ci` (make test-deps).

// axePath is axe-core's browser build, relative to app/ where tests run.
const axePath = "../node_modules/axe-core/axe.min.js"

// axeTags are the rule sets of WCAG 2.0 and 2.1, levels A and AA.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}

// axeNodesShown is how many failing elements a violation lists.
const axeNodesShown = 5

// axeSource reads axe-core, or stops the test when `npm ci` has not run.
func axeSource(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(axePath)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("axe-core is not installed (%v); `make test-deps` runs npm ci", err)
		}
		t.Skipf("axe-core is not installed (%v); run `npm ci` at the repository root", err)
	}
	return string(src)
}

// axeViolation is one rule that failed, with its first failing elements.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	URL    string `json:"helpUrl"`
	Count  int    `json:"count"` // failing elements, all of them
	Nodes  []struct {
		Target  json.RawMessage `json:"target"` // CSS selectors, nested for frames
		HTML    string          `json:"html"`
		Summary string          `json:"failureSummary"`
	} `json:"nodes"`
}

// String prints the violation as a person fixing it needs it: the rule, what
// it asks, and where and why each element fails.
func (v axeViolation) String() string {
	var s strings.Builder
	fmt.Fprintf(&s, "%s (%s): %s\n    %s", v.ID, v.Impact, v.Help, v.URL)
	for _, n := range v.Nodes {
		fmt.Fprintf(&s, "\n    - %s\n      %s", n.Target, n.HTML)
		for line := range strings.Lines(n.Summary) {
			fmt.Fprintf(&s, "\n      %s", strings.TrimRight(line, "\n"))
		}
	}
	if more := v.Count - len(v.Nodes); more > 0 {
		fmt.Fprintf(&s, "\n    … and %d more", more)
	}
	return s.String()
}

// audit injects axe-core into the page and returns the WCAG 2.1 AA
// violations. Runtime.evaluate is not bound by the page's CSP.
func (b *browser) audit(axe string) []axeViolation {
	b.t.Helper()
	b.do("injecting axe-core", chromedp.Evaluate[chromedp.Void](axe))
	tags, _ := json.Marshal(axeTags)
	js := fmt.Sprintf(`axe.run(document, {
		runOnly: {type: "tag", values: %s},
		resultTypes: ["violations"],
	}).then(r => r.violations.map(v => ({
		id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl, count: v.nodes.length,
		nodes: v.nodes.slice(0, %d).map(n => ({
			target: n.target, html: n.html.slice(0, 200), failureSummary: n.failureSummary || "",
		})),
	})))`, tags, axeNodesShown)
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]axeViolation](js, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("running axe-core: %v", err)
	}
	return v
}

// colorScheme emulates the system's light or dark preference, and reduced
// motion so that the map lands at once where the URL points. The emulation
// holds across navigations; the page reads it when it mounts.
func (b *browser) colorScheme(scheme string) {
	b.t.Helper()
	b.do("emulating prefers-color-scheme: "+scheme, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{
				{Name: "prefers-color-scheme", Value: scheme},
				{Name: "prefers-reduced-motion", Value: "reduce"},
			},
		})
		return err
	}))
}

// a11yViews are the views audited; ready is true once the view shows what
// it is for, beyond the wasm having mounted.
var a11yViews = []struct {
	name, path, ready string
}{
	{"map", "/", `!!document.querySelector('#map')`},
	{"panel", "/partners/us-vt", `(() => {
		const p = document.querySelector('aside[data-panel]');
		return !!p && !p.hidden && p.getBoundingClientRect().width > 100 && !!p.querySelector('h2');
	})()`},
	{"list", "/list", `!!document.querySelector('article[data-id]')`},
	{"embed", "/embed?focus=be-wal", `!!document.querySelector('#map')`},
	{"present", "/present?steps=us-ny,us-vt", `(() => {
		const p = document.querySelector('aside[data-panel]');
		return !!p && !p.hidden && !!p.querySelector('h2');
	})()`},
}

// withLang adds ?lang= to path. Both languages are named in the URL: a
// language once chosen is remembered, and the browser's own is English.
func withLang(path, lang string) string {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return path + sep + "lang=" + lang
}

// TestAccessibility checks that every view, in both languages and both
// colour schemes, has no WCAG 2.1 A or AA violation that axe-core finds.
// Each scheme and language has one browser that visits all its views: a
// page load reuses the compiled wasm, and the harness gives a browser 90
// seconds in all, which twenty audits on a busy machine can overrun.
func TestAccessibility(t *testing.T) {
	axe := axeSource(t)
	base := startApp(t)
	for _, scheme := range []string{"light", "dark"} {
		for _, lang := range []string{langFR, langEN} {
			t.Run(scheme+"/"+lang, func(t *testing.T) {
				b := newBrowser(t, 1280, 900)
				b.colorScheme(scheme)
				for _, v := range a11yViews {
					b.run(t, v.name, func(t *testing.T) {
						url := base + withLang(v.path, lang)
						b.open(url)
						b.waitFor("the "+v.name+" view", v.ready)
						if got := eval[string](b, `document.documentElement.lang`); got != lang {
							t.Fatalf("%s: <html lang> = %q; want %q", url, got, lang)
						}
						if got := eval[bool](b, `matchMedia("(prefers-color-scheme: dark)").matches`); got != (scheme == "dark") {
							t.Fatalf("%s: prefers-color-scheme: dark = %v; want %v", url, got, scheme == "dark")
						}
						for _, viol := range b.audit(axe) {
							t.Errorf("%s in %s: %s", url, scheme, viol)
						}
					})
				}
				// A broken injection or a rule set that matches nothing would
				// pass every page above; a nameless button must be caught.
				b.run(t, "self-check", func(t *testing.T) {
					b.do("adding a nameless button", chromedp.Evaluate[chromedp.Void](
						`document.querySelector('main, body').append(Object.assign(document.createElement("button"), {className: "axe-self-check"}))`))
					for _, viol := range b.audit(axe) {
						if viol.ID == "button-name" {
							return
						}
					}
					t.Errorf("axe-core did not report a <button> without a name (rule button-name)")
				})
			})
		}
	}
}
