//go:build !wasm

package main

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserKeyboardWalk is the accessibility issue's walk: from page
// load, Tab reaches Vermont, Enter opens its panel, Esc closes it and gives
// the focus back to Vermont.
func TestBrowserKeyboardWalk(t *testing.T) {
	base := startApp(t)
	b := newBrowser(t, 1280, 800)
	b.open(base + "/")
	const maxTabs = 60
	reached := false
	for i := 0; i < maxTabs && !reached; i++ {
		b.do("pressing Tab", chromedp.KeyEvent(kb.Tab))
		reached = eval[bool](b, `document.activeElement?.closest('.markers [data-id]')?.dataset.id === "US-VT"`)
	}
	if !reached {
		t.Fatalf("%d presses of Tab did not reach Vermont; the focus is on %s", maxTabs, eval[string](b, `document.activeElement.outerHTML.slice(0, 120)`))
	}
	// The focus is visible: the marker's ring takes the focus style.
	if w := eval[string](b, `getComputedStyle(document.activeElement.querySelector("circle")).strokeWidth`); w != "4px" {
		t.Errorf("Vermont's focused marker ring is %s wide; want the 4px focus ring", w)
	}
	b.do("pressing Enter", chromedp.KeyEvent(kb.Enter))
	b.waitFor("Vermont's panel", `!!document.querySelector('aside[data-panel][data-id="US-VT"]')`)
	b.waitFor("the panel's heading to take the focus", `document.activeElement.closest("aside[data-panel]") !== null`)
	b.do("pressing Escape", chromedp.KeyEvent(kb.Escape))
	b.waitFor("the panel to close", `!document.querySelector('aside[data-panel]')`)
	b.waitFor("the focus back on Vermont", `document.activeElement?.closest('.markers [data-id]')?.dataset.id === "US-VT"`)
	b.noErrors()
}
