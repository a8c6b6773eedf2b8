//go:build !wasm

package main

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"image/png"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserShareExports opens the share dialog on Wallonia and checks
// what its buttons give: the link, an iframe snippet of /embed, an SVG that
// parses and holds the partners, and PNGs of the right sizes, all drawn in
// the browser.
func TestBrowserShareExports(t *testing.T) {
	base := startApp(t)
	b := newBrowser(t, 1440, 900)
	b.open(base + "/partners/be-wal")
	b.do("opening the share dialog", chromedp.Click(chromedp.CSS(".share-open")))
	b.waitFor("the dialog", `!!document.querySelector('[role="dialog"] #share-link')`)

	// The link may carry the view (?view=) once the map has settled.
	link, err := url.Parse(eval[string](b, `document.getElementById("share-link").value`))
	if err != nil || link.Path != "/partners/be-wal" || !strings.HasPrefix(base, link.Scheme+"://"+link.Host) {
		t.Errorf("share link = %v (%v); want %s/partners/be-wal", link, err, base)
	}
	if got := eval[string](b, `document.getElementById("share-iframe").value`); !strings.Contains(got, `<iframe src="`+base+`/embed?focus=be-wal`) {
		t.Errorf("iframe snippet = %q; want an iframe of /embed?focus=be-wal", got)
	}

	// The pictures for slides are the server's, named with the data's
	// version, so that a new dataset is a new URL for Google Slides.
	version := eval[string](b, `document.querySelector('meta[name="qcmap-data-version"]').content`)
	if len(version) != 16 {
		t.Errorf("the page's data version is %q; want 16 hex digits", version)
	}
	for _, tc := range []struct {
		what, js string
		w, h     string
	}{
		{"the PowerPoint/Keynote download", `document.getElementById("share-png2x").href`, "3840", "2160"},
		{"the Google Slides URL", `document.getElementById("share-slides-url").value`, "1920", "1080"},
	} {
		raw := eval[string](b, tc.js)
		u, err := url.Parse(raw)
		if err != nil || !strings.HasPrefix(raw, base+"/map.png?") {
			t.Errorf("%s = %q; want %s/map.png?…", tc.what, raw, base)
			continue
		}
		q := u.Query()
		if q.Get("v") != version || q.Get("focus") != "be-wal" || q.Get("width") != tc.w || q.Get("height") != tc.h {
			t.Errorf("%s = %q; want focus=be-wal, %s×%s and v=%s", tc.what, raw, tc.w, tc.h, version)
		}
		got, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`fetch(`+jsString(raw)+`).then(r => r.status + " " + r.headers.get("content-type"))`, chromedp.EvalAwaitPromise))
		if err != nil || got != "200 image/png" {
			t.Errorf("fetching %s: %q, %v; want 200 image/png", tc.what, got, err)
		}
	}
	if !eval[bool](b, `(() => {
		const a = document.getElementById("share-png2x");
		a.scrollIntoView({block: "center"});
		const r = a.getBoundingClientRect();
		return r.width > 0 && document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === a &&
			getComputedStyle(a).color !== getComputedStyle(document.querySelector(".share-dialog")).backgroundColor;
	})()`) {
		t.Error("the PowerPoint/Keynote download link does not show: hidden, covered or in the dialog's background colour")
	}
	if n := eval[int](b, `[...document.querySelectorAll(".share-slides .share-how")].filter(p => p.textContent.trim() !== "").length`); n != 2 {
		t.Errorf("%d lines of what to do in the slides' section; want 2 (PowerPoint/Keynote, Google Slides)", n)
	}

	// The dialog, with its new section, passes axe-core where it is
	// installed (make test installs it).
	if axe, err := os.ReadFile(axePath); err == nil {
		for _, viol := range b.audit(string(axe)) {
			t.Errorf("the share dialog: %s", viol)
		}
	}

	// Keep the downloads as data URLs instead of saving them.
	eval[bool](b, `(() => { window.__exports = []; HTMLAnchorElement.prototype.click = function() { window.__exports.push(this.href); }; return true })()`)
	for i, tc := range []struct {
		button     string
		w, h       int
		wantSVGXML bool
	}{
		{"svg", 0, 0, true},
		{"png1", 1920, 1080, false},
		{"png2", 3840, 2160, false},
	} {
		b.do("exporting "+tc.button, chromedp.Click(chromedp.CSS(`[data-export="`+tc.button+`"]`)))
		b.waitFor(tc.button+" export", `window.__exports.length > `+string(rune('0'+i)))
		href := eval[string](b, `window.__exports[`+string(rune('0'+i))+`]`)
		head, data, ok := strings.Cut(href, ",")
		if !ok {
			t.Fatalf("%s export %.40q is not a data URL", tc.button, href)
		}
		if tc.wantSVGXML {
			svg, err := url.PathUnescape(data)
			if err != nil {
				t.Fatal(err)
			}
			if err := xml.Unmarshal([]byte(svg), new(struct{})); err != nil {
				t.Errorf("the SVG export does not parse as XML: %v", err)
			}
			for _, id := range []string{"BE-WAL", "BE-VLG", "US-VT", "office-sao-paulo"} {
				if !strings.Contains(svg, `data-id="`+id+`"`) {
					t.Errorf("the SVG export lacks data-id %q", id)
				}
			}
			if !strings.Contains(svg, "2019-04-18") {
				t.Error("the SVG export lacks the source line with its date")
			}
			continue
		}
		if head != "data:image/png;base64" {
			t.Fatalf("%s export is %q; want a PNG data URL", tc.button, head)
		}
		raw, err := base64.StdEncoding.DecodeString(data)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("%s export does not decode: %v", tc.button, err)
		}
		if got := img.Bounds().Size(); got.X != tc.w || got.Y != tc.h {
			t.Errorf("%s export is %v; want %dx%d", tc.button, got, tc.w, tc.h)
		}
	}
	b.noErrors()
}
