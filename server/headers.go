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
		for _, f := range securityHeaders(r.URL.Path) {
			h[f.name] = f.values
		}
		next.ServeHTTP(w, r)
	})
}

// headerField is a response header with its shared values, assigned and
// never changed.
type headerField struct {
	name   string
	values []string
}

// The security headers of a page, of a page or image made to be framed,
// and of the public read-only API and oEmbed (any site's script may fetch
// them), made once.
var (
	pageSecurity   = securityFields(cspPage)
	embedSecurity  = securityFields(cspEmbed)
	publicSecurity = append(securityFields(cspPage), headerField{"Access-Control-Allow-Origin", anyOrigin})
)

func securityFields(csp []string) []headerField {
	return []headerField{
		{"Content-Security-Policy", csp},
		{"X-Content-Type-Options", nosniff},
		{"Referrer-Policy", referrer},
		{"Cross-Origin-Opener-Policy", sameOrigin},
	}
}

// securityHeaders returns the security headers of every response to path:
// the one list that both the net/http handler and the fast path of kept
// pages (fast.go) send.
func securityHeaders(path string) []headerField {
	switch {
	case frameable(path):
		return embedSecurity
	case path == "/oembed" || strings.HasPrefix(path, "/api/"):
		return publicSecurity
	}
	return pageSecurity
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
