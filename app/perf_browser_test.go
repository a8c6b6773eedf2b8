//go:build !wasm

package main

import (
	"net/http/httptest"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// The page's speed in headless Chromium on loopback, printed by make bench
// as medians and 95th percentiles over several runs, each in a fresh
// browser. It is a benchmark, not a test: the machines are shared, so the
// numbers guide, they do not fail. server/benchreport holds the budgets.
//
//	prerendered map visible  first contentful paint, with the server's map in it
//	interactive cold/warm    navigation start to app.wasm mounted and the map
//	                         driven (performance mark qcmap-interactive),
//	                         first visit and with the service worker warm
//	wasm started cold        navigation start to Go's main (mark qcmap-main)
//	click to panel           a click on a partner's marker to its panel drawn,
//	                         five partners a run (clickPartners)
//	zoom, drag frame         time between frames while the wheel zooms, and
//	                         while the mouse drags the map
//	offline                  visible and interactive with the server gone
//
// Each browser first opens a small file of the same origin, so the numbers
// measure the page, not the browser's start; the page's own files are not
// in any cache when the cold visit starts.

const perfRuns = 5

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
	b.Logf("%-30s median %7.1f ms  p95 %7.1f ms  runs %.0f", name, med, p95, xs)
}

// perfMark is the start time of a performance entry, in ms since navigation.
func perfMark(br *browser, name string) float64 {
	return eval[float64](br, `performance.getEntriesByName("`+name+`")[0].startTime`)
}

func BenchmarkBrowserPage(b *testing.B) {
	wasmBuilt(b)
	for b.Loop() {
	}
	var visible, started, cold, warm, click, zoom, drag, offVisible, offReady []float64
	for range perfRuns {
		srv, err := newServer("")
		if err != nil {
			b.Fatal(err)
		}
		ts := httptest.NewServer(srv.Handler())
		b.Cleanup(ts.Close) // closed early for the offline visit; twice is fine
		base := ts.URL
		br := newBrowser(b, 1440, 900)
		br.do("starting the page's process", chromedp.Navigate(base+"/web/robots.txt"))
		br.open(base + "/")
		visible = append(visible, perfMark(br, "first-contentful-paint"))
		started = append(started, perfMark(br, "qcmap-main"))
		cold = append(cold, perfMark(br, "qcmap-interactive"))

		// Warm: the service worker and the caches are there.
		br.waitFor("the service worker", `!!navigator.serviceWorker.controller`)
		br.open(base + "/")
		warm = append(warm, perfMark(br, "qcmap-interactive"))

		for _, id := range clickPartners {
			click = append(click, clickToPanel(br, id))
			mapIdle(br)
		}
		br.open(base + "/")
		zoom = append(zoom, wheelFrames(br))
		br.open(base + "/")
		drag = append(drag, dragFrames(br))

		// Offline: the server is gone; the service worker serves it all.
		ts.Close()
		br.open(base + "/")
		offVisible = append(offVisible, perfMark(br, "first-contentful-paint"))
		offReady = append(offReady, perfMark(br, "qcmap-interactive"))
	}
	b.ReportMetric(0, "ns/op") // the runs are timed in the browser
	report(b, "prerendered-visible-cold", visible)
	report(b, "wasm-started-cold", started)
	report(b, "interactive-cold", cold)
	report(b, "interactive-warm", warm)
	report(b, "click-to-panel", click)
	report(b, "zoom-frame-interval-p95", zoom)
	report(b, "drag-frame-interval-p95", drag)
	report(b, "offline-visible", offVisible)
	report(b, "offline-interactive", offReady)
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

// clickToPanel clicks the partner's marker and returns the milliseconds
// until the frame after its panel is in the page.
func clickToPanel(br *browser, id string) float64 {
	return clickUntil(br, `document.querySelector('.markers [data-id="`+id+`"]')`,
		`document.querySelector('aside[data-panel][data-id="`+id+`"]')`)
}

// clickUntil dispatches a click on the element the expression target
// finds, and returns the milliseconds until the frame after the expression
// seen is first true, checked at each change of the page.
func clickUntil(br *browser, target, seen string) float64 {
	ms, err := chromedp.Run(br.ctx, chromedp.Evaluate[float64](`new Promise(done => {
		const t0 = performance.now();
		const seen = () => `+seen+`;
		const obs = new MutationObserver(() => {
			if (seen()) { obs.disconnect(); requestAnimationFrame(() => done(performance.now() - t0)); }
		});
		obs.observe(document.body, {subtree: true, childList: true, attributes: true});
		(`+target+`).dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true}));
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		br.t.Fatal(err)
	}
	return ms
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
