package server

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// goAppEmbed stands in for go-app's /embed: its loader's tags in the head
// and the spinner in the body, with the query the page was rendered for.
var goAppEmbed = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html")
	fmt.Fprintf(w, `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="UTF-8">
    <title>%s</title>
    <link rel="manifest" href="/manifest.webmanifest">
    <link type="text/css" rel="stylesheet" href="/app.css">
    <script defer src="/wasm_exec.js"></script>
    <script src="/app.js" defer></script>
    <link rel="preload" href="/web/app.wasm" as="fetch" type="application/wasm" crossorigin>
  </head>
  <body>
    <div class="page"><script type="application/json" id="qcmap-data">{"a":1}</script><svg id="map"></svg></div>
    <aside class="goapp-app-info" id="app-wasm-loader">
      <img id="app-wasm-loader-icon" src="/web/icon-192.png">
      <p id="app-wasm-loader-label"> </p>
    </aside>
  </body>
</html>`, r.URL.RawQuery)
})

// TestEmbedPages checks what the server does to /embed: the static embed
// (static=1) is rendered for that query and loses go-app's loader; the
// live embed gets the script that sends a browser without WebAssembly to
// it, which its Content-Security-Policy allows by hash; other pages are
// left alone.
func TestEmbedPages(t *testing.T) {
	s, _ := newTestServer(t)
	s.Pages = goAppEmbed
	s.PageParams = []string{"focus"}
	h := s.Handler()
	inline := "<script>" + noWasmScript + "</script>"
	loader := []string{`src="/wasm_exec.js"`, `src="/app.js"`, `rel="manifest"`, `/web/app.wasm`, `app-wasm-loader`}
	for _, tc := range []struct {
		name, target string
		title        string   // the query the page was rendered for
		has, hasNot  []string // in the body
	}{
		{"static", "/embed?static=1&focus=us-vt&n=2", "focus=us-vt&static=1", []string{`id="qcmap-data"`, `/app.css`, `<svg id="map">`}, append(loader, inline)},
		{"static=0 is the live embed", "/embed?static=0&focus=us-vt", "focus=us-vt", append(loader, inline), nil},
		{"live", "/embed?focus=us-vt", "focus=us-vt", append(loader, `<meta charset="UTF-8">`+inline), nil},
		{"another page", "/present?static=1", "", loader, []string{inline}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := do(h, "GET", tc.target, nil)
			body := w.Body.String()
			if w.Code != http.StatusOK {
				t.Fatalf("GET %s = %d; want 200", tc.target, w.Code)
			}
			if want := "<title>" + tc.title + "</title>"; !strings.Contains(body, want) {
				t.Errorf("GET %s: rendered for %q; want %s", tc.target, regexp.MustCompile(`<title>.*</title>`).FindString(body), want)
			}
			for _, s := range tc.has {
				if !strings.Contains(body, s) {
					t.Errorf("GET %s: the page lacks %s", tc.target, s)
				}
			}
			for _, s := range tc.hasNot {
				if strings.Contains(body, s) {
					t.Errorf("GET %s: the page has %s", tc.target, s)
				}
			}
			if got, want := w.Header().Get("Content-Length"), fmt.Sprint(len(body)); got != want {
				t.Errorf("GET %s: Content-Length %s; want %s", tc.target, got, want)
			}
		})
	}
	sum := sha256.Sum256([]byte(noWasmScript))
	hash := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	if csp := do(h, "GET", "/embed", nil).Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self' 'wasm-unsafe-eval' "+hash+";") {
		t.Errorf("/embed's Content-Security-Policy = %q; want its script-src to allow %s", csp, hash)
	}
	if csp := do(h, "GET", "/", nil).Header().Get("Content-Security-Policy"); strings.Contains(csp, "sha256-") {
		t.Errorf("/'s Content-Security-Policy = %q; want no inline script allowed", csp)
	}
}
