//go:build !wasm

package main

import (
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"qcmap/server"
)

// The page's speed in headless Chromium on loopback, printed by make bench
// as medians and 95th percentiles over several runs. It is a benchmark,
// not a test: the machines are shared and their speed varies from minute to
// minute, so each run measures qcmap and the smallest go-app page
// (app/internal/minimal) one after the other, alternating which goes
// first, each visit in a fresh browser, and server/benchreport states every
// speed budget as the ratio of their medians. The Leaflet peer
// (leaflet_peer_bench_test.go) runs in the same turns, as information.
//
//	prerendered map visible   first contentful paint, with the server's map in it
//	wasm started cold         navigation start to Go's main (mark qcmap-main)
//	interactive cold          navigation start to app.wasm mounted and the map
//	                          driven (performance mark qcmap-interactive), first visit
//	interactive warm          the same for a returning visitor: a new browser
//	                          on the first one's profile, its service worker,
//	                          HTTP cache and code cache there
//	click to panel            a click on a partner's marker to the next frame
//	                          after its panel is in the page, five partners a
//	                          run (clickPartners); -painted, to the end of that
//	                          frame, when the panel can be seen (clickTimes)
//	zoom, drag frame          time between frames while the wheel zooms, and
//	                          while the mouse drags the map; idle frame, the
//	                          display's own interval, with nothing moving
//	offline                   visible and interactive with the server gone
//
// The minimal page gets the same visits, marks and clicks (its button
// shows a paragraph). Each browser first opens a small file of the same
// origin, so the numbers measure the page, not the browser's start; and
// each server has served the page once before the cold visit, as a running
// server has, so they measure a visitor's first visit, not the server's
// first render of the page.

const perfRuns = 7

// perfMedian returns the median and the 95th percentile of xs.
func perfMedian(xs []float64) (med, p95 float64) {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2], s[min(len(s)-1, (len(s)*95+99)/100-1)]
}

// report prints and reports the median and p95 of xs, as name-median-ms
// and name-p95-ms; server/benchreport holds the budgets they meet.
func report(b *testing.B, name string, xs []float64) {
	med, p95 := perfMedian(xs)
	b.ReportMetric(med, name+"-median-ms")
	b.ReportMetric(p95, name+"-p95-ms")
	b.Logf("%-40s median %7.1f ms  p95 %7.1f ms  runs %.0f", name, med, p95, xs)
}

// perfMark is the start time of a performance entry, in ms since
// navigation, once there is one.
func perfMark(br *browser, name string) float64 {
	br.t.Helper()
	entry := `performance.getEntriesByName("` + name + `")`
	br.waitFor("the performance entry "+name, entry+`.length > 0`)
	return eval[float64](br, entry+`[0].startTime`)
}

// pageRuns gathers each measure's samples by name, in the order first seen.
type pageRuns struct {
	names []string
	xs    map[string][]float64
}

func (r *pageRuns) add(name string, xs ...float64) {
	if r.xs == nil {
		r.xs = map[string][]float64{}
	}
	if _, ok := r.xs[name]; !ok {
		r.names = append(r.names, name)
	}
	r.xs[name] = append(r.xs[name], xs...)
}

// report reports each measure: a time as its median and p95, a count of
// bytes (a name ending in -bytes) as its median.
func (r *pageRuns) report(b *testing.B) {
	for _, n := range r.names {
		if !strings.HasSuffix(n, "-bytes") {
			report(b, n, r.xs[n])
			continue
		}
		med, _ := perfMedian(r.xs[n])
		b.ReportMetric(med, n)
		b.Logf("%-40s median %7.0f B  runs %.0f", n, med, r.xs[n])
	}
}

func BenchmarkBrowserPage(b *testing.B) {
	wasmBuilt(b)
	for b.Loop() {
	}
	floor := buildFloor(b)
	peer := startLeafletPeer(b)
	// One qcmap server for every turn (its start lays out the first views,
	// about 3 s); each turn serves it on a new port, closed for the offline
	// visit.
	qs, err := newServer("")
	if err != nil {
		b.Fatal(err)
	}
	var runs pageRuns
	for i := range perfRuns {
		visits := []func(){
			func() { qcmapRun(b, qs, &runs) },
			func() { floor.run(b, &runs) },
			func() { leafletVisit(b, peer, &runs) },
		}
		// Each turn starts one further along, so that no page always
		// follows the same one.
		for j := range visits {
			visits[(i+j)%len(visits)]()
		}
	}
	b.ReportMetric(0, "ns/op") // the runs are timed in the browser
	runs.report(b)
}

// qcmapRun is one turn of qcmap's visits: cold, then a returning visitor
// who clicks, zooms and drags, then the same visitor offline.
func qcmapRun(b *testing.B, srv *server.Server, runs *pageRuns) {
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close() // closed early for the offline visit; twice is fine
	base := ts.URL
	servedBefore(b, base+"/")
	profile := b.TempDir()

	br := newBrowserProfile(b, 1440, 900, "fr-CA", profile)
	br.do("starting the page's process", chromedp.Navigate(base+"/web/robots.txt"))
	br.open(base + "/")
	visible := perfMark(br, "first-contentful-paint")
	runs.add("prerendered-visible-cold", visible)
	// The partners' markers and names are in the page as sent, so its first
	// paint shows them: what the peer's leaflet-partner-visible-cold is of.
	runs.add("partner-visible-cold", visible)
	runs.add("wasm-started-cold", perfMark(br, "qcmap-main"))
	runs.add("interactive-cold", perfMark(br, "qcmap-interactive"))
	workerKeeps(br, "/web/app.wasm")
	br.close()

	// Warm: a returning visitor, the service worker and the caches there.
	br = newBrowserProfile(b, 1440, 900, "fr-CA", profile)
	br.do("starting the page's process", chromedp.Navigate(base+"/web/robots.txt"))
	br.open(base + "/")
	runs.add("interactive-warm", perfMark(br, "qcmap-interactive"))
	runs.add("idle-frame-interval", idleFrames(br))
	for _, id := range clickPartners {
		c := clickToPanel(br, id)
		runs.add("click-to-panel", c.Shown)
		runs.add("click-to-panel-painted", c.Painted)
		mapIdle(br)
	}
	br.open(base + "/")
	runs.add("zoom-frame-interval-p95", wheelFrames(br))
	br.open(base + "/")
	runs.add("drag-frame-interval-p95", dragFrames(br))

	// Offline: the server is gone; the service worker serves it all.
	ts.Close()
	br.open(base + "/")
	runs.add("offline-visible", perfMark(br, "first-contentful-paint"))
	runs.add("offline-interactive", perfMark(br, "qcmap-interactive"))
	br.close()
}

// servedBefore asks for the page once, as a browser does, so that the cold
// visit measures a visitor's first visit to a server that has served the
// page before (qcmap keeps a page's bytes once rendered for its origin;
// go-app's handler keeps its pages too), not the server's first render.
func servedBefore(b *testing.B, url string) {
	b.Helper()
	loadFetch(b, url, loadAcceptEncoding)
}

// workerKeeps waits until the page's service worker controls it and its
// cache holds path (under its content-hashed name or its own), so that the
// next visit is a warm one.
func workerKeeps(br *browser, path string) {
	br.t.Helper()
	br.waitFor("the service worker", `!!navigator.serviceWorker.controller`)
	stem, ext, _ := strings.Cut(path[strings.LastIndex(path, "/")+1:], ".")
	br.waitFor("the service worker's cache to hold "+path, `(async () => {
		for (const k of await caches.keys()) {
			for (const req of await (await caches.open(k)).keys()) {
				const p = new URL(req.url).pathname;
				if (p === `+strconv.Quote(path)+` || new RegExp("/`+stem+`\\.[0-9a-f]+\\.`+ext+`$").test(p)) return true;
			}
		}
		return false;
	})()`)
}

// idleFrames returns the median interval between animation frames while
// nothing moves: the display's frame interval, the unit of the frame budgets.
func idleFrames(br *browser) float64 {
	gaps, err := chromedp.Run(br.ctx, chromedp.Evaluate[[]float64](`new Promise(done => {
		const times = [];
		const tick = t => { times.push(t); if (times.length < 61) requestAnimationFrame(tick); else done(times.slice(1).map((t, i) => t - times[i])); };
		requestAnimationFrame(tick);
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		br.t.Fatal(err)
	}
	med, _ := perfMedian(gaps)
	return med
}

// mapIdle waits until the map has been still, at its view with its level
// of detail drawn, for 20 frames in a row, so the next measure does not pay
// for the last one's work (a zoom to a picked partner starts a frame after
// its panel).
func mapIdle(br *browser) {
	_, err := chromedp.Run(br.ctx, chromedp.Evaluate[chromedp.Void](`new Promise(done => {
		const svg = document.getElementById("map"), wrap = document.getElementById("map-wrap");
		let last = "", still = 0;
		const tick = () => {
			const now = svg.getAttribute("viewBox");
			const quiet = now === last && !svg.style.transform && !wrap.hasAttribute("data-loading");
			still = quiet ? still + 1 : 0;
			last = now;
			if (still >= 20) setTimeout(done, 50); else requestAnimationFrame(tick);
		};
		requestAnimationFrame(tick);
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		br.t.Fatal(err)
	}
}

// clickPartners are clicked in turn in each run: a partner with four events,
// a small one, one in Europe, one in Mexico, and one found by its marker.
var clickPartners = []string{"US-NY", "US-VT", "BE-WAL", "MX-NLE", "DE-BY"}

// clickToPanel clicks the partner's marker and returns the times until
// the frame after its panel is in the page.
func clickToPanel(br *browser, id string) clickTimes {
	return clickUntil(br, `document.querySelector('.markers [data-id="`+id+`"]')`,
		`document.querySelector('aside[data-panel][data-id="`+id+`"]')`)
}

// clickTimes are a click's milliseconds until the page shows it: Shown,
// to the start of the next frame after the change (its
// requestAnimationFrame callback, before the frame's style, layout and
// paint); Painted, to the end of that frame's work (a message posted from
// the callback runs after it), which is when a person can see the change.
type clickTimes struct{ Shown, Painted float64 }

// clickUntil dispatches a click on the element the expression target
// finds, and returns the times until the frame after the expression seen
// is first true, checked at each change of the page.
func clickUntil(br *browser, target, seen string) clickTimes {
	ms, err := chromedp.Run(br.ctx, chromedp.Evaluate[[2]float64](`new Promise(done => {
		const t0 = performance.now();
		const seen = () => `+seen+`;
		const obs = new MutationObserver(() => {
			if (!seen()) return;
			obs.disconnect();
			requestAnimationFrame(() => {
				const shown = performance.now() - t0;
				const after = new MessageChannel();
				after.port1.onmessage = () => done([shown, performance.now() - t0]);
				after.port2.postMessage(0);
			});
		});
		obs.observe(document.body, {subtree: true, childList: true, attributes: true});
		(`+target+`).dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true}));
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		br.t.Fatal(err)
	}
	return clickTimes{ms[0], ms[1]}
}

// recordFrames starts recording the times of animation frames into
// window.qcmapFrames, until window.qcmapFramesDone is set.
const recordFrames = `(() => {
	const times = window.qcmapFrames = [];
	window.qcmapFramesDone = false;
	const tick = t => { times.push(t); if (!window.qcmapFramesDone) requestAnimationFrame(tick); };
	requestAnimationFrame(tick);
})()`

// frameGapsP95 stops recording frames and returns the 95th percentile of
// the intervals between them.
func frameGapsP95(br *browser) float64 {
	times := eval[[]float64](br, `window.qcmapFramesDone = true, window.qcmapFrames`)
	if len(times) < 10 {
		br.t.Fatalf("only %d frames drawn during the movement", len(times))
	}
	var gaps []float64
	for i := 1; i < len(times); i++ {
		gaps = append(gaps, times[i]-times[i-1])
	}
	_, p95 := perfMedian(gaps)
	return p95
}

// wheelFrames turns the wheel 60 notches in, then 30 back out, a notch
// every 16 ms, and returns the p95 frame interval.
func wheelFrames(br *browser) float64 {
	before := eval[string](br, `document.getElementById("map").getAttribute("viewBox")`)
	_, err := chromedp.Run(br.ctx, chromedp.Evaluate[chromedp.Void](`new Promise(done => {
		`+recordFrames+`;
		const wrap = document.getElementById("map-wrap");
		const r = wrap.getBoundingClientRect();
		let i = 0;
		const wheel = setInterval(() => {
			wrap.dispatchEvent(new WheelEvent("wheel", {bubbles: true, cancelable: true, deltaY: (i < 60 ? -20 : 20), clientX: r.left + r.width / 3, clientY: r.top + r.height / 2}));
			if (++i == 90) { clearInterval(wheel); done(); }
		}, 16);
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		br.t.Fatal(err)
	}
	p95 := frameGapsP95(br)
	movedFrom(br, "the wheel", before)
	return p95
}

// movedFrom fails the benchmark unless the map settles at a view other
// than before: frames of a map that did not move measure nothing.
func movedFrom(br *browser, what, before string) {
	br.waitFor(what+" to move the map", `document.getElementById("map").getAttribute("viewBox") !== `+strconv.Quote(before)+
		` && !document.getElementById("map").style.transform`)
}

// dragFrames drags the map with the mouse, a move every 16 ms, and returns
// the p95 frame interval.
func dragFrames(br *browser) float64 {
	const n = 60
	br.do("recording frames", chromedp.Evaluate[chromedp.Void](recordFrames))
	x, y := 700.0, 450.0
	before := eval[string](br, `document.getElementById("map").getAttribute("viewBox")`)
	held := func(p *input.DispatchMouseEventParams) { p.Button, p.Buttons = input.MouseButtonLeft, 1 }
	br.do("pressing the mouse", chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, x, y, held, chromedp.ClickCount(1)))
	for i := range n {
		dx := 6.0
		if i >= n/2 {
			dx = -6
		}
		x += dx
		y += 2
		br.do("dragging", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x, y, held))
		time.Sleep(16 * time.Millisecond)
	}
	br.do("releasing the mouse", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, x, y, held, chromedp.ClickCount(1)))
	p95 := frameGapsP95(br)
	movedFrom(br, "the drag", before)
	return p95
}
