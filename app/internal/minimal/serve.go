//go:build !wasm

package main

import (
	"flag"
	"log"
	"net/http"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// serve serves the page and its files with go-app's handler. Its icons are
// files of its own (web/icon.png, web/icon-512.png, web/icon.svg), as any
// real app's are: go-app's default is a remote URL, which the service
// worker's precache cannot fetch on a machine without the Internet, so the
// worker would never install and nothing would be kept.
func serve() {
	addr := flag.String("addr", "127.0.0.1:8000", "address to listen on")
	flag.Parse()
	http.Handle("/", &app.Handler{
		Name: "minimal",
		Icon: app.Icon{Default: "/web/icon.png", Large: "/web/icon-512.png", SVG: "/web/icon.svg"},
	})
	log.Fatal(http.ListenAndServe(*addr, nil))
}
