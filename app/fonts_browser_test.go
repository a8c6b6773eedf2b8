//go:build !wasm

package main

import (
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"qcmap/geo/carto"
)

// TestBrowserFonts loads / in a cold browser and checks that qcmap asks no
// other origin for anything (the fonts are its own, not a font service's),
// that the preloaded fonts are there once the page has mounted, the others
// once it is idle, before any click, and that
// the page uses them: Open Sans for the text, Roboto for the title and the
// headings, the design system's families; then the same on the list.
func TestBrowserFonts(t *testing.T) {
	base := startApp(t)
	origin, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, 1440, 900)
	var (
		mu   sync.Mutex
		reqs []string
	)
	if err := chromedp.Listen(b.ctx, func(ev any) {
		if ev, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			reqs = append(reqs, ev.Request.URL)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	loaded := func() map[string]bool {
		b.waitFor("the fonts in use to load", `document.fonts.ready.then(() => true)`)
		faces := eval[[]string](b, `[...document.fonts].filter(f => f.status === "loaded").map(f => f.family.replaceAll('"', '') + " " + f.weight)`)
		m := map[string]bool{}
		for _, f := range faces {
			m[f] = true
		}
		return m
	}
	family := func(sel string) string {
		return eval[string](b, `getComputedStyle(document.querySelector(`+jsString(sel)+`)).fontFamily`)
	}

	b.open(base + "/")
	faces := loaded()
	for _, f := range carto.Fonts {
		if f.Preload && !faces[f.Family+" "+strconv.Itoa(f.Weight)] {
			t.Errorf("on /: %s %d is not loaded; loaded: %v", f.Family, f.Weight, faces)
		}
	}
	// The faces it does not preload come once the page is idle, before any
	// click: the first panel's bold text is laid out once, in its own face
	// (loadLaterFonts).
	var all []string
	for _, f := range carto.Fonts {
		all = append(all, jsString(f.Family+" "+strconv.Itoa(f.Weight)))
	}
	b.waitFor("every face to load before a click", `(() => {
		const got = new Set([...document.fonts].filter(f => f.status === "loaded").map(f => f.family.replaceAll('"', '') + " " + f.weight));
		return [`+strings.Join(all, ",")+`].every(f => got.has(f));
	})()`)
	for sel, want := range map[string]string{"body": "Open Sans", ".topbar .brand": "Roboto", ".legend-title h2": "Roboto", ".search-input": "Open Sans"} {
		if got := family(sel); !strings.HasPrefix(strings.Trim(got, `"`), want) && !strings.HasPrefix(got, `"`+want+`"`) {
			t.Errorf("on /: %s's font-family = %q; want %s first", sel, got, want)
		}
	}

	b.open(base + "/list")
	faces = loaded()
	for _, want := range []string{"Open Sans 400", "Open Sans 700", "Roboto 700"} {
		if !faces[want] {
			t.Errorf("on /list: %s is not loaded; loaded: %v", want, faces)
		}
	}
	if got := family("main h1"); !strings.HasPrefix(got, "Roboto") {
		t.Errorf("on /list: h1's font-family = %q; want Roboto first", got)
	}

	mu.Lock()
	defer mu.Unlock()
	var fonts int
	for _, r := range reqs {
		u, err := url.Parse(r)
		if err != nil || (u.Scheme != "data" && u.Scheme != "blob" && u.Host != origin.Host) {
			t.Errorf("the page asked another origin: %s", r)
		}
		if strings.HasPrefix(u.Path, "/web/fonts/") {
			fonts++
		}
	}
	if fonts == 0 {
		t.Errorf("no request for /web/fonts/ among %d requests", len(reqs))
	}
	b.noErrors()
}
