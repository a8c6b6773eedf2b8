//go:build !wasm

package main

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestScreenshots takes the README's pictures: the world map and Vermont's
// panel, in French and English, on a desktop, a 16:9 laptop, a tablet and
// a phone. `make
// screenshots` sets QCMAP_SCREENSHOTS to write them to assets/screenshots;
// otherwise they go to a temporary directory and the test only checks that
// each is a PNG of the window's size.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("QCMAP_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	base := startApp(t)

	devices := []struct {
		name   string
		w, h   int
		mobile bool
	}{
		{"desktop", 1440, 900, false},
		{"laptop", 1280, 720, false},
		{"tablet", 768, 1024, true},
		{"phone", 390, 844, true},
	}
	pages := []struct{ name, path string }{
		{"map", "/"},
		{"vermont", "/partners/us-vt"},
	}
	for _, d := range devices {
		for _, lang := range []string{langFR, langEN} {
			for _, p := range pages {
				name := p.name + "-" + lang + "-" + d.name + ".png"
				t.Run(name, func(t *testing.T) {
					// A fresh browser for each picture, as on a first
					// visit: once the service worker is installed it
					// answers navigations from its cache, and the app
					// remembers the language last followed.
					b := newBrowser(t, d.w, d.h)
					if d.mobile {
						b.do("emulating a phone", chromedp.EmulateViewport(int64(d.w), int64(d.h),
							chromedp.EmulateScale(1), chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait))
					}
					b.open(base + p.path + "?lang=" + lang)
					if got := eval[string](b, `document.documentElement.lang`); got != lang {
						t.Errorf("<html lang> = %q; want %q", got, lang)
					}
					if p.name == "vermont" {
						b.waitPanel("partner", "US-VT")
					}
					b.waitFor("the fonts", `document.fonts.status === "loaded"`)
					b.waitSettled()
					shot, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
					if err != nil {
						t.Fatalf("screenshot: %v", err)
					}
					img, err := png.Decode(bytes.NewReader(shot))
					if err != nil {
						t.Fatalf("screenshot is not a PNG: %v", err)
					}
					if got := img.Bounds().Size(); got.X != d.w || got.Y != d.h {
						t.Errorf("screenshot is %d×%d; want %d×%d", got.X, got.Y, d.w, d.h)
					}
					if err := os.WriteFile(filepath.Join(dir, name), shot, 0o644); err != nil {
						t.Fatal(err)
					}
					b.noErrors()
				})
			}
		}
	}
}
