//go:build !wasm

package main

import (
	"io"
	"net/http"
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
