//go:build !wasm

package main

import (
	"slices"
	"testing"

	"github.com/chromedp/chromedp"
)

// The page's speed in headless Chromium on loopback, printed by make bench
// as medians and 95th percentiles over several runs. It is a benchmark, not
// a test: the machines are shared, so the numbers guide, they do not fail.
//
//	prerendered map visible  first contentful paint, with the server's map in it
//	interactive cold/warm    navigation start to app.wasm mounted and the map
//	                         driven (performance mark qcmap-interactive),
//	                         first visit and with the service worker warm
//	click to panel           a click on New York's marker to its panel drawn
//	zoom frame interval      time between frames while the wheel zooms

const perfRuns = 5

// perfMedian returns the median and the 95th percentile of xs.
func perfMedian(xs []float64) (med, p95 float64) {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2], s[min(len(s)-1, (len(s)*95+99)/100-1)]
}

func report(b *testing.B, name string, xs []float64, budget float64) {
	med, p95 := perfMedian(xs)
	b.ReportMetric(med, name+"-median-ms")
	b.ReportMetric(p95, name+"-p95-ms")
	verdict := "ok"
	if med > budget {
		verdict = "OVER BUDGET"
	}
	b.Logf("%-26s median %7.1f ms  p95 %7.1f ms  (budget %v ms): %s  runs %v", name, med, p95, budget, verdict, xs)
}

func BenchmarkBrowserPage(b *testing.B) {
	base := startApp(b)
	for b.Loop() {
	}
	var visible, cold, warm, click, frames []float64
	for range perfRuns {
		br := newBrowser(b, 1440, 900)
		br.do("loading the map", chromedp.Navigate(base+"/"))
		br.waitFor("the wasm to mount", `document.documentElement.dataset.wasm === "ready"`)
		visible = append(visible, eval[float64](br, `performance.getEntriesByName("first-contentful-paint")[0].startTime`))
		cold = append(cold, eval[float64](br, `performance.getEntriesByName("qcmap-interactive")[0].startTime`))

		// Warm: the service worker and the caches are there.
		br.waitFor("the service worker", `!!navigator.serviceWorker.controller`)
		br.do("reloading", chromedp.Navigate(base+"/"))
		br.waitFor("the wasm to mount again", `document.documentElement.dataset.wasm === "ready"`)
		warm = append(warm, eval[float64](br, `performance.getEntriesByName("qcmap-interactive")[0].startTime`))

		ms, err := chromedp.Run(br.ctx, chromedp.Evaluate[float64](`new Promise(done => {
			const t0 = performance.now();
			const seen = () => document.querySelector('aside[data-panel][data-id="US-NY"]');
			const obs = new MutationObserver(() => {
				if (seen()) { obs.disconnect(); requestAnimationFrame(() => done(performance.now() - t0)); }
			});
			obs.observe(document.body, {subtree: true, childList: true, attributes: true});
			document.querySelector('.markers [data-id="US-NY"]').dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true}));
		})`, chromedp.EvalAwaitPromise))
		if err != nil {
			b.Fatal(err)
		}
		click = append(click, ms)

		gaps, err := chromedp.Run(br.ctx, chromedp.Evaluate[[]float64](`new Promise(done => {
			const wrap = document.getElementById("map-wrap");
			const r = wrap.getBoundingClientRect();
			const times = [];
			let n = 0;
			const tick = t => { times.push(t); if (times.length < 90) requestAnimationFrame(tick); else finish(); };
			const wheel = setInterval(() => {
				wrap.dispatchEvent(new WheelEvent("wheel", {bubbles: true, cancelable: true, deltaY: (n++ < 30 ? -40 : 40), clientX: r.left + r.width / 3, clientY: r.top + r.height / 2}));
			}, 16);
			const finish = () => { clearInterval(wheel); const g = []; for (let i = 1; i < times.length; i++) g.push(times[i] - times[i-1]); done(g); };
			requestAnimationFrame(tick);
		})`, chromedp.EvalAwaitPromise))
		if err != nil {
			b.Fatal(err)
		}
		_, p95 := perfMedian(gaps)
		frames = append(frames, p95)
	}
	report(b, "prerendered-visible-cold", visible, 150)
	report(b, "interactive-cold", cold, 800)
	report(b, "interactive-warm", warm, 300)
	report(b, "click-to-panel", click, 50)
	report(b, "zoom-frame-interval-p95", frames, 20)
}
