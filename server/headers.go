package server

import (
	"net/http"
	"strings"
)

// contentSecurityPolicy allows what the go-app page needs and nothing more:
// its own scripts, compiling app.wasm ('wasm-unsafe-eval'), and fetches to
// its own origin. Pages may only be framed by qcmap itself, except the
// embeddable ones (see frameable).
const contentSecurityPolicy = cspBase + "frame-ancestors 'self'"

// embedSecurityPolicy is the same for the pages and images made to be
// embedded in other sites and slides, with the one inline script /embed
// carries (noWasmScript, embed_pages.go) allowed by its hash.
var embedSecurityPolicy = strings.Replace(cspBase, "'wasm-unsafe-eval'; ", "'wasm-unsafe-eval' "+noWasmScriptHash+"; ", 1) + "frame-ancestors *"

const cspBase = "default-src 'self'; " +
	"script-src 'self' 'wasm-unsafe-eval'; " +
	"style-src 'self'; " +
	"img-src 'self' data:; " +
	"connect-src 'self'; " +
	"manifest-src 'self'; " +
	"worker-src 'self'; " +
	"object-src 'none'; " +
	"base-uri 'self'; " +
	"form-action 'self'; "

// The security headers' values, made once and shared by every response
// (assigned, never changed: Set and Add make new slices).
var (
	cspPage    = []string{contentSecurityPolicy}
	cspEmbed   = []string{embedSecurityPolicy}
	nosniff    = []string{"nosniff"}
	referrer   = []string{"strict-origin-when-cross-origin"}
	sameOrigin = []string{"same-origin"}
	anyOrigin  = []string{"*"}
)

// headers sets the security headers on every response.
func (s *Server) headers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		if frameable(r.URL.Path) {
			h["Content-Security-Policy"] = cspEmbed
		} else {
			h["Content-Security-Policy"] = cspPage
		}
		h["X-Content-Type-Options"] = nosniff
		h["Referrer-Policy"] = referrer
		h["Cross-Origin-Opener-Policy"] = sameOrigin
		if r.URL.Path == "/oembed" || strings.HasPrefix(r.URL.Path, "/api/") {
			// Read-only and public: any site's script may fetch them.
			h["Access-Control-Allow-Origin"] = anyOrigin
		}
		next.ServeHTTP(w, r)
	})
}

// frameable reports whether any site may frame the path: the embed view,
// the presentation mode and the map images.
func frameable(path string) bool {
	switch path {
	case "/embed", "/present", "/map.svg", "/map.png":
		return true
	}
	return false
}
