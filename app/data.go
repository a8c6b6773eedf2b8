package main

import (
	"net/url"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"qcmap"
)

// currentData returns the dataset to render. The server build points it at
// the data being served; the browser build at the copy bootstrapped from the
// prerendered page (see data_wasm.go).
var currentData = func() *qcmap.Dataset { return nil }

// dataScriptID is the id of the <script type="application/json"> element
// that carries the dataset inside every prerendered page, so the browser
// renders with the same data at once, without a second request.
const dataScriptID = "qcmap-data"

// langOf returns the interface language asked for by the URL (?lang=en),
// French by default.
func langOf(u *url.URL) string {
	if u != nil && u.Query().Get("lang") == langEN {
		return langEN
	}
	return langFR
}

// markMounted sets data-wasm="ready" on <html> once the client has mounted,
// so tests and people automating the page know it is interactive.
func markMounted() {
	if app.IsClient {
		app.Window().Get("document").Get("documentElement").Get("dataset").Set("wasm", "ready")
	}
}
