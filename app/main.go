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

// routes registers the pages, for the client and for the server's prerender.
// The client reads its dataset first (bootstrapData): its partner pages are
// one route per partner (partnerRoutes).
func routes() {
	app.Route("/", func() app.Composer { return newMapPage() })
	partnerRoutes(func() app.Composer { return newMapPage() })
	app.Route("/list", func() app.Composer { return newListPage() })
	app.Route("/embed", func() app.Composer { return newEmbedPage() })
	app.Route("/present", func() app.Composer { return newPresentPage() })
}
