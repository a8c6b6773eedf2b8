package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"regexp"
	"strconv"
	"strings"
)

// This file is the embed that needs no WebAssembly: /embed?static=1 is the
// page the server prerendered (the map framed on ?focus=, its links, the
// card) without go-app's loader, so that no service worker is registered
// and app.wasm is not fetched. reveal.js's speaker view and webviews
// without WebAssembly (Trident in older Office, iOS Lockdown Mode, Edge's
// enhanced security) show it. The decision is the server's: go-app's
// loader (app.js) is left as it is.

// staticParam is the query parameter of the embed without wasm; only
// static=1 means it.
const staticParam = "static"

// noWasmScript, inlined at the top of /embed's head, sends a browser
// without WebAssembly to the static embed before go-app's scripts are
// even parsed: window.stop() ends this page's parsing, so app.js never
// runs and registers no service worker. ES5, for old webviews.
const noWasmScript = `(function(){if(typeof WebAssembly!=="undefined")return;` +
	`var q=location.search.replace(/^\?/,"").split("&").filter(function(s){return s&&s.split("=")[0]!=="static"});` +
	`q.push("static=1");if(window.stop)window.stop();` +
	`location.replace(location.pathname+"?"+q.join("&")+location.hash)})();`

// noWasmScriptHash is noWasmScript's CSP source, which /embed's
// Content-Security-Policy allows and no other page's does.
var noWasmScriptHash = func() string {
	sum := sha256.Sum256([]byte(noWasmScript))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}()

// isStaticEmbed reports whether r asks for the embed without wasm.
func isStaticEmbed(r *http.Request) bool {
	return r.URL.Path == "/embed" && r.URL.Query().Get(staticParam) == "1"
}

// embedPages stands before the page handler for /embed: the static embed
// loses go-app's loader, the live one gains noWasmScript. Other paths go
// to next as they are.
func (s *Server) embedPages(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/embed" {
			next.ServeHTTP(w, r)
			return
		}
		rec := &recorder{header: w.Header(), status: http.StatusOK}
		next.ServeHTTP(rec, r)
		page := rec.buf.Bytes()
		if rec.status == http.StatusOK && strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
			if isStaticEmbed(r) {
				page = withoutLoader(page)
			} else {
				page = withNoWasmScript(page)
			}
			w.Header().Set("Content-Length", strconv.Itoa(len(page)))
		}
		w.WriteHeader(rec.status)
		w.Write(page)
	})
}

// What of go-app's page the static embed leaves out: every script with a
// src (wasm_exec.js, app.js), the manifest (no install from a frame), the
// preload of app.wasm, and the loader's spinner. go-app writes attributes
// in any order, so a tag is matched whole and then by what it holds.
var (
	scriptTag = regexp.MustCompile(`<script\b[^>]*>\s*</script>\s*`)
	linkTag   = regexp.MustCompile(`<link\b[^>]*>\s*`)
	loaderTag = regexp.MustCompile(`(?s)<aside\b[^>]*\bid="app-wasm-loader"[^>]*>.*?</aside>\s*`)
)

// withoutLoader returns page without go-app's loader.
func withoutLoader(page []byte) []byte {
	page = scriptTag.ReplaceAllFunc(page, func(tag []byte) []byte {
		if bytes.Contains(tag, []byte(" src=")) {
			return nil
		}
		return tag
	})
	page = linkTag.ReplaceAllFunc(page, func(tag []byte) []byte {
		if bytes.Contains(tag, []byte(`rel="manifest"`)) || bytes.Contains(tag, []byte(`as="fetch"`)) {
			return nil
		}
		return tag
	})
	return loaderTag.ReplaceAll(page, nil)
}

// withNoWasmScript returns page with noWasmScript first in its head,
// after the charset.
func withNoWasmScript(page []byte) []byte {
	at := bytes.Index(page, []byte("<head>"))
	if at < 0 {
		return page
	}
	at += len("<head>")
	if m := bytes.Index(page[at:], []byte(`<meta charset="UTF-8">`)); m >= 0 && m < 64 {
		at += m + len(`<meta charset="UTF-8">`)
	}
	var out bytes.Buffer
	out.Grow(len(page) + len(noWasmScript) + 20)
	out.Write(page[:at])
	out.WriteString("<script>" + noWasmScript + "</script>")
	out.Write(page[at:])
	return out.Bytes()
}
