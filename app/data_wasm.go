//go:build wasm

package main

import (
	"net/url"
	"runtime/debug"
	"syscall/js"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"qcmap"
)

// bootstrapData reads the dataset the server embedded in the page. It runs
// before go-app mounts the components, while the prerendered DOM is there.
func bootstrapData() {
	// The moment Go's main started: app.wasm fetched, compiled and its
	// packages initialised. The benchmarks split the load time there.
	markPerf("qcmap-main", nil)
	el := app.Window().GetElementByID(dataScriptID)
	if !el.Truthy() {
		app.Log("qcmap: the page carries no dataset")
		return
	}
	d, err := qcmap.DecodeJSON([]byte(el.Get("textContent").String()))
	if err != nil {
		app.Log("qcmap: decoding the dataset failed:", err)
		return
	}
	pg := &pageSite{data: d, lang: app.Window().Get("document").Get("documentElement").Get("lang").String()}
	// The map is drawn by the server in the page's language. The first map
	// page shows that element itself (takeMap); a copy, made before any of
	// it changes, is the markup for a map page mounted later.
	if svg := app.Window().GetElementByID("map"); svg.Truthy() {
		pg.prerendered = svg
		pg.pristine = svg.Call("cloneNode", true)
	}
	theSite = pg
}

// partnerRoutes routes the page's partners to the map, one exact route each
// (partnerPaths): go-app's router then has no pattern to compile. A partner
// the page's dataset lacks is go-app's not-found page, as on the server.
func partnerRoutes(page func() app.Composer) {
	for _, p := range partnerPaths(theSite.Data()) {
		app.Route(p, page)
	}
}

// yieldToBrowser ends the browser task Go's start runs in, so that the
// mount that follows is a task of its own: the page stays responsive to
// input between the two, and neither is as long as both. Go's runtime
// hands control back to the browser when every goroutine waits. A sleep
// does not make it wait for sure: the first run of the scheduler's timer
// code is compiled on the spot, and a 1 ms timer has often expired by the
// time the runtime looks for work, so it runs on in the same task. Waiting
// for a callback of the browser's own timer always ends the task.
func yieldToBrowser() {
	done := make(chan struct{})
	var resume js.Func
	resume = js.FuncOf(func(js.Value, []js.Value) any {
		resume.Release()
		close(done)
		return nil
	})
	js.Global().Call("setTimeout", resume, 0)
	<-done
}

// gcPercent is the client's GOGC. The page's whole heap is 2 to 3 MB once
// mounted, under Go's smallest heap goal (4 MB at GOGC 100), so with the
// default the first collection came a few clicks into a visit, and
// compiled the collector's code there (about 200 functions,
// wasm.CompileLazy), or in a 40 to 90 ms task of its own when the client
// ran it in the idle time after the mount. At 400 the smallest goal is
// 16 MB: the load and a visit's first interactions collect nothing, and a
// longer visit collects a quarter as often, for at most 12 MB more heap.
const gcPercent = 400

// paceCollector sets the collector's pace before anything is allocated.
func paceCollector() { debug.SetGCPercent(gcPercent) }

// gcCycles is how many collections have run, for the marks the tests read.
// (runtime/metrics's first Read builds its tables: 8 ms in a CPU profile.)
func gcCycles() int {
	var s debug.GCStats
	debug.ReadGCStats(&s)
	return int(s.NumGC)
}

// pageSite is the site as the prerendered page brought it: its dataset, its
// map, drawn in one language.
type pageSite struct {
	data *qcmap.Dataset
	lang string
	// prerendered is the map's element as the server drew it, until the
	// first map page takes it; pristine is a copy of it, untouched, and
	// markup that copy's markup, made the first time it is asked for.
	prerendered, pristine app.Value
	markup                string
}

func (s *pageSite) Data() *qcmap.Dataset { return s.data }
func (s *pageSite) Lang(*url.URL) string { return s.lang }

func (s *pageSite) Map(string) string {
	if s.markup == "" && s.pristine != nil {
		s.markup = s.pristine.Get("outerHTML").String()
	}
	return s.markup
}

// TakeMap hands over the prerendered map's element, once: the first map
// page shows it as it is, instead of markup that the browser would parse,
// lay out and paint again. Reading that markup out of the page and back
// in cost about 30 ms of the mount on these machines.
func (s *pageSite) TakeMap() (app.Value, bool) {
	el := s.prerendered
	s.prerendered = nil
	return el, el != nil
}

// serve does nothing in the browser: app.RunWhenOnBrowser never returns.
func serve() {}
