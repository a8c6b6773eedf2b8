//go:build !wasm

package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserEmbedInAnotherSite frames /embed?focus=be-wal&lang=fr in a page
// of another site, as a CMS or a reveal.js deck would, and reads the frame:
// Wallonia focused, its card open, French labels.
func TestBrowserEmbedInAnotherSite(t *testing.T) {
	base := startApp(t) // http://127.0.0.1:port
	embed := base + "/embed?focus=be-wal&lang=fr"
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<!doctype html><html lang="en"><title>Host</title><body><iframe src=%q width="960" height="540" title="qcmap"></iframe></body></html>`, embed)
	}))
	defer host.Close()
	// localhost is another site than 127.0.0.1, so the frame is cross-site.
	hostURL := strings.Replace(host.URL, "127.0.0.1", "localhost", 1)

	b := newBrowser(t, 1100, 700)
	b.do("opening the host page", chromedp.Navigate(hostURL))

	var frame context.Context
	for deadline := time.Now().Add(30 * time.Second); frame == nil; {
		infos, err := chromedp.Targets(b.ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, info := range infos {
			if info.Type == "iframe" && strings.HasPrefix(info.URL, base+"/embed") {
				ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithTargetID(info.TargetID))
				defer cancel()
				frame = ctx
			}
		}
		if frame == nil {
			if time.Now().After(deadline) {
				t.Fatal("the embed frame never appeared as a target: was it refused (frame-ancestors)?")
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	check := func(what, js string) {
		t.Helper()
		if _, err := chromedp.Run(frame, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
			t.Errorf("in the frame, %s (%s): %v", what, js, err)
		}
	}
	check("the client mounts", `document.documentElement.dataset.wasm === "ready"`)
	check("the page is French", `document.documentElement.lang === "fr"`)
	check("Wallonia's card is open", `(() => { const p = document.querySelector('aside[data-panel][data-id="BE-WAL"]'); return !!p && p.textContent.includes("Wallonie") })()`)
	check("the labels are French", `document.querySelector('.markers [data-id="BE-VLG"]').getAttribute("aria-label") === "Flandre"`)
	check("the map is zoomed on Belgium", `document.getElementById("map").viewBox.baseVal.width < 100`)
	check("no header, a link to the full map", `!document.querySelector(".topbar") && document.querySelector(".embed-credit a").href.includes("/partners/be-wal")`)
	b.noErrors()
}

// TestBrowserPresentKeys steps through /present with the keys a presenter
// clicker sends.
func TestBrowserPresentKeys(t *testing.T) {
	base := startApp(t)
	b := newBrowser(t, 1280, 800)
	b.open(base + "/present?steps=us-ny,us-vt,be-wal")
	at := func(id, progress string) {
		t.Helper()
		b.waitFor("step "+progress+" on "+id, `(() => {
			const p = document.querySelector('aside[data-panel]');
			return !!p && p.dataset.id === "`+id+`" && document.querySelector(".present-progress").textContent === "`+progress+`";
		})()`)
	}
	at("US-NY", "1 / 3")
	for _, step := range []struct {
		name, key, id, progress string
	}{
		{"→", kb.ArrowRight, "US-VT", "2 / 3"},
		{"Space", " ", "BE-WAL", "3 / 3"},
		{"PageUp", kb.PageUp, "US-VT", "2 / 3"},
		{"Home", kb.Home, "US-NY", "1 / 3"},
		{"End", kb.End, "BE-WAL", "3 / 3"},
		{"←", kb.ArrowLeft, "US-VT", "2 / 3"},
		{"PageDown", kb.PageDown, "BE-WAL", "3 / 3"},
	} {
		b.do("pressing "+step.name, chromedp.KeyEvent(step.key))
		at(step.id, step.progress)
	}
	if got := eval[string](b, `location.search`); !strings.Contains(got, "step=3") {
		t.Errorf("the URL's query is %q; want it to keep step=3", got)
	}
	b.noErrors()
}
