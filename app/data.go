package main

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"qcmap"
	"qcmap/geo"
	"qcmap/geo/carto"
)

// A site is where the pages get what they draw: the dataset, the map's
// markup and the language the page was drawn in. The server build serves
// them from the server (serve.go); the browser build from the prerendered
// page it arrived as (data_wasm.go).
type site interface {
	// Data returns the dataset to render, or nil before any is loaded.
	Data() *qcmap.Dataset
	// Map returns the map's SVG markup in lang, or "".
	Map(lang string) string
	// Lang returns the language the page was drawn in: on the server the
	// URL's; in the browser the <html lang> of the page as it arrived,
	// which differs from the URL's when the service worker answered
	// ?lang=en with the kept French shell.
	Lang(u *url.URL) string
	// TakeMap returns, once, the map's element that the prerendered page
	// holds, for the page that shows it to keep; false when there is none
	// (on the server, and after the first call).
	TakeMap() (app.Value, bool)
}

// theSite is the one value the pages read their data from; it is set once,
// before the first page renders.
var theSite site = emptySite{}

// emptySite is the site before the server or the bootstrap has set one.
type emptySite struct{}

func (emptySite) Data() *qcmap.Dataset       { return nil }
func (emptySite) Map(string) string          { return "" }
func (emptySite) Lang(u *url.URL) string     { return langOf(u) }
func (emptySite) TakeMap() (app.Value, bool) { return nil, false }

// dataScriptID is the id of the <script type="application/json"> element
// that carries the dataset inside every prerendered page, so the browser
// renders with the same data at once, without a second request.
const dataScriptID = "qcmap-data"

// langOf returns the interface language asked for by the URL (?lang=en),
// French by default.
func langOf(u *url.URL) string {
	if u != nil && carto.Lenient(u.Query(), nil).Lang == langEN {
		return langEN
	}
	return langFR
}

// markMounted sets data-wasm="ready" on <html> once the client has mounted,
// so tests and people automating the page know it is interactive.
func markMounted() {
	if app.IsClient {
		app.Window().Get("document").Get("documentElement").Get("dataset").Set("wasm", "ready")
		// The moment the map became interactive, for the benchmarks.
		// gc: the collections so far, which the pace (gcPercent) keeps at 0.
		markPerf("qcmap-interactive", map[string]any{"gc": gcCycles()})
		loadLaterFonts()
	}
}

// laterFontsAsked is set once loadLaterFonts has asked for the faces.
var laterFontsAsked bool

// loadLaterFonts asks the browser, once it is idle after the first mount,
// for the faces the page does not preload (carto.Fonts' Preload). Left to
// the stylesheet, the first panel's bold text started Open Sans 700's
// download: the panel was laid out in the fallback face, then again when
// the font came. A catch keeps a failed load (offline, no worker yet) from
// being an uncaught rejection; the text then stays in the fallback face.
func loadLaterFonts() {
	fonts := app.Window().Get("document").Get("fonts")
	if laterFontsAsked || !fonts.Truthy() || !fonts.Get("load").Truthy() {
		return
	}
	laterFontsAsked = true
	onIdle(func() {
		var ignore app.Func
		for _, f := range carto.Fonts {
			if f.Preload {
				continue
			}
			if ignore == nil {
				ignore = app.FuncOf(func(app.Value, []app.Value) any { return nil })
			}
			fonts.Call("load", f.Shorthand()).Call("catch", ignore)
		}
	})
}

// markPerf adds a performance mark (with detail, if not nil) for the tests
// and the benchmarks to read.
func markPerf(name string, detail map[string]any) {
	perf := app.Window().Get("performance")
	if !perf.Truthy() || !perf.Get("mark").Truthy() {
		return
	}
	if detail == nil {
		perf.Call("mark", name)
		return
	}
	perf.Call("mark", name, map[string]any{"detail": detail})
}

// markLast is markPerf for a mark made again and again: the page keeps
// only the last one.
func markLast(name string, detail map[string]any) {
	if perf := app.Window().Get("performance"); perf.Truthy() && perf.Get("clearMarks").Truthy() {
		perf.Call("clearMarks", name)
	}
	markPerf(name, detail)
}

func parseURL(s string) (*url.URL, error) { return url.Parse(s) }

// prerenderView sets the SVG's viewBox to frame the selected partner, so a
// partner's page is drawn zoomed in before the wasm arrives. The box comes
// from the marker's data-box attribute.
func prerenderView(svg, id string) string {
	if id == "" {
		return svg
	}
	i := strings.Index(svg, `data-id="`+id+`" class="marker`)
	if i < 0 {
		return svg
	}
	rest := svg[i:]
	j := strings.Index(rest, `data-box="`)
	if j < 0 {
		return svg
	}
	rest = rest[j+len(`data-box="`):]
	b, ok := parseBox(rest[:strings.IndexByte(rest, '"')])
	if !ok {
		return svg
	}
	v := carto.World(1280, 800).Focus(b) // a laptop window; the client corrects it on mount
	// The map is drawn at the first view: its root's viewBox and classes
	// give way to the partner's frame.
	if k := strings.Index(svg, `viewBox="`); k >= 0 {
		if end := strings.IndexByte(svg[k+len(`viewBox="`):], '"'); end >= 0 {
			svg = svg[:k] + `viewBox="` + v.ViewBox() + svg[k+len(`viewBox="`)+end:]
		}
	}
	// Without the wasm nothing scales France's hatching to the frame
	// (scaleHatch): the prerender does, for the world level it draws.
	if tr, ok := hatchTransform(v, geo.World); ok {
		if k := strings.Index(svg, `<pattern id="hatch"`); k >= 0 {
			const attr = `patternTransform="`
			if a := strings.Index(svg[k:], attr); a >= 0 {
				a += k + len(attr)
				if end := strings.IndexByte(svg[a:], '"'); end >= 0 {
					svg = svg[:a] + tr + svg[a+end:]
				}
			}
		}
	}
	// Without the wasm nothing sets --u, the markers' scale; the uN class
	// gives the stylesheet's nearest value.
	n := carto.MarkerScaleClass(v.UnitsPerPx())
	return strings.Replace(svg, `class="map z0 fv"`, `class="map z`+strconv.Itoa(v.Step())+` u`+strconv.Itoa(n)+`"`, 1)
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
