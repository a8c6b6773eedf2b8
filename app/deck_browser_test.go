//go:build !wasm

package main

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// revealDir is reveal.js as npm installs it from package-lock.json (make
// test-deps), relative to this package.
const revealDir = "../node_modules/reveal.js/dist"

// revealInstalled stops the test when reveal.js is missing: under CI it
// fails, as a missing browser does.
func revealInstalled(t testing.TB) {
	t.Helper()
	if _, err := os.Stat(revealDir + "/reveal.js"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("node_modules/reveal.js is not installed; `make test-deps` installs it (npm ci)")
		}
		t.Skip("node_modules/reveal.js is not installed; run `make test-deps`")
	}
}

// testDeckState is the state a frame's events carry (deckState, decoded).
type testDeckState struct {
	Selected string `json:"selected"`
	View     *struct {
		CX float64 `json:"cx"`
		CY float64 `json:"cy"`
		K  float64 `json:"k"`
	} `json:"view"`
	Sector string   `json:"sector"`
	Year   int      `json:"year"`
	Lang   string   `json:"lang"`
	Step   int      `json:"step"`
	Steps  []string `json:"steps"`
}

// deckPage is a reveal.js deck of two slides, each framing /embed of base
// and naming a partner in data-qcmap-select, with deckHelpers.
func deckPage(base string) string {
	return fmt.Sprintf(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Deck</title>
<link rel="stylesheet" href="/reveal/reveal.css"></head><body>
<div class="reveal"><div class="slides">
<section data-qcmap-select="us-ny"><iframe id="f1" src="%[1]s/embed?lang=fr" width="960" height="200" title="qcmap 1"></iframe></section>
<section data-qcmap-select="us-vt"><iframe id="f2" src="%[1]s/embed?lang=fr&amp;legend=0" width="960" height="200" title="qcmap 2"></iframe></section>
</div></div>
<script>%[2]s</script>
<script src="/reveal/reveal.js"></script>
<script src="%[1]s/embed.js"></script>
<script>Reveal.initialize({hash: false, transition: "none", width: 1000, height: 700, margin: 0, minScale: 1, maxScale: 1});</script>
</body></html>`, base, deckHelpers)
}

// deckHelpers, in a host page, record the qcmap frames' events in
// qcmapEvents (with the id of the iframe they came from), post a message
// to a frame with send(frame, msg), and ask a frame's state with
// ask(frame, id), a promise.
const deckHelpers = `window.qcmapEvents = [];
addEventListener("message", e => {
  if (!e.data || e.data.namespace !== "qcmap") return;
  const f = [...document.querySelectorAll("iframe")].find(f => f.contentWindow === e.source);
  qcmapEvents.push(Object.assign({frame: f ? f.id : ""}, e.data));
});
window.send = (frame, msg) => document.getElementById(frame).contentWindow.postMessage(msg, "*");
window.ask = (frame, id) => new Promise(resolve => {
  const w = document.getElementById(frame).contentWindow;
  const on = e => {
    if (e.source === w && e.data && e.data.eventName === "state" && e.data.id === id) {
      removeEventListener("message", on);
      resolve(e.data.state);
    }
  };
  addEventListener("message", on);
  w.postMessage({method: "getState", args: [], id: id}, "*");
});
`

// TestDeckReveal drives /embed from a reveal.js deck on another origin:
// /embed.js sends each slide's data-qcmap-select to its frame, so that
// Reveal.next() opens the next partner; getState answers and its state,
// given back, is the same state; /embed.js sizes the frames; and messages
// that are not calls change nothing.
func TestDeckReveal(t *testing.T) {
	base := startApp(t) // http://127.0.0.1:port
	revealInstalled(t)
	mux := http.NewServeMux()
	mux.Handle("/reveal/", http.StripPrefix("/reveal/", http.FileServer(http.Dir(revealDir))))
	mux.HandleFunc("/favicon.ico", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	mux.HandleFunc("/deck.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, deckPage(base))
	})
	host := httptest.NewServer(mux)
	defer host.Close()
	// localhost is another site than 127.0.0.1: the frames are cross-origin.
	deck := strings.Replace(host.URL, "127.0.0.1", "localhost", 1) + "/deck.html"

	b := newBrowser(t, 1000, 700)
	b.do("opening the deck", chromedp.Navigate(deck))
	b.waitFor("both frames' ready events", `["f1", "f2"].every(f => qcmapEvents.some(e => e.frame === f && e.eventName === "ready"))`)

	ask := func(frame string) testDeckState { t.Helper(); return deckAsk(t, b, frame) }
	waitState := func(what, frame string, ok func(testDeckState) bool) testDeckState {
		t.Helper()
		return deckWait(t, b, what, frame, ok)
	}

	// The first slide's frame opens New York; the second's waits for its slide.
	waitState("the first slide selects New York", "f1", func(s testDeckState) bool { return s.Selected == "US-NY" })
	if s := ask("f2"); s.Selected != "" {
		t.Errorf("before its slide is shown, the second frame selects %q; want nothing", s.Selected)
	}

	b.do("Reveal.next()", chromedp.Evaluate[chromedp.Void](`Reveal.next()`))
	waitState("Reveal.next() selects Vermont", "f2", func(s testDeckState) bool { return s.Selected == "US-VT" })
	frame := frameTarget(t, b, base+"/embed?lang=fr&legend=0")
	if _, err := chromedp.Run(frame, chromedp.Poll[bool](`(() => { const p = document.querySelector('aside[data-panel][data-id="US-VT"]'); return !!p && p.textContent.includes("Vermont") })()`, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		t.Errorf("in the second frame, Vermont's card is not open: %v", err)
	}
	b.waitFor("a select event from the second frame", `qcmapEvents.some(e => e.frame === "f2" && e.eventName === "select" && e.state.selected === "US-VT")`)

	// /embed.js gives each frame the height its map asked for.
	for _, f := range []string{"f1", "f2"} {
		b.waitFor(f+"'s height", `(() => {
			const r = qcmapEvents.filter(e => e.frame === "`+f+`" && e.eventName === "resize").pop();
			const el = document.getElementById("`+f+`");
			return !!r && r.height > 200 && el.style.height === r.height + "px" && el.clientHeight === r.height;
		})()`)
	}

	// getState round-trips: a state given back through the API is the
	// same state. The view settles first (a viewchange after the select).
	b.waitFor("the second frame's view to settle", `(() => {
		const i = qcmapEvents.findIndex(e => e.frame === "f2" && e.eventName === "select");
		return qcmapEvents.slice(i).some(e => e.frame === "f2" && e.eventName === "viewchange");
	})()`)
	time.Sleep(600 * time.Millisecond) // any further viewchange is sent
	before := ask("f2")
	if before.View == nil || before.Lang != "fr" {
		t.Fatalf("getState = %+v; want a view and lang fr", before)
	}
	b.do("changing the second frame", chromedp.Evaluate[chromedp.Void](`
		send("f2", {method: "select", args: ["be-wal"]});
		send("f2", JSON.stringify({method: "setFilters", args: [{sector: "environment", year: 2005}]}));
		send("f2", {method: "setView", args: ["asia"]});`))
	waitState("select, setFilters and setView apply", "f2", func(s testDeckState) bool {
		return s.Selected == "BE-WAL" && s.Sector == "environment" && s.Year == 2005 && s.View != nil && *s.View != *before.View
	})
	v := before.View
	b.do("giving the state back", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`
		send("f2", {method: "select", args: [%q]});
		send("f2", {method: "setFilters", args: [{sector: %q, year: %d}]});
		send("f2", {method: "setView", args: [%g, %g, %g]});`, before.Selected, before.Sector, before.Year, v.CX, v.CY, v.K)))
	after := waitState("the state given back", "f2", func(s testDeckState) bool {
		return s.View != nil && s.Selected == before.Selected && math.Abs(s.View.K-v.K) < 0.02 && math.Abs(s.View.CX-v.CX) < 0.15 && math.Abs(s.View.CY-v.CY) < 0.15
	})
	if after.Sector != before.Sector || after.Year != before.Year {
		t.Errorf("after the state was given back, getState = %+v; want %+v", after, before)
	}

	// Messages that are not calls change nothing, and each is counted in
	// the frame's console.
	warnings := make(chan string, 100)
	go func() {
		for msg, err := range chromedp.Console(frame) {
			if err != nil {
				return
			}
			if msg.Type == chromedp.ConsoleWarning && strings.HasPrefix(msg.Text, "qcmap: message ignored") {
				warnings <- msg.Text
			}
		}
	}()
	time.Sleep(600 * time.Millisecond)
	before = ask("f2")
	b.do("sending malformed messages", chromedp.Evaluate[chromedp.Void](`
		for (const m of ["not json {", "{\"method\": ", "alert(1)", 42, null, [1, 2], {args: []},
			{method: "explode", args: []}, {method: "select", args: [42]}, {method: "select", args: "us-ny"},
			{method: "select", args: ["atlantis"]}, {method: "setView", args: ["atlantis"]},
			{method: "setView", args: [1e9, 0, 1]}, {method: "setFilters", args: [{sector: 5}]},
			{method: "setFilters", args: [{planet: "mars"}]}, {method: "next", args: []},
			JSON.stringify({method: "clear", args: [1]})]) send("f2", m);`))
	time.Sleep(300 * time.Millisecond)
	if got := ask("f2"); !reflect.DeepEqual(got, before) {
		t.Errorf("after malformed messages getState = %+v; want it unchanged, %+v", got, before)
	}
	const malformed = 17
	var last string
	for i := range malformed {
		select {
		case last = <-warnings:
		case <-time.After(5 * time.Second):
			t.Fatalf("%d console warnings for %d malformed messages", i, malformed)
		}
	}
	if want := fmt.Sprintf("; %d ignored so far", malformed); !strings.HasSuffix(last, want) {
		t.Errorf("the last warning is %q; want it to end %q", last, want)
	}
	b.noErrors()
}

// deckAsk asks frame of the host page for its state (getState).
func deckAsk(t *testing.T, b *browser, frame string) testDeckState {
	t.Helper()
	id := fmt.Sprintf("q%d", time.Now().UnixNano())
	s, err := chromedp.Run(b.ctx, chromedp.Evaluate[testDeckState](`ask("`+frame+`", "`+id+`")`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("getState of %s: %v", frame, err)
	}
	return s
}

// deckWait asks frame for its state until ok accepts it.
func deckWait(t *testing.T, b *browser, what, frame string, ok func(testDeckState) bool) testDeckState {
	t.Helper()
	var s testDeckState
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if s = deckAsk(t, b, frame); ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %s's state is %+v", what, frame, s)
		}
	}
}

// TestDeckPresent drives /present from a page on another origin: next()
// and prev() walk the steps, select() moves to a partner's step, and calls
// a presentation has no use for change nothing.
func TestDeckPresent(t *testing.T) {
	base := startApp(t)
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			w.WriteHeader(http.StatusNoContent) // the favicon
			return
		}
		fmt.Fprintf(w, `<!doctype html><html lang="en"><title>Host</title><body><script>%s</script><iframe id="f1" src="%s/present?steps=us-ny,us-vt,be-wal" width="1000" height="560" title="qcmap"></iframe></body></html>`, deckHelpers, base)
	}))
	defer host.Close()
	b := newBrowser(t, 1100, 700)
	b.do("opening the host page", chromedp.Navigate(strings.Replace(host.URL, "127.0.0.1", "localhost", 1)))
	b.waitFor("the frame's ready event", `qcmapEvents.some(e => e.frame === "f1" && e.eventName === "ready")`)
	step := func(n int, id string) func(testDeckState) bool {
		return func(s testDeckState) bool { return s.Step == n && s.Selected == id && len(s.Steps) == 3 }
	}
	deckWait(t, b, "the first step", "f1", step(1, "US-NY"))
	for _, tc := range []struct {
		name, msg string
		step      int
		id        string
	}{
		{"next", `{method: "next"}`, 2, "US-VT"},
		{"prev", `{method: "prev", args: []}`, 1, "US-NY"},
		{"select a step", `JSON.stringify({method: "select", args: ["BE-WAL"]})`, 3, "BE-WAL"},
		{"next at the end", `{method: "next"}`, 3, "BE-WAL"},
		{"select no step", `{method: "select", args: ["us-ca"]}`, 3, "BE-WAL"},
		{"clear", `{method: "clear"}`, 3, "BE-WAL"},
		{"prev again", `{method: "prev"}`, 2, "US-VT"},
	} {
		b.do(tc.name, chromedp.Evaluate[chromedp.Void](`send("f1", `+tc.msg+`)`))
		deckWait(t, b, tc.name, "f1", step(tc.step, tc.id))
	}
	b.waitFor("a select event for each step moved to", `qcmapEvents.filter(e => e.eventName === "select").map(e => e.state.step).join() === "2,1,3,2"`)
	b.noErrors()
}

// frameTarget attaches to the iframe whose URL is url.
func frameTarget(t *testing.T, b *browser, url string) context.Context {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		infos, err := chromedp.Targets(b.ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, info := range infos {
			if info.Type == "iframe" && info.URL == url {
				ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithTargetID(info.TargetID))
				t.Cleanup(cancel)
				return ctx
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no frame target %s", url)
		}
	}
}

// TestStaticEmbed loads the embed in a browser whose JavaScript runs but
// which has no WebAssembly: /embed?static=1 asked for, and /embed, which
// sends such a browser there. Both show the map framed on Vermont with its
// partner links and Vermont's card, fetch no app.wasm and register no
// service worker.
func TestStaticEmbed(t *testing.T) {
	base := startApp(t)
	for _, tc := range []struct{ name, path string }{
		{"asked", "/embed?static=1&focus=us-vt"},
		{"fallback", "/embed?focus=us-vt"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newBrowser(t, 1100, 700)
			b.do("deleting WebAssembly", chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
				_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `delete window.WebAssembly;`})
				return err
			}))
			b.do("opening "+tc.path, chromedp.Navigate(base+tc.path))
			b.waitFor("the static embed", `location.search.includes("static=1") && document.readyState === "complete" && !!document.getElementById("map")`)
			if got := eval[string](b, `typeof WebAssembly`); got != "undefined" {
				t.Fatalf("typeof WebAssembly = %q; want undefined", got)
			}
			check := func(what, js string) {
				t.Helper()
				if !eval[bool](b, js) {
					t.Errorf("%s: %s is false", what, js)
				}
			}
			check("the map is framed on Vermont", `document.getElementById("map").viewBox.baseVal.width < 200`)
			check("the partner links stay in the static embed", `document.querySelectorAll('#map a[href^="/embed?static=1&focus="]').length > 10 && !!document.querySelector('#map a[href="/embed?static=1&focus=us-ny"]')`)
			check("Vermont's card is open", `(() => { const p = document.querySelector('aside[data-panel][data-id="US-VT"]'); return !!p && p.textContent.includes("Vermont") && p.getBoundingClientRect().width > 0 })()`)
			check("the card closes by a link", `document.querySelector("aside[data-panel] a.panel-close").getAttribute("href") === "/embed?static=1"`)
			check("the full map's link", `document.querySelector(".embed-credit a").getAttribute("href") === "/partners/us-vt"`)
			check("no loader, no script", `!document.getElementById("app-wasm-loader") && !document.querySelector("script[src]") && !document.querySelector('link[rel="manifest"]')`)
			time.Sleep(time.Second) // a registration under way would be done
			if n, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`navigator.serviceWorker.getRegistrations().then(r => r.length)`, chromedp.EvalAwaitPromise)); err != nil || n != 0 {
				t.Errorf("service worker registrations: %d (%v); want 0", n, err)
			}
			if got := eval[[]string](b, `performance.getEntriesByType("resource").map(e => e.name).filter(n => /app\.js|wasm/.test(n))`); len(got) != 0 {
				t.Errorf("the page fetched %q; want neither app.js nor the wasm", got)
			}
			b.noErrors()
		})
	}
}

// TestStaticEmbedPastServiceWorker checks that a browser whose service
// worker keeps the map (a visitor of the full map, or a deck's live frames
// in the same partition) still gets the static embed from the server for
// /embed?static=1, not the kept shell that loads the wasm: reveal.js's
// speaker view loads it beside the deck's live frames.
func TestStaticEmbedPastServiceWorker(t *testing.T) {
	base := startApp(t)
	b := newBrowser(t, 1100, 700)
	b.open(base + "/")
	pwaWaitCached(b)
	b.do("opening the static embed", chromedp.Navigate(base+"/embed?static=1&focus=us-vt"))
	b.waitFor("the static embed", `document.readyState === "complete" && !!document.querySelector('aside[data-panel][data-id="US-VT"]')`)
	time.Sleep(time.Second) // a wasm would have started
	if got := eval[string](b, `[...document.querySelectorAll("script[src]")].map(s => s.src).join() + (document.documentElement.dataset.wasm || "")`); got != "" {
		t.Errorf("the static embed runs %q; want no script and no wasm", got)
	}
	b.noErrors()
}
