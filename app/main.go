// Command app is qcmap's program, built twice: for GOOS=js GOARCH=wasm it is
// the go-app client (app.wasm) that runs in the browser; natively it is the
// server, which prerenders the same components and serves the API. Both
// builds must register the same routes, so they live here.
package main

import "github.com/maxence-charriere/go-app/v10/pkg/app"

func main() {
	paceCollector()
	bootstrapData()
	routes()
	yieldToBrowser()
	app.RunWhenOnBrowser()
	serve()
}

// appPages are the app's pages by their exact paths; the partners' pages
// (partnerPattern) are the others. The service worker answers these, and
// only these, from its shell (workerTemplate).
var appPages = []struct {
	path string
	page func() app.Composer
}{
	{"/", func() app.Composer { return newMapPage() }},
	{"/list", func() app.Composer { return newListPage() }},
	{"/embed", func() app.Composer { return newEmbedPage() }},
	{"/present", func() app.Composer { return newPresentPage() }},
}

// routes registers the pages, for the client and for the server's prerender.
// The client reads its dataset first (bootstrapData): its partner pages are
// one route per partner (partnerRoutes).
func routes() {
	for _, p := range appPages {
		app.Route(p.path, p.page)
	}
	partnerRoutes(func() app.Composer { return newMapPage() })
}
