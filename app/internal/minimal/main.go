// Command minimal is the smallest go-app program there is: one route, one
// heading and a button. BenchmarkBrowserFloor (app/floor_bench_test.go)
// builds it the way qcmap's app.wasm is built and measures it with the same
// browser and the same marks as the map, so the report shows how fast any
// go-app page can start on the machine at hand: the floor under qcmap's
// own start-up times.
//
// Natively it serves itself, from a directory that holds web/app.wasm (the
// program built with GOOS=js GOARCH=wasm): minimal -addr 127.0.0.1:8000.
// The server is built only natively, as qcmap's is, so the wasm carries
// only what go-app itself brings.
package main

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// hello is a heading and a button that shows and hides a paragraph: the
// least a click can do in go-app (an event handler, then the component's
// update).
type hello struct {
	app.Compo
	shown int // clicks so far; the paragraph shows on odd ones
}

func (h *hello) Render() app.UI {
	return app.Div().Body(
		app.H1().Text("Bonjour"),
		app.Button().ID("toggle").Text("Afficher").OnClick(func(app.Context, app.Event) { h.shown++ }),
		app.If(h.shown%2 == 1, func() app.UI {
			return app.P().DataSet("panel", h.shown).Text("Bonjour encore")
		}),
	)
}

// OnMount sets the marks qcmap's page sets when it has mounted.
func (h *hello) OnMount(app.Context) {
	app.Window().Get("document").Get("documentElement").Get("dataset").Set("wasm", "ready")
	app.Window().Get("performance").Call("mark", "qcmap-interactive")
}

func main() {
	app.Route("/", func() app.Composer { return &hello{} })
	app.RunWhenOnBrowser()
	serve()
}
