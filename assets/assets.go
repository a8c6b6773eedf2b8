// Package assets embeds the files qcmap serves, so that the server binary
// runs with no files beside it: the relations data file, the styles and
// icons, and the built app.wasm (web/app.wasm, written by `make wasm`).
//
// Only the server build imports this package; the wasm build must not, or it
// would embed itself.
package assets

import (
	"embed"
	"io/fs"
)

// RelationsFile is the name of the embedded data file, for error messages.
const RelationsFile = "assets/data/relations.yaml"

//go:embed data/relations.yaml
var Relations []byte

//go:embed all:web
var web embed.FS

// WorkerTemplate is qcmap's service worker, as a go-app
// Handler.ServiceWorkerTemplate.
//
//go:embed worker/app-worker.js
var WorkerTemplate string

//go:embed geo/world geo/continent geo/closeup
var boundaries embed.FS

// Geo returns the boundary files, as geo.Load reads them:
// <level>/<layer>.geojson.
func Geo() fs.FS {
	sub, err := fs.Sub(boundaries, "geo")
	if err != nil {
		panic(err)
	}
	return sub
}

// Web returns the files served under /web/.
func Web() fs.FS {
	sub, err := fs.Sub(web, "web")
	if err != nil {
		panic(err) // "web" is a literal directory of this package
	}
	return sub
}
