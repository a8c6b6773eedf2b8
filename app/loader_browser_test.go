//go:build !wasm

package main

import "testing"

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
