//go:build wasm

package main

import (
	"encoding/json"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"qcmap"
)

// bootstrapData reads the dataset the server embedded in the page. It runs
// before go-app mounts the components, while the prerendered DOM is there.
func bootstrapData() {
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
}

// serve does nothing in the browser: app.RunWhenOnBrowser never returns.
func serve() {}
