//go:build !wasm

package main

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestMapPrerendered checks that a partner's page is whole before any
// script runs: in the server's HTML, and in a browser with JavaScript off.
// The browser is a fresh one: where the app's service worker is installed
// it answers navigations from its cache.
func TestMapPrerendered(t *testing.T) {
	base := startApp(t)
	res, err := http.Get(base + "/partners/mx-nle")
	if err != nil {
		t.Fatal(err)
	}
	html, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`data-panel="partner"`, `data-agreement="nuevo-leon-multisectoral-2009"`, `<span class="year">2009</span>`} {
		if !strings.Contains(string(html), s) {
			t.Errorf("GET /partners/mx-nle: the HTML has no %s", s)
		}
	}

	b := newBrowser(t, 1440, 900)
	emulate(b, "disabling JavaScript", emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
	b.do("navigating", chromedp.Navigate(base+"/partners/mx-nle"))
	b.waitPanel("partner", "MX-NLE")
	if got, want := panelAgreement(b, "nuevo-leon-multisectoral-2009"), (agreement{"2009", "Entente de coopération multisectorielle"}); got != want {
		t.Errorf("without JavaScript, the panel's Nuevo León agreement = %+v; want %+v", got, want)
	}
	if eval[bool](b, `document.documentElement.dataset.wasm === "ready"`) {
		t.Error("the wasm client ran with JavaScript disabled")
	}
	b.noErrors()

	// The server frames the partner without knowing the screen: on a
	// laptop and on a phone, where the panel is a bottom sheet, the
	// partner's marker is in view and not under the panel before any
	// script runs, and about as big on the phone as on the laptop.
	var marker []float64 // its width on screen, in CSS pixels
	for _, size := range []struct{ w, h int }{{1440, 900}, {390, 844}} {
		b := newBrowser(t, size.w, size.h)
		emulate(b, "disabling JavaScript", emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		b.do("navigating", chromedp.Navigate(base+"/partners/us-vt"))
		b.waitPanel("partner", "US-VT")
		if hit := eval[string](b, `(() => {
			const m = document.querySelector('.markers [data-id="US-VT"]').getBoundingClientRect();
			const x = m.left + m.width / 2, y = m.top + m.height / 2;
			const top = document.elementFromPoint(x, y);
			const owner = top && top.closest("#map [data-id]");
			const at = " at " + Math.round(x) + "," + Math.round(y);
			return owner ? owner.dataset.id : top ? top.tagName + ' class="' + top.getAttribute("class") + '"' + at : "nothing" + at;
		})()`); hit != "US-VT" {
			t.Errorf("%dx%d without JavaScript: at Vermont's marker a person hits %s; want Vermont", size.w, size.h, hit)
		}
		marker = append(marker, eval[float64](b, `document.querySelector('.markers [data-id="US-VT"] .s').getBoundingClientRect().width`))
		if o := overlappingLabels(b); len(o) > 0 {
			t.Errorf("%dx%d without JavaScript, /partners/us-vt: labels overlap: %q", size.w, size.h, o)
		}
		b.do("navigating", chromedp.Navigate(base+"/"))
		if o := overlappingLabels(b); len(o) > 0 {
			t.Errorf("%dx%d without JavaScript, /: labels overlap: %q", size.w, size.h, o)
		}
	}
	if laptop, phone := marker[0], marker[1]; phone < laptop/1.5 || phone > laptop*1.5 {
		t.Errorf("without JavaScript, Vermont's marker is %.1f px wide on the phone and %.1f px on the laptop; want about the same", phone, laptop)
	}
}

// overlappingLabels returns the pairs of map labels shown on screen whose
// boxes overlap, as "A / B".
func overlappingLabels(b *browser) []string {
	b.t.Helper()
	return eval[[]string](b, `(() => {
		const shown = [...document.querySelectorAll("#map .label text")]
			.map(t => ({name: t.textContent, r: t.getBoundingClientRect()}))
			.filter(l => l.r.width > 0 && l.r.height > 0);
		const out = [];
		for (let i = 0; i < shown.length; i++)
			for (let j = i + 1; j < shown.length; j++) {
				const a = shown[i].r, c = shown[j].r;
				if (a.left < c.right && c.left < a.right && a.top < c.bottom && c.top < a.bottom)
					out.push(shown[i].name + " / " + shown[j].name);
			}
		return out;
	})()`)
}

// TestPrerenderMatchesMount checks that the prerendered page's text is the
// text the client mounts, character for character, for a partner's page
// and the world map in both languages: a difference (the spaces go-app's
// server-side indentation used to add) moves the text when the wasm takes
// over, and makes Chromium count a new largest contentful paint then.
// On the world map it checks again once the client's idle-time rehearsal
// of the panel is done: the text a person reads stays the same.
func TestPrerenderMatchesMount(t *testing.T) {
	base := startApp(t)
	// What a person reads: the panel the client rehearses in idle time
	// (mapFrame.warmPanel) is hidden from everyone, and may be mid-step.
	const text = `JSON.stringify([...document.querySelectorAll("header, aside.panel, .legend, .status-bar, footer")]
		.filter(e => !e.closest('[aria-hidden="true"]'))
		.map(e => e.tagName + "." + e.className + ": " + e.textContent))`
	for _, path := range []string{"/partners/us-vt", "/partners/us-vt?lang=en", "/", "/?lang=en", "/list"} {
		br := newBrowser(t, 1280, 720)
		br.do("opening "+path+" without the wasm", chromedp.Navigate(base+path+sep(path)+"wasm=false"))
		br.waitFor("the prerendered page", `document.readyState === "complete"`)
		before := eval[string](br, text)
		br.open(base + path)
		after := eval[string](br, text)
		if before == after && (path == "/" || strings.HasPrefix(path, "/?")) {
			br.waitFor("the panel's rehearsal", `performance.getEntriesByName("qcmap-panel-warm").length > 0`)
			after = eval[string](br, text)
		}
		if before != after {
			i := 0
			for i < min(len(before), len(after)) && before[i] == after[i] {
				i++
			}
			from := max(0, i-60)
			t.Errorf("%s: the prerendered text differs from the mounted text at byte %d:\nprerendered …%s…\nmounted     …%s…",
				path, i, before[from:min(len(before), i+40)], after[from:min(len(after), i+40)])
		}
		if before == "[]" {
			t.Errorf("%s: no header, panel, legend or footer found to compare", path)
		}
	}
}

// sep is the separator before one more query parameter of path.
func sep(path string) string {
	if strings.Contains(path, "?") {
		return "&"
	}
	return "?"
}

// TestFirstViewBeforeMount checks the first view the page paints before
// the client runs, at each screen size the first views are made for: one
// size class's layer of targets and leaders shown, the one the client
// then picks, and its targets where the client shows them. The window's
// size picks the class in the stylesheet (carto's firstViewCSS); a rule
// that left another class's layer shown drew its leaders and places, at
// another scale, over the map of every screen but a phone's until the
// mount.
func TestFirstViewBeforeMount(t *testing.T) {
	base := startApp(t)
	type shown struct {
		Layers []string          // the data-class of each layer displayed
		Tags   map[string][4]int // each displayed target's box by partner, CSS px
		Class  string            // the map's classes
	}
	const read = `(() => {
		const tags = {};
		for (const g of document.querySelectorAll("#map .tag")) {
			if (getComputedStyle(g).display === "none") continue;
			const r = g.getBoundingClientRect();
			if (r.width > 0) tags[(g.closest("[data-id]") || g).dataset.id + " " + g.getAttribute("class")] = [r.left, r.top, r.right, r.bottom].map(Math.round);
		}
		return {
			Layers: [...document.querySelectorAll("#map .fv-layer")].filter(l => getComputedStyle(l).display !== "none").map(l => l.dataset.class),
			Tags: tags,
			Class: document.querySelector("#map").getAttribute("class"),
		};
	})()`
	for _, size := range [][2]int{{1440, 900}, {1280, 720}, {768, 1024}, {390, 844}} {
		name := fmt.Sprintf("%d×%d", size[0], size[1])
		pre := newBrowser(t, size[0], size[1])
		emulate(pre, "disabling JavaScript", emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		pre.do("opening / before the client", chromedp.Navigate(base+"/"))
		before := eval[shown](pre, read)
		pre.close()

		b := newBrowser(t, size[0], size[1])
		b.open(base + "/")
		b.waitSettled()
		after := eval[shown](b, read)
		b.close()

		class := ""
		for _, c := range strings.Fields(after.Class) {
			if v, ok := strings.CutPrefix(c, "fv-"); ok {
				class = v
			}
		}
		if class == "" {
			t.Fatalf("%s: the mounted map's classes %q name no first view", name, after.Class)
		}
		if !slices.Equal(before.Layers, []string{class}) {
			t.Errorf("%s: before the client, the first-view layers shown are %v; want only %q, the client's", name, before.Layers, class)
		}
		if len(before.Tags) == 0 || len(before.Tags) != len(after.Tags) {
			t.Errorf("%s: %d targets shown before the client, %d after; want the same, and some", name, len(before.Tags), len(after.Tags))
		}
		for k, a := range after.Tags {
			p, ok := before.Tags[k]
			if !ok {
				t.Errorf("%s: target %s is not shown before the client", name, k)
				continue
			}
			for i := range p {
				if d := p[i] - a[i]; d < -2 || d > 2 {
					t.Errorf("%s: target %s at %v before the client, %v after; want the same place", name, k, p, a)
					break
				}
			}
		}
	}
}
