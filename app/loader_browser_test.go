//go:build !wasm

package main

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestLoaderWaitsForFirstPaint checks that the loader asks for app.wasm
// only once the prerendered map's first frame is on screen (the
// first-contentful-paint entry, which Chromium records when the frame is
// presented, after its raster), so that the download and the compile do
// not share the cores with that raster; and that the page then mounts.
func TestLoaderWaitsForFirstPaint(t *testing.T) {
	base := startApp(t)
	for _, path := range []string{"/", "/partners/us-vt"} {
		b := newBrowser(t, 1440, 900)
		b.open(base + path)
		type times struct{ FCP, Wasm float64 }
		got := eval[times](b, `(() => {
			const fcp = performance.getEntriesByName("first-contentful-paint")[0];
			const wasm = performance.getEntriesByType("resource").find(e => /\/web\/app\.[0-9a-f]+\.wasm$/.test(new URL(e.name).pathname));
			return {FCP: fcp ? fcp.startTime : -1, Wasm: wasm ? wasm.startTime : -1};
		})()`)
		if got.FCP < 0 || got.Wasm < 0 {
			t.Fatalf("%s: first-contentful-paint at %v, app.wasm asked for at %v; want both", path, got.FCP, got.Wasm)
		}
		if got.Wasm < got.FCP {
			t.Errorf("%s: app.wasm asked for at %.0f ms, before the first paint at %.0f ms", path, got.Wasm, got.FCP)
		}
		b.noErrors()
		b.close()
	}
}

// TestGoStartAndMountAreTwoTasks checks that Go's start (the runtime, the
// packages' initialisation and the dataset's decoding) and go-app's mount
// of the page never run in one browser task: no long task, as Chromium
// records them, holds both the qcmap-main mark and the qcmap-interactive
// mark, so input the browser received meanwhile is handled between them.
func TestGoStartAndMountAreTwoTasks(t *testing.T) {
	base := startApp(t)
	for _, path := range []string{"/", "/partners/us-vt", "/list"} {
		for turn := range 3 {
			b := newBrowser(t, 1440, 900)
			b.open(base + path)
			b.waitFor("the page to be interactive", `performance.getEntriesByName("qcmap-interactive").length > 0`)
			type span struct{ Start, End float64 }
			type times struct {
				Main, Mounted float64
				Long          []span
			}
			got := evalAwait[times](b, `new Promise(resolve => {
				const marks = long => ({
					Main: performance.getEntriesByName("qcmap-main")[0].startTime,
					Mounted: performance.getEntriesByName("qcmap-interactive")[0].startTime,
					Long: long,
				});
				new PerformanceObserver((list, obs) => {
					obs.disconnect();
					resolve(marks(list.getEntries().map(e => ({Start: e.startTime, End: e.startTime + e.duration}))));
				}).observe({type: "longtask", buffered: true});
				// With no long task at all the observer is never called.
				setTimeout(() => resolve(marks([])), 1000);
			})`)
			for _, l := range got.Long {
				if l.Start <= got.Main && got.Mounted <= l.End {
					t.Errorf("%s, visit %d: one %.0f ms task (%.0f–%.0f ms) runs Go's start (qcmap-main at %.0f ms) and the mount (done at %.0f ms)",
						path, turn+1, l.End-l.Start, l.Start, l.End, got.Main, got.Mounted)
				}
			}
			b.noErrors()
			b.close()
		}
	}
}

// swRegisterMark is run before the page's own scripts: it marks the moment
// the page registers its service worker.
const swRegisterMark = `if (navigator.serviceWorker) {
	const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
	navigator.serviceWorker.register = (...args) => {
		performance.mark("sw-register");
		return register(...args);
	};
}`

// TestServiceWorkerAfterMount checks that a first visit registers the
// service worker only once the page is interactive, after the page's own
// download of app.wasm, and that the worker then installs; and that a page
// that never mounts (app.wasm cannot be fetched) registers it all the same.
func TestServiceWorkerAfterMount(t *testing.T) {
	base := startApp(t)
	markRegister := func(b *browser) {
		b.t.Helper()
		if _, err := chromedp.Call(b.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: swRegisterMark}); err != nil {
			b.t.Fatal(err)
		}
	}
	workerActive := `navigator.serviceWorker.ready.then(r => r.active !== null)`
	for _, path := range []string{"/", "/partners/us-vt", "/list"} {
		b := newBrowser(t, 1440, 900)
		markRegister(b)
		b.open(base + path)
		b.waitFor("the service worker to be registered", `performance.getEntriesByName("sw-register").length > 0`)
		type times struct{ Mounted, Register, Wasm float64 }
		got := eval[times](b, `({
			Mounted: performance.getEntriesByName("qcmap-interactive")[0].startTime,
			Register: performance.getEntriesByName("sw-register")[0].startTime,
			Wasm: performance.getEntriesByType("resource").find(e => /\/web\/app\.[0-9a-f]+\.wasm$/.test(new URL(e.name).pathname)).responseEnd,
		})`)
		if got.Register < got.Mounted {
			t.Errorf("%s: the service worker was registered at %.0f ms, before the page was interactive at %.0f ms", path, got.Register, got.Mounted)
		}
		if got.Register < got.Wasm {
			t.Errorf("%s: the service worker was registered at %.0f ms, before the page's app.wasm arrived at %.0f ms", path, got.Register, got.Wasm)
		}
		if !evalAwait[bool](b, workerActive) {
			t.Errorf("%s: the service worker is not active", path)
		}
		b.noErrors()
		b.close()
	}

	t.Run("a page that never mounts", func(t *testing.T) {
		b := newBrowser(t, 1440, 900)
		markRegister(b)
		if _, err := chromedp.Call(b.ctx, network.Enable, network.EnableParams{}); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Call(b.ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{
			URLPatterns: []*network.BlockPattern{{URLPattern: "*://*:*/web/*.wasm", Block: true}},
		}); err != nil {
			t.Fatal(err)
		}
		b.do("navigating to "+base+"/", chromedp.Navigate(base+"/"))
		b.waitFor("the service worker to be registered", `performance.getEntriesByName("sw-register").length > 0`)
		if mounted := eval[bool](b, `document.documentElement.dataset.wasm === "ready"`); mounted {
			t.Fatal("the page mounted without app.wasm")
		}
		if !evalAwait[bool](b, workerActive) {
			t.Error("the service worker is not active")
		}
		b.close()
	})
}

// TestCollectorPaced checks the client's garbage collector's pace
// (gcPercent): the load of the map and of a partner's page runs no
// collection, nor do the five clicks of make bench's visit, which used to
// meet Go's first collection, compiled as it ran, in the third click. Each
// click's panel mark (qcmap-panel) names the partner shown and the
// collections so far.
func TestCollectorPaced(t *testing.T) {
	base := startApp(t)
	for _, path := range []string{"/", "/partners/us-vt"} {
		b := newBrowser(t, 1440, 900)
		b.open(base + path)
		if gc := eval[int](b, `performance.getEntriesByName("qcmap-interactive")[0].detail.gc`); gc != 0 {
			t.Errorf("%s: %d garbage collections by the time the page was interactive; want none", path, gc)
		}
		if path == "/" {
			for _, id := range clickPartners {
				clickToPanel(b, id)
				type mark struct {
					ID string
					GC int
				}
				got := eval[mark](b, `(() => { const m = performance.getEntriesByName("qcmap-panel"); return {ID: m.length === 1 ? m[0].detail.id : m.length + " marks", GC: m.length ? m[m.length-1].detail.gc : -1}; })()`)
				if got.ID != id || got.GC != 0 {
					t.Errorf("%s: after the click on %s, the panel mark says %+v; want one mark of %s, with no collection", path, id, got, id)
				}
				mapIdle(b)
			}
		}
		b.noErrors()
		b.close()
	}
}

// TestPanelWarmedAfterMount checks the panel's rehearsal (warmPanel): on
// the map and the embed with nothing selected, a hidden panel is mounted
// after the page is interactive, hidden from sight and from assistive
// technology, and shows in turn the detail of the partner with the most to
// show and of the one with the least, then nothing, and is removed within
// the idle callbacks' few seconds, leaving no element, no duplicate id, no
// second panel hook, the address and the focus as they were; then the
// first click opens that partner's panel. A page that opens on a partner
// has its panel, and warms nothing.
func TestPanelWarmedAfterMount(t *testing.T) {
	base := startApp(t)
	// The script records every element of the warm-up the page gets.
	const watch = `
		window.qcmapWarm = {mounts: 0, shown: [], hooks: 0};
		document.addEventListener("DOMContentLoaded", () => { window.qcmapHistory = history.length; });
		new MutationObserver(records => {
			// A partner's detail comes as a new article, or as the article
			// there changing partner (go-app updates an element in place).
			for (const r of records) for (const n of (r.type === "attributes" ? [r.target] : r.addedNodes)) {
				if (n.nodeType !== 1) continue;
				const warm = n.closest(".panel-warm");
				if (!warm) continue;
				if (n === warm) qcmapWarm.mounts++;
				for (const d of [n, ...n.querySelectorAll("article[data-id]")]) {
					if (!d.matches("article[data-id]")) continue;
					qcmapWarm.shown.push({hidden: warm.hidden && getComputedStyle(warm).display === "none", ariaHidden: warm.getAttribute("aria-hidden"), id: d.dataset.id});
				}
				qcmapWarm.hooks += warm.querySelectorAll("[data-panel], #panel-title").length;
			}
		}).observe(document, {subtree: true, childList: true, attributes: true, attributeFilter: ["data-id"]});
		// What a person sees and clicks, at each frame from the mount to
		// the end of the rehearsal: it must not move or come and go.
		const seen = () => [...document.querySelectorAll(".map-controls button, .map-footer, .legend")].map(e => {
			const r = e.getBoundingClientRect();
			return (e.dataset.area || e.className) + " " + [r.left, r.top, r.width, r.height].map(Math.round).join(",");
		}).join("; ");
		qcmapWarm.moved = [];
		const frame = () => {
			if (document.documentElement.dataset.wasm === "ready") {
				const now = seen();
				if (qcmapWarm.seen === undefined) qcmapWarm.seen = now;
				else if (now !== qcmapWarm.seen && qcmapWarm.moved.length < 3) qcmapWarm.moved.push(now);
			}
			if (!performance.getEntriesByName("qcmap-panel-warm").length) requestAnimationFrame(frame);
		};
		requestAnimationFrame(frame);`
	for _, tc := range []struct {
		path string
		warm bool
	}{{"/", true}, {"/?lang=en", true}, {"/embed", true}, {"/partners/us-vt", false}, {"/embed?focus=be-wal", false}} {
		b := newBrowser(t, 1440, 900)
		if _, err := chromedp.Call(b.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watch}); err != nil {
			t.Fatal(err)
		}
		b.open(base + tc.path)
		if !tc.warm {
			// The rehearsal's five idle callbacks come within 4 s.
			time.Sleep(4500 * time.Millisecond)
			if n := eval[int](b, `qcmapWarm.mounts + qcmapWarm.shown.length + performance.getEntriesByName("qcmap-panel-warm").length`); n != 0 {
				t.Errorf("%s: a page open on a partner warmed a panel (%d records)", tc.path, n)
			}
			b.noErrors()
			b.close()
			continue
		}
		b.waitFor("the panel's warm-up", `performance.getEntriesByName("qcmap-panel-warm").length > 0`)
		type state struct {
			Mounted, Warm float64
			Mounts, Hooks int
			Shown         []struct {
				Hidden         bool
				AriaHidden, ID string
			}
			Left, DupIDs int
			Path, Focus  string
			PanelHidden  bool
			History      int
			Seen         string
			Moved        []string
		}
		got := eval[state](b, `(() => {
			const ids = [...document.querySelectorAll("[id]")].map(e => e.id);
			return {
				Mounted: performance.getEntriesByName("qcmap-interactive")[0].startTime,
				Warm: performance.getEntriesByName("qcmap-panel-warm")[0].startTime,
				Mounts: qcmapWarm.mounts,
				Hooks: qcmapWarm.hooks,
				Shown: qcmapWarm.shown,
				Left: document.querySelectorAll(".panel-warm").length,
				DupIDs: ids.length - new Set(ids).size,
				Path: location.pathname + location.search,
				Focus: document.activeElement ? document.activeElement.tagName : "",
				PanelHidden: document.querySelector("aside.panel").hidden,
				History: history.length - qcmapHistory,
				Seen: qcmapWarm.seen,
				Moved: qcmapWarm.moved,
			};
		})()`)
		if got.Warm < got.Mounted || got.Warm > got.Mounted+4500 {
			t.Errorf("%s: the panel's warm-up ended at %.0f ms, the page interactive at %.0f ms; want it after, within 4 s", tc.path, got.Warm, got.Mounted)
		}
		if got.Mounts != 1 || got.Hooks != 0 {
			t.Errorf("%s: %d rehearsal panels mounted, with %d of the real panel's hooks (data-panel, #panel-title); want 1, with none", tc.path, got.Mounts, got.Hooks)
		}
		// New York has the most agreements, summits and offices; Wallonia,
		// the first with none, the least.
		var shown []string
		for _, r := range got.Shown {
			shown = append(shown, r.ID)
			if !r.Hidden || r.AriaHidden != "true" {
				t.Errorf("%s: the rehearsal showed %s's detail in a panel %+v; want it hidden and aria-hidden", tc.path, r.ID, r)
			}
		}
		if want := []string{"US-NY", "BE-WAL"}; !slices.Equal(shown, want) {
			t.Errorf("%s: the rehearsal showed %v; want %v", tc.path, shown, want)
		}
		if got.Left != 0 || got.DupIDs != 0 || got.Path != tc.path || got.Focus != "BODY" || !got.PanelHidden || got.History != 0 {
			t.Errorf("%s: after the warm-up: %d warm elements left, %d duplicate ids, address %s, focus on %s, panel hidden %v, %d history entries more; want none, none, %s, BODY, true, 0",
				tc.path, got.Left, got.DupIDs, got.Path, got.Focus, got.PanelHidden, got.History, tc.path)
		}
		if got.Seen == "" || len(got.Moved) > 0 {
			// A button that moves under a person's click sends it to the map.
			t.Errorf("%s: during the warm-up the controls, legend and footer went from\n\t%s\nto\n\t%s\nwant them where they were at the mount", tc.path, got.Seen, strings.Join(got.Moved, "\n\t"))
		}
		clickToPanel(b, "US-NY")
		if name := eval[string](b, `document.querySelector("aside[data-panel] .partner-name").textContent`); !strings.Contains(name, "New York") {
			t.Errorf("%s: the first click after the warm-up shows %q; want New York's panel", tc.path, name)
		}
		b.noErrors()
		b.close()
	}
}

// TestMountKeepsPrerenderedMap checks that the mounted page shows the very
// map element the server sent, with no frame drawn without it, and that a
// map page mounted later (after the list, and in the other language) gets
// a map of its own, whole; and that the map's compositor layer comes with
// the client.
func TestMountKeepsPrerenderedMap(t *testing.T) {
	base := startApp(t)
	// The script marks the server's map element as the parser makes it,
	// and records every frame in which the map's region has no map.
	const watch = `
		window.qcmapFrames = {drawn: 0, without: 0};
		document.addEventListener("DOMContentLoaded", () => {
			document.getElementById("map").qcmapFromServer = true;
			const frame = () => {
				const m = document.getElementById("map");
				qcmapFrames.drawn++;
				if (!m || !m.isConnected || m.parentElement.id !== "map-wrap") qcmapFrames.without++;
				if (document.documentElement.dataset.wasm !== "ready" || qcmapFrames.drawn < 600) requestAnimationFrame(frame);
			};
			requestAnimationFrame(frame);
		});`
	type mapState struct {
		Maps       int
		InWrap     bool
		FromServer bool
		Markers    int
		Text       string
	}
	const state = `(() => {
		const m = document.getElementById("map");
		return {Maps: document.querySelectorAll("#map").length, InWrap: !!m && m.parentElement.id === "map-wrap",
			FromServer: !!m && m.qcmapFromServer === true, Markers: m ? m.querySelectorAll(".markers [data-id]").length : 0,
			Text: m ? m.textContent : ""};
	})()`
	for _, path := range []string{"/", "/partners/us-vt", "/embed", "/present"} {
		b := newBrowser(t, 1440, 900)
		if _, err := chromedp.Call(b.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watch}); err != nil {
			t.Fatal(err)
		}
		b.open(base + path)
		got := eval[mapState](b, state)
		if got.Maps != 1 || !got.InWrap || !got.FromServer {
			t.Errorf("%s mounted: %d #map, in #map-wrap %v, the server's element %v; want 1, true, true", path, got.Maps, got.InWrap, got.FromServer)
		}
		if got.Markers == 0 {
			t.Errorf("%s mounted: the map has no partner markers", path)
		}
		// Pan and zoom move the map on a layer of its own, which comes
		// with the client, not in the first frame (qcmap.css).
		if wc := eval[string](b, `getComputedStyle(document.getElementById("map")).willChange`); wc != "transform" {
			t.Errorf("%s mounted: the map's will-change is %q; want transform", path, wc)
		}
		type frames struct{ Drawn, Without int }
		if f := eval[frames](b, `qcmapFrames`); f.Drawn == 0 || f.Without != 0 {
			t.Errorf("%s: %d of %d frames after the page was parsed had no map in its region; want 0 of some", path, f.Without, f.Drawn)
		}
		if path != "/" {
			b.noErrors()
			b.close()
			continue
		}
		first := got

		// To the list and back, in the app: a new map page, a new map.
		b.do("following the list link", chromedp.Click(`a.list-link`))
		b.waitFor("the list", `location.pathname === "/list" && !document.getElementById("map")`)
		b.do("going back", chromedp.Evaluate[chromedp.Void](`history.back()`))
		b.waitFor("the map page again", `location.pathname === "/" && !!document.querySelector("#map-wrap > #map")`)
		got = eval[mapState](b, state)
		if got.Maps != 1 || got.FromServer || got.Markers != first.Markers || got.Text != first.Text {
			t.Errorf("back on the map: %d #map, the server's element %v, %d markers; want 1, false (a new one), %d, and the same names", got.Maps, got.FromServer, got.Markers, first.Markers)
		}
		// The other language: its map replaces the prerendered one.
		b.do("following the language link", chromedp.Click(`a.lang-link`))
		b.waitFor("the English map", `document.querySelectorAll("#map").length === 1 && document.getElementById("map").textContent.includes("Bavaria")`)
		if got = eval[mapState](b, state); got.Maps != 1 || !got.InWrap || got.Markers != first.Markers || strings.Contains(got.Text, "Bavière") {
			t.Errorf("in English: %d #map, in #map-wrap %v, %d markers, French names left %v; want 1, true, %d, false", got.Maps, got.InWrap, got.Markers, strings.Contains(got.Text, "Bavière"), first.Markers)
		}
		b.noErrors()
		b.close()
	}

	// Before the client, the map is drawn in the page's own layer.
	plain := newBrowser(t, 1440, 900)
	plain.do("navigating", chromedp.Navigate(base+"/?wasm=false"))
	plain.waitFor("the map", `!!document.getElementById("map")`)
	if wc := eval[string](plain, `getComputedStyle(document.getElementById("map")).willChange`); wc != "auto" {
		t.Errorf("/?wasm=false: the map's will-change is %q; want auto", wc)
	}
	plain.close()

	// The language link straight from the prerendered map, the element
	// the page adopted: it gives way to the English one.
	b := newBrowser(t, 1440, 900)
	if _, err := chromedp.Call(b.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watch}); err != nil {
		t.Fatal(err)
	}
	b.open(base + "/")
	b.do("following the language link", chromedp.Click(`a.lang-link`))
	b.waitFor("the English map", `document.querySelectorAll("#map").length === 1 && document.getElementById("map").textContent.includes("Bavaria")`)
	if got := eval[mapState](b, state); !got.InWrap || got.FromServer || got.Markers == 0 {
		t.Errorf("in English: in #map-wrap %v, the server's French element %v, %d markers; want true, false, some", got.InWrap, got.FromServer, got.Markers)
	}
	b.noErrors()
}
