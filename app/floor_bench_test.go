//go:build !wasm

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
)

// BenchmarkBrowserFloor measures what the machine allows before qcmap does
// anything, with the browser, the marks and the runs of BenchmarkBrowserPage,
// so the report can tell qcmap's cost from the floor under it:
//
//	text-page-visible              first paint of a 6-byte text file
//	minimal-goapp-visible-cold     first paint of the smallest go-app page
//	                               (app/internal/minimal: one route, one
//	                               heading), first visit
//	minimal-goapp-interactive-cold that page mounted, first visit
//	minimal-goapp-interactive-warm the same with its service worker warm
//	minimal-goapp-click            a click on its button to the paragraph it
//	                               shows in the page, as click to panel
//	                               measures it, five clicks a run
//
// The minimal program is built as app.wasm is (-trimpath -ldflags="-s -w")
// and served by go-app's own handler, which sends app.wasm uncompressed: on
// loopback that costs less than the brotli decoding it saves.
func BenchmarkBrowserFloor(b *testing.B) {
	for b.Loop() {
	}
	dir := b.TempDir()
	web := filepath.Join(dir, "web")
	if err := os.Mkdir(web, 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(web, "hello.txt"), []byte("Hello\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	wasm := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(web, "app.wasm"), "./internal/minimal")
	wasm.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := wasm.CombinedOutput(); err != nil {
		b.Fatalf("building the minimal go-app wasm: %v\n%s", err, out)
	}
	bin := filepath.Join(dir, "minimal")
	if out, err := exec.Command("go", "build", "-trimpath", "-o", bin, "./internal/minimal").CombinedOutput(); err != nil {
		b.Fatalf("building the minimal go-app server: %v\n%s", err, out)
	}
	addr := freeAddr(b)
	cmd := exec.Command(bin, "-addr", addr)
	cmd.Dir = dir
	srv := startLoadProc(b, dir, "minimal", cmd)
	base := "http://" + addr
	waitLoadUp(b, srv, base+"/web/hello.txt")

	var text, visible, cold, warm, click []float64
	for range perfRuns {
		br := newBrowser(b, 1440, 900)
		br.do("opening a text file", chromedp.Navigate(base+"/web/hello.txt"))
		br.waitFor("the text file's first paint", `performance.getEntriesByName("first-contentful-paint").length > 0`)
		text = append(text, perfMark(br, "first-contentful-paint"))
		br.open(base + "/")
		visible = append(visible, perfMark(br, "first-contentful-paint"))
		cold = append(cold, perfMark(br, "qcmap-interactive"))
		br.waitFor("the service worker", `!!navigator.serviceWorker.controller`)
		br.open(base + "/")
		warm = append(warm, perfMark(br, "qcmap-interactive"))
		for i := range 5 {
			click = append(click, clickToShow(br, 2*i+1))
			clickToShow(br, 2*i+2) // hides it again
		}
	}
	b.ReportMetric(0, "ns/op") // the runs are timed in the browser
	report(b, "text-page-visible", text)
	report(b, "minimal-goapp-visible-cold", visible)
	report(b, "minimal-goapp-interactive-cold", cold)
	report(b, "minimal-goapp-interactive-warm", warm)
	report(b, "minimal-goapp-click", click)
}

// clickToShow clicks the minimal page's button for the n-th time and
// returns the milliseconds until the frame after the page shows that click
// (its paragraph in, or out on even clicks), as clickToPanel does.
func clickToShow(br *browser, n int) float64 {
	seen := `!document.querySelector("p[data-panel]")`
	if n%2 == 1 {
		seen = `document.querySelector('p[data-panel="` + strconv.Itoa(n) + `"]')`
	}
	return clickUntil(br, `document.getElementById("toggle")`, seen)
}
