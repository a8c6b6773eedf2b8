//go:build !wasm

package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The map's browser tests drive the page as a person would, with real mouse
// clicks and key presses, and check what the person then sees: the panel's
// text, the URL, which markers are faded, where the focus is. Each test
// function starts one Chromium and its subtests share it: a second page
// load reuses the compiled wasm, where a new browser would take seconds.

// mapBrowser starts the app and a 1440×900 browser for the subtests of t.
func mapBrowser(t *testing.T) (*browser, string) {
	t.Helper()
	base := startApp(t)
	return newBrowser(t, 1440, 900), base
}

// run runs f as a subtest of t in b, and reports the page's errors at its
// end. Errors logged before the subtest belong to the one that logged them.
func (b *browser) run(t *testing.T, name string, f func(t *testing.T)) {
	t.Run(name, func(t *testing.T) {
		old := b.t
		b.t = t
		defer func() { b.t = old }()
		b.mu.Lock()
		b.errors = nil
		b.mu.Unlock()
		f(t)
		b.noErrors()
	})
}

// emulate sends one Emulation command to the tab.
func emulate[P any](b *browser, what string, cmd cdp.Command[P, cdp.Empty], params P) {
	b.t.Helper()
	b.do(what, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, cmd, params)
		return err
	}))
}

// reduceMotion makes zooms instant, as for a person who asked for reduced
// motion, so a click lands where the test measured; off, they animate. It
// must come before the page loads: the map reads the setting on mount.
func (b *browser) reduceMotion(on bool) {
	b.t.Helper()
	value := "no-preference"
	if on {
		value = "reduce"
	}
	emulate(b, "emulating prefers-reduced-motion: "+value, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: value}},
	})
}

// jsString quotes s for JavaScript source.
func jsString(s string) string { return strconv.Quote(s) }

// clickOn clicks with the mouse at the centre of the element sel, after
// checking that what a person would hit there is sel or inside it, not
// something drawn over it.
func (b *browser) clickOn(sel string) {
	b.t.Helper()
	// A person clicks what stands still: wait for a zoom animation to end
	// (the viewBox unchanged across a few frames) before aiming.
	b.settle()
	type hit struct {
		X, Y   float64
		OnTop  string
		Inside bool
	}
	h := eval[hit](b, `(() => {
		const el = document.querySelector(`+jsString(sel)+`);
		if (!el) return {X: 0, Y: 0, OnTop: "nothing: no element matches", Inside: false};
		const r = el.getBoundingClientRect();
		const x = r.left + r.width / 2, y = r.top + r.height / 2;
		const top = document.elementFromPoint(x, y);
		const owner = top && top.closest("[data-id]");
		const what = !top ? "nothing" : owner ? owner.tagName + '[data-id="' + owner.dataset.id + '"] class="' + owner.getAttribute("class") + '"' : top.tagName + ' class="' + top.getAttribute("class") + '"';
		return {X: x, Y: y, OnTop: what, Inside: !!top && el.contains(top)};
	})()`)
	if !h.Inside {
		b.t.Fatalf("clicking %s: at its centre (%.0f, %.0f) a person hits %s", sel, h.X, h.Y, h.OnTop)
	}
	b.do("clicking "+sel, chromedp.MouseClickXY(h.X, h.Y))
}

// settle waits until the map's viewBox has not changed for five frames and
// no movement is under way (during one, a transform moves the drawing).
func (b *browser) settle() {
	b.t.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`new Promise(done => {
		const svg = document.getElementById("map");
		if (!svg) { done(true); return; }
		let last = svg.getAttribute("viewBox"), still = 0, frames = 0;
		const tick = () => {
			const now = svg.getAttribute("viewBox");
			still = now === last && !svg.style.transform ? still + 1 : 0;
			last = now;
			if (still >= 5 || ++frames > 600) done(true); else requestAnimationFrame(tick);
		};
		requestAnimationFrame(tick);
	})`, chromedp.EvalAwaitPromise)); err != nil {
		b.t.Fatalf("waiting for the map to settle: %v", err)
	}
}

// openLegend unfolds the legend and its filters, which start folded.
func (b *browser) openLegend() {
	b.t.Helper()
	b.clickOn(`details.legend > summary`)
	b.waitFor("the legend to open", `document.querySelector("details.legend").open`)
}

// press types keys into the focused element.
func (b *browser) press(what, keys string) {
	b.t.Helper()
	b.do("pressing "+what, chromedp.KeyEvent(keys))
}

// waitPanel waits until the panel shows the partner or office id on screen.
func (b *browser) waitPanel(kind, id string) {
	b.t.Helper()
	b.waitFor("the panel of "+id, `(() => {
		const p = document.querySelector('aside[data-panel=`+jsString(kind)+`][data-id=`+jsString(id)+`]');
		if (!p || p.hidden) return false;
		const r = p.getBoundingClientRect();
		return r.width > 100 && r.height > 100 && r.left < innerWidth && r.top < innerHeight;
	})()`)
}

// waitPanelClosed waits until no panel is shown.
func (b *browser) waitPanelClosed() {
	b.t.Helper()
	b.waitFor("the panel to close", `(() => {
		const p = document.querySelector('aside.panel');
		return !p || p.hidden || p.getBoundingClientRect().width === 0;
	})()`)
}

// panelHeading is the name the panel shows.
func panelHeading(b *browser) string {
	b.t.Helper()
	return eval[string](b, `document.querySelector('aside[data-panel] h2').innerText.trim()`)
}

// agreement is one line of the panel's agreement list as shown.
type agreement struct{ Year, Title string }

// panelAgreement returns the year and title the panel shows for the
// agreement id, or zero values when it is not there.
func panelAgreement(b *browser, id string) agreement {
	b.t.Helper()
	return eval[agreement](b, `(() => {
		const a = document.querySelector('aside[data-panel] article.partner li.agreement[data-agreement=`+jsString(id)+`]');
		if (!a) return {Year: "", Title: ""};
		return {Year: a.querySelector('.year').innerText.trim(), Title: a.querySelector('.title').innerText.trim()};
	})()`)
}

func pathname(b *browser) string {
	b.t.Helper()
	return eval[string](b, `location.pathname`)
}

// waitPath waits until the URL's path is want, for a few seconds, and
// returns it, or the last path seen.
func waitPath(b *browser, want string) string {
	b.t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if got := pathname(b); got == want {
			return got
		}
	}
	return pathname(b)
}

// viewBox returns the map's viewBox: x, y, width, height in map units.
func viewBox(b *browser) [4]float64 {
	b.t.Helper()
	s := eval[string](b, `document.querySelector('#map-wrap svg#map').getAttribute('viewBox')`)
	var v [4]float64
	f := strings.Fields(s)
	if len(f) != 4 {
		b.t.Fatalf("viewBox = %q; want four numbers", s)
	}
	for i := range f {
		x, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			b.t.Fatalf("viewBox = %q: %v", s, err)
		}
		v[i] = x
	}
	return v
}

// waitViewBox waits until the viewBox is want, within tol map units.
func (b *browser) waitViewBox(what string, want [4]float64, tol float64) {
	b.t.Helper()
	b.waitFor(what, fmt.Sprintf(`(() => {
		const v = document.querySelector('#map').getAttribute('viewBox').trim().split(/\s+/).map(Number);
		const w = [%g, %g, %g, %g];
		return v.length === 4 && v.every((x, i) => Math.abs(x - w[i]) <= %g);
	})()`, want[0], want[1], want[2], want[3], tol))
}

// waitSettled waits until the map has stopped moving for 300 ms and shows
// the level of detail its zoom calls for (carto.Viewport.Level's thresholds).
//
// The pause is counted from this call: a record left by an earlier wait
// would take a view the map is about to leave (a step's zoom not yet
// started) for a settled one.
func (b *browser) waitSettled() {
	b.t.Helper()
	eval[bool](b, `(window.__qcmapSettle = null, true)`)
	b.waitFor("the map to settle", `(() => {
		const svg = document.querySelector('#map'), wrap = document.querySelector('#map-wrap');
		const vb = svg.getAttribute('viewBox'), now = performance.now();
		const s = window.__qcmapSettle;
		if (svg.style.transform || wrap.hasAttribute('data-loading')) { window.__qcmapSettle = null; return false; }
		if (!s || s.vb !== vb) { window.__qcmapSettle = {vb, since: now}; return false; }
		if (now - s.since < 300) return false;
		const px = wrap.clientWidth / Number(vb.trim().split(/\s+/)[2]);
		const want = px < 3 ? 'world' : px < 15 ? 'continent' : 'closeup';
		return document.querySelector('#lod').dataset.level === want;
	})()`)
}

// markerDimmed reports, for each id, whether its marker is dimmed: classed
// dim and drawn faded.
func markerDimmed(b *browser, ids ...string) map[string]bool {
	b.t.Helper()
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = jsString(id)
	}
	return eval[map[string]bool](b, `Object.fromEntries([`+strings.Join(q, ",")+`].map(id => {
		const m = document.querySelector('.markers a.marker[data-id="' + id + '"]');
		return [id, m.classList.contains('dim') && Number(getComputedStyle(m).opacity) < 0.5];
	}))`)
}

func checkDimmed(t *testing.T, b *browser, dim, bright []string) {
	t.Helper()
	got := markerDimmed(b, append(append([]string{}, dim...), bright...)...)
	for _, id := range dim {
		if !got[id] {
			t.Errorf("%s's marker is bright; want it dimmed", id)
		}
	}
	for _, id := range bright {
		if got[id] {
			t.Errorf("%s's marker is dimmed; want it bright", id)
		}
	}
}

// TestMapPartners checks what the panel shows for a partner, however it
// was opened: a click, a link, the server's HTML alone.
func TestMapPartners(t *testing.T) {
	b, base := mapBrowser(t)
	b.reduceMotion(true)

	b.run(t, "click Vermont", func(t *testing.T) {
		b.open(base + "/")
		// At the world view New Hampshire's marker covers Vermont's, so a
		// person zooms to North America first.
		b.clickOn(`button[data-area="north-america"]`)
		b.waitFor("the map to zoom to North America", `Number(document.querySelector('#map').getAttribute('viewBox').split(' ')[2]) < 500`)
		b.clickOn(`.markers a.marker[data-id="US-VT"]`)
		b.waitPanel("partner", "US-VT")
		if got := panelHeading(b); got != "Vermont" {
			t.Errorf("panel heading = %q; want Vermont", got)
		}
		for _, want := range []struct{ id, year, title string }{
			{"lake-champlain-2003", "2003", "Entente de coopération en matière d'environnement sur la gestion du lac Champlain"},
			{"law-enforcement-vermont-2004", "2004", "Entente de coopération bilatérale sur l'échange d'information aux fins de l'application de la loi"},
		} {
			if got := panelAgreement(b, want.id); got != (agreement{want.year, want.title}) {
				t.Errorf("panel's agreement %s = %+v; want {Year:%s Title:%s}", want.id, got, want.year, want.title)
			}
		}
		if got := waitPath(b, "/partners/us-vt"); got != "/partners/us-vt" {
			t.Errorf("URL path = %q; want /partners/us-vt", got)
		}
	})

	b.run(t, "New York's four summits", func(t *testing.T) {
		b.open(base + "/partners/us-ny")
		b.waitPanel("partner", "US-NY")
		got := eval[[]string](b, `[...document.querySelectorAll('aside[data-panel] li.event[data-event="quebec-new-york-summits"] ul.years li.year')].map(y => y.innerText.trim())`)
		if want := []string{"2002", "2004", "2005", "2008"}; fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("New York's summit years = %q; want %q", got, want)
		}
	})

	b.run(t, "São Paulo's office", func(t *testing.T) {
		b.open(base + "/")
		b.clickOn(`.markers a.marker[data-id="BR-SP"]`)
		b.waitPanel("partner", "BR-SP")
		office := eval[string](b, `document.querySelector('aside[data-panel] article.partner li.office[data-id="office-sao-paulo"]')?.innerText.trim() || ""`)
		if !strings.Contains(office, "São Paulo") || !strings.Contains(office, "2008") {
			t.Errorf("São Paulo's panel lists the office as %q; want São Paulo, opened 2008", office)
		}

		b.clickOn(`.offices g.office[data-id="office-sao-paulo"]`)
		b.waitPanel("office", "office-sao-paulo")
		if got := panelHeading(b); !strings.Contains(got, "São Paulo") {
			t.Errorf("office card heading = %q; want it to name São Paulo", got)
		}
		if got := eval[string](b, `document.querySelector('aside[data-panel="office"] p.opened').innerText.trim()`); !strings.Contains(got, "2008") {
			t.Errorf("office card says %q; want the opening year 2008", got)
		}
	})

	b.run(t, "Flanders clickable at the first view", func(t *testing.T) {
		b.open(base + "/")
		b.waitFor("the first view", `/\bfv-/.test(document.getElementById("map").getAttribute("class"))`)
		b.clickOn(`.markers a.marker[data-id="BE-VLG"]`) // checks elementFromPoint
		b.waitPanel("partner", "BE-VLG")
		if got := panelHeading(b); !strings.HasPrefix(got, "Flandre") {
			t.Errorf("panel heading = %q; want Flandre", got)
		}
	})

	b.run(t, "a click on another country or on the sea closes the panel", func(t *testing.T) {
		for _, where := range []string{"land", "sea"} {
			b.open(base + "/partners/us-ny")
			b.waitPanel("partner", "US-NY")
			b.settle()
			// A point a person can click where the sea rectangle is what
			// the pointer hits (no partner, marker, label or control over
			// it), on a country of the basemap or off every country.
			p := eval[struct{ X, Y float64 }](b, `(() => {
				const land = [...document.querySelectorAll("#map .countries path")];
				const r = document.getElementById("map-wrap").getBoundingClientRect();
				for (let y = r.top + 20; y < r.bottom - 20; y += 7) {
					for (let x = r.left + 20; x < r.right - 20; x += 7) {
						const top = document.elementFromPoint(x, y);
						if (!top || !top.classList.contains("sea")) continue;
						const inside = land.some(p => p.isPointInFill(new DOMPoint(x, y).matrixTransform(p.getScreenCTM().inverse())));
						if (inside === (`+jsString(where)+` === "land")) return {X: x, Y: y};
					}
				}
				return {X: -1, Y: -1};
			})()`)
			if p.X < 0 {
				t.Fatalf("no point of the map on %s hits the sea: the basemap takes the pointer, or the panel covers it all", where)
			}
			b.do("clicking on "+where, chromedp.MouseClickXY(p.X, p.Y))
			b.waitPanelClosed()
			if got := waitPath(b, "/"); got != "/" {
				t.Errorf("after a click on %s, URL path = %q; want /", where, got)
			}
		}
	})

	b.run(t, "Nuevo León's page", func(t *testing.T) {
		b.open(base + "/partners/mx-nle")
		b.waitPanel("partner", "MX-NLE")
		if got, want := panelAgreement(b, "nuevo-leon-multisectoral-2009"), (agreement{"2009", "Entente de coopération multisectorielle"}); got != want {
			t.Errorf("the panel's Nuevo León agreement = %+v; want %+v", got, want)
		}
		if got := waitPath(b, "/partners/mx-nle"); got != "/partners/mx-nle" {
			t.Errorf("URL path = %q; want /partners/mx-nle", got)
		}
	})

	// Last: following ?lang=en makes English the remembered language.
	b.run(t, "Vermont in English", func(t *testing.T) {
		b.open(base + "/partners/us-vt?lang=en")
		b.waitPanel("partner", "US-VT")
		want := agreement{"2003", "Agreement on environmental cooperation regarding management of Lake Champlain"}
		if got := panelAgreement(b, "lake-champlain-2003"); got != want {
			t.Errorf("the panel's Lake Champlain agreement = %+v; want %+v", got, want)
		}
		if lang := eval[string](b, `document.documentElement.lang`); lang != "en" {
			t.Errorf("<html lang> = %q; want en", lang)
		}
		if got := eval[string](b, `document.querySelector('.markers [data-id="US-NY"]').getAttribute('aria-label')`); got != "New York State" {
			t.Errorf("New York's marker is named %q; want New York State (the map is drawn in the wrong language)", got)
		}
	})
	b.noErrors()
}

// TestMapSearchAndFilters checks the search box and the sector and year
// filters.
func TestMapSearchAndFilters(t *testing.T) {
	b, base := mapBrowser(t)
	b.reduceMotion(true)

	b.run(t, "bav then Enter selects Bavaria", func(t *testing.T) {
		b.open(base + "/")
		b.do("typing bav", chromedp.SendKeys(chromedp.CSS("input#search-input"), "bav"))
		b.waitFor("Bavaria among the options", `document.querySelector('li.search-opt[data-id="DE-BY"]')?.offsetParent != null`)
		if got := eval[string](b, `document.querySelector('li.search-opt[aria-selected="true"]').innerText`); !strings.Contains(got, "Bavière") {
			t.Errorf("active option = %q; want Bavière", got)
		}
		b.press("Enter", kb.Enter)
		b.waitPanel("partner", "DE-BY")
		if got := waitPath(b, "/partners/de-by"); got != "/partners/de-by" {
			t.Errorf("URL path = %q; want /partners/de-by", got)
		}
	})

	b.run(t, "environment", func(t *testing.T) {
		b.open(base + "/")
		b.openLegend()
		b.clickOn(`button.chip-toggle[data-sector="environment"]`)
		b.waitFor("the environment chip to be pressed", `document.querySelector('button.chip-toggle[data-sector="environment"]').getAttribute('aria-pressed') === 'true'`)
		b.waitFor("Massachusetts to dim", `document.querySelector('.markers [data-id="US-MA"]').classList.contains('dim')`)
		checkDimmed(t, b, []string{"US-MA"}, []string{"US-NY", "US-VT"})
		if got := eval[string](b, `location.search`); !strings.Contains(got, "sector=environment") {
			t.Errorf("URL query = %q; want sector=environment", got)
		}
	})

	b.run(t, "year 2005", func(t *testing.T) {
		b.open(base + "/")
		b.openLegend()
		b.do("moving the year slider to 2005", chromedp.Evaluate[chromedp.Void](`(() => {
			const y = document.querySelector('input#year');
			y.value = "2005";
			y.dispatchEvent(new Event('input', {bubbles: true}));
		})()`))
		b.waitFor("Nuevo León to dim", `document.querySelector('.markers [data-id="MX-NLE"]').classList.contains('dim')`)
		checkDimmed(t, b, []string{"MX-NLE"}, []string{"US-VT"})
		// The markers are dimmed in the input handler itself; the slider's
		// output is text go-app writes in its next render, so wait for it.
		b.waitFor("the year filter to say 2005", `document.querySelector('.year-filter output').innerText.includes('2005')`)
	})

	b.run(t, "filters from the URL", func(t *testing.T) {
		b.open(base + "/?sector=environment&year=2005")
		b.waitFor("the filters to apply", `document.querySelector('.markers [data-id="US-MA"]').classList.contains('dim')`)
		checkDimmed(t, b, []string{"US-MA", "MX-NLE"}, []string{"US-NY", "US-VT"})
		if got := eval[string](b, `document.querySelector('button.chip-toggle[data-sector="environment"]').getAttribute('aria-pressed')`); got != "true" {
			t.Errorf("environment chip aria-pressed = %q; want true", got)
		}
		if got := eval[string](b, `document.querySelector('input#year').value`); got != "2005" {
			t.Errorf("year slider = %q; want 2005", got)
		}
	})
	b.noErrors()
}
