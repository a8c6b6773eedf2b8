//go:build !wasm

package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserPresentCard steps through /present on a 16:9 laptop
// (1280×720) and checks, on each step, what the audience sees: the
// focused partner's shape on screen and clear of the card, and each
// event's title on a line above its years, never run into them.
func TestBrowserPresentCard(t *testing.T) {
	base := startApp(t)
	b := newBrowser(t, 1280, 720)
	b.open(base + "/present?steps=us-ny,us-vt,be-wal,cn-sd")
	for i, id := range []string{"US-NY", "US-VT", "BE-WAL", "CN-SD"} {
		if i > 0 {
			b.do("pressing →", chromedp.KeyEvent(kb.ArrowRight))
		}
		b.waitFor("the card of "+id, `(() => { const p = document.querySelector('aside[data-panel]'); return !!p && p.dataset.id === "`+id+`" })()`)
		b.waitSettled()
		type view struct {
			Shape, Card [4]float64 // left, top, right, bottom in CSS pixels
			OnScreen    float64    // the part of the shape's box on screen
			Clear       float64    // the part on screen and off the card
		}
		v := eval[view](b, `(() => {
			const box = el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
			const area = b => Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);
			const cut = (a, b) => [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
			const shape = box(document.querySelector('#map .partners a[data-id="`+id+`"]'));
			const card = box(document.querySelector('aside[data-panel]'));
			const screen = cut(shape, [0, 0, innerWidth, innerHeight]);
			const whole = area(shape);
			return {Shape: shape, Card: card, OnScreen: area(screen) / whole, Clear: (area(screen) - area(cut(screen, card))) / whole};
		})()`)
		if v.OnScreen < 0.99 || v.Clear < 0.95 {
			t.Errorf("step %d, %s: %.0f %% of its shape %v on screen, %.0f %% clear of the card %v; want all of it on screen and clear",
				i+1, id, 100*v.OnScreen, v.Shape, 100*v.Clear, v.Card)
		}

		type event struct {
			Title, Years [4]float64
			Text, Name   string // the item's text as shown, the title's own
		}
		events := eval[[]event](b, `[...document.querySelectorAll('aside[data-panel] li.event')].map(li => {
			const box = el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
			return {Title: box(li.querySelector('.title')), Years: box(li.querySelector('ul.years')), Text: li.innerText, Name: li.querySelector('.title').textContent};
		})`)
		if id == "US-NY" && len(events) == 0 {
			t.Fatal("New York State's card lists no event; want the Québec–New York summits")
		}
		for _, e := range events {
			title, years, _ := strings.Cut(e.Text, "\n")
			if e.Years[1] < e.Title[3]-1 || title != e.Name || strings.TrimSpace(years) == "" {
				t.Errorf("step %d, %s: the event %q (title %v, years %v) does not put its years on a line of their own", i+1, id, e.Text, e.Title, e.Years)
			}
		}
	}
	b.noErrors()
}
