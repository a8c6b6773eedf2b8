//go:build wasm

package main

import (
	"encoding/json"
	"net/url"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"qcmap"
)

// bootstrapData reads the dataset the server embedded in the page. It runs
// before go-app mounts the components, while the prerendered DOM is there.
func bootstrapData() {
	// The moment Go's main started: app.wasm fetched, compiled and its
	// packages initialised. The benchmarks split the load time there.
	if perf := app.Window().Get("performance"); perf.Truthy() && perf.Get("mark").Truthy() {
		perf.Call("mark", "qcmap-main")
	}
	el := app.Window().GetElementByID(dataScriptID)
	if !el.Truthy() {
		app.Log("qcmap: the page carries no dataset")
		return
	}
	var d qcmap.Dataset
	if err := json.Unmarshal([]byte(el.Get("textContent").String()), &d); err != nil {
		app.Log("qcmap: decoding the dataset failed:", err)
		return
	}
	currentData = func() *qcmap.Dataset { return &d }

	// The map is drawn by the server in the page's language; keep it as
	// markup for the component to render.
	if svg := app.Window().GetElementByID("map"); svg.Truthy() {
		markup := svg.Get("outerHTML").String()
		currentMap = func(string) string { return markup }
	}
	drawn := app.Window().Get("document").Get("documentElement").Get("lang").String()
	pageLang = func(*url.URL) string { return drawn }
}

// serve does nothing in the browser: app.RunWhenOnBrowser never returns.
func serve() {}
