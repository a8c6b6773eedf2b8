package server

import (
	"encoding/json"
	"mime"
	"net/http"
	"testing"
)

// TestRouteErrors asks every route a program calls for an unknown subpath
// and with a wrong method: each answers the API's JSON error, 404 or 405,
// never go-app's or the mux's plain text.
func TestRouteErrors(t *testing.T) {
	h := newTestServerHandler(t)
	paths := []struct {
		path string
		get  int // the status of a GET (0: not checked); a wrong method is always 405
	}{
		{"/map.svg/x", 404},
		{"/map.png/x", 404},
		{"/map.jpg", 404},
		{"/map.gif", 404},
		{"/map.", 404},
		{"/map.svg", 0},
		{"/map.png", 0},
		{"/oembed/anything", 404},
		{"/oembed", 400},
		{"/healthz/anything", 404},
		{"/healthz", 200},
		{"/geo/nope", 404},
		{"/geo/continent/nowhere", 404},
		{"/geo/map/xx", 404},
		{"/geo/continent/asia/x", 404},
		{"/web/missing.css", 404},
		{"/web/icons/missing.svg", 404},
		{"/api/nope", 404},
	}
	for _, p := range paths {
		for _, method := range []string{"GET", "POST", "DELETE", "PUT"} {
			want := p.get
			if method == "GET" && want == 0 {
				continue
			}
			if method != "GET" {
				want = http.StatusMethodNotAllowed
			}
			what := method + " " + p.path
			w := do(h, method, p.path, nil)
			if w.Code != want {
				t.Errorf("%s = %d %.100q; want %d", what, w.Code, w.Body, want)
				continue
			}
			if want < 400 {
				continue
			}
			if ct, _, _ := mime.ParseMediaType(w.Header().Get("Content-Type")); ct != "application/json" {
				t.Errorf("%s: Content-Type = %q; want application/json", what, w.Header().Get("Content-Type"))
			}
			var e struct{ Error string }
			if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error == "" {
				t.Errorf("%s: body = %.100q; want {\"error\": ...}", what, w.Body)
			}
			if want == http.StatusMethodNotAllowed && w.Header().Get("Allow") != "GET, HEAD" {
				t.Errorf("%s: Allow = %q; want GET, HEAD", what, w.Header().Get("Allow"))
			}
		}
	}
}
