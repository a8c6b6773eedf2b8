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
// embedded in other sites and slides.
const embedSecurityPolicy = cspBase + "frame-ancestors *"

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

// headers sets the security headers on every response.
func (s *Server) headers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		if frameable(r.URL.Path) {
			h.Set("Content-Security-Policy", embedSecurityPolicy)
		} else {
			h.Set("Content-Security-Policy", contentSecurityPolicy)
		}
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if r.URL.Path == "/oembed" || strings.HasPrefix(r.URL.Path, "/api/") {
			// Read-only and public: any site's script may fetch them.
			h.Set("Access-Control-Allow-Origin", "*")
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
