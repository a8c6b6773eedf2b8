//go:build wasm

package main

// serve does nothing in the browser: app.RunWhenOnBrowser never returns.
func serve() {}
