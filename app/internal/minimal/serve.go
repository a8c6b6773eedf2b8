//go:build !wasm

package main

import (
	"flag"
	"log"
	"net/http"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// serve serves the page and its files with go-app's handler.
func serve() {
	addr := flag.String("addr", "127.0.0.1:8000", "address to listen on")
	flag.Parse()
	http.Handle("/", &app.Handler{Name: "minimal"})
	log.Fatal(http.ListenAndServe(*addr, nil))
}
