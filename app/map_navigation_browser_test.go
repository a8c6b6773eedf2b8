//go:build !wasm

package main

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestMapNavigation checks the zoom buttons, the keyboard, Esc and Back.
func TestMapNavigation(t *testing.T) {
	b, base := mapBrowser(t)

	b.run(t, "+ then − restores the view", func(t *testing.T) {
		b.reduceMotion(false) // the zooms animate: poll for their end
		b.open(base + "/")
		// The first view is the one the map shows once still: the map's
		// size can still be measured again just after the mount.
		b.settle()
		v0 := viewBox(b)
		cx, cy := v0[0]+v0[2]/2, v0[1]+v0[3]/2
		in := [4]float64{cx - v0[2]/4, cy - v0[3]/4, v0[2] / 2, v0[3] / 2}
		b.clickOn("button.zoom-in")
		b.waitViewBox("the map to zoom in twofold about its centre", in, 0.5)
		b.clickOn("button.zoom-out")
		b.waitViewBox("the map to return to its first view", v0, 0.5)
	})

	b.reduceMotion(true)
	b.run(t, "a move right after a click wins over the zoom to the partner", func(t *testing.T) {
		// The zoom to a clicked partner waits for its panel to be painted;
		// a region button pressed as the panel comes in, before that paint,
		// must not be undone by it.
		b.open(base + "/")
		if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`new Promise(done => {
			const obs = new MutationObserver(() => {
				if (!document.querySelector('aside[data-panel][data-id="US-NY"]')) return;
				obs.disconnect();
				document.querySelector('button[data-area="western-europe"]').click();
				done(true);
			});
			obs.observe(document.body, {subtree: true, childList: true, attributes: true});
			document.querySelector('.markers [data-id="US-NY"]').dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true}));
		})`, chromedp.EvalAwaitPromise)); err != nil {
			t.Fatal(err)
		}
		b.waitPanel("partner", "US-NY")
		// Past the frame the partner's zoom waited for, and settled.
		b.do("waiting a few frames", chromedp.Sleep(300*time.Millisecond))
		b.settle()
		want, _ := areaBox("western-europe")
		v := viewBox(b)
		if cx, cy := v[0]+v[2]/2, v[1]+v[3]/2; cx < want[0] || cx > want[2] || cy < want[1] || cy > want[3] {
			t.Errorf("the view is centred on (%.0f, %.0f), outside Western Europe %v: the zoom to New York undid the region button", cx, cy, want)
		}
	})

	b.run(t, "Tab reaches a partner and Enter opens it", func(t *testing.T) {
		b.open(base + "/")
		const maxTabs = 40
		id := ""
		for range maxTabs {
			b.press("Tab", kb.Tab)
			id = eval[string](b, `document.activeElement?.matches('.markers a.marker[data-id]') ? document.activeElement.dataset.id : ""`)
			if id != "" {
				break
			}
		}
		if id == "" {
			t.Fatalf("%d presses of Tab reached no partner's marker; the focus is on %s", maxTabs,
				eval[string](b, `document.activeElement.outerHTML.slice(0, 120)`))
		}
		name := eval[string](b, `document.activeElement.getAttribute('aria-label')`)
		b.press("Enter", kb.Enter)
		b.waitPanel("partner", id)
		if got := panelHeading(b); !strings.HasPrefix(got, name) {
			t.Errorf("after Enter on %s's marker, the panel heading = %q; want %q", id, got, name)
		}
	})

	b.run(t, "Esc closes the panel and focuses the marker", func(t *testing.T) {
		b.open(base + "/")
		b.clickOn(`.markers a.marker[data-id="BE-VLG"]`)
		b.waitPanel("partner", "BE-VLG")
		b.press("Escape", kb.Escape)
		b.waitPanelClosed()
		if got := eval[string](b, `document.activeElement.closest('.markers [data-id]')?.dataset.id || document.activeElement.outerHTML.slice(0, 80)`); got != "BE-VLG" {
			t.Errorf("after Esc the focus is on %s; want Flanders's marker", got)
		}
		if got := waitPath(b, "/"); got != "/" {
			t.Errorf("after Esc the URL path = %q; want /", got)
		}
	})

	b.run(t, "Back returns to the first partner", func(t *testing.T) {
		b.open(base + "/")
		b.clickOn(`.markers a.marker[data-id="BE-VLG"]`)
		b.waitPanel("partner", "BE-VLG")
		b.clickOn(`.markers a.marker[data-id="DE-BY"]`)
		b.waitPanel("partner", "DE-BY")
		b.do("going back", chromedp.Evaluate[chromedp.Void](`history.back()`))
		b.waitPanel("partner", "BE-VLG")
		if got := waitPath(b, "/partners/be-vlg"); got != "/partners/be-vlg" {
			t.Errorf("after Back the URL path = %q; want /partners/be-vlg", got)
		}
		b.waitFor("a marker shown as selected", `!!document.querySelector('.markers a.marker.selected')`)
		if got := eval[string](b, `document.querySelector('.markers a.marker.selected')?.dataset.id || "none"`); got != "BE-VLG" {
			t.Errorf("after Back the marker shown as selected is %s; want BE-VLG", got)
		}
	})
	b.noErrors()
}
