package server

import (
	"encoding/json"
	"mime"
	"net/http"
	"strings"
	"testing"
)

// TestErrorsAreJSON checks that every route a program calls answers its
// errors as the API does: JSON, with Allow on a 405, and no ERROR logged.
func TestErrorsAreJSON(t *testing.T) {
	s, log := newTestServer(t)
	h := s.Handler()
	tests := []struct {
		method, target string
		want           int
	}{
		{"POST", "/map.svg", 405},
		{"PUT", "/map.png", 405},
		{"DELETE", "/oembed", 405},
		{"POST", "/healthz", 405},
		{"POST", "/geo/continent/asia", 405},
		{"POST", "/web/x.css", 405},
		{"PATCH", "/api/relations", 405},
		{"GET", "/geo/nope", 404},
		{"GET", "/geo/continent/nowhere", 404},
		{"GET", "/web/missing.css", 404},
		{"GET", "/web/%2e%2e", 404},
		{"GET", "/web/%ff", 404},
		{"GET", "/web/icons/", 404},
		{"GET", "/api/nope", 404},
	}
	for _, tt := range tests {
		w := do(h, tt.method, tt.target, nil)
		what := tt.method + " " + tt.target
		if w.Code != tt.want {
			t.Errorf("%s = %d %q; want %d", what, w.Code, w.Body, tt.want)
			continue
		}
		if ct, _, _ := mime.ParseMediaType(w.Header().Get("Content-Type")); ct != "application/json" {
			t.Errorf("%s: Content-Type = %q; want JSON", what, w.Header().Get("Content-Type"))
		}
		var e struct{ Error string }
		if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error == "" {
			t.Errorf("%s: body = %q; want {\"error\": ...}", what, w.Body)
		}
		if tt.want == 405 && w.Header().Get("Allow") == "" {
			t.Errorf("%s: no Allow header", what)
		}
	}
	if got := log.String(); strings.Contains(got, "level=ERROR") {
		t.Errorf("log = %q; want no ERROR line", got)
	}
}

// TestEmptyListsAreArrays serves a dataset with no offices, events or
// themes: each is [] in JSON, never null.
func TestEmptyListsAreArrays(t *testing.T) {
	s, _ := newTestServer(t)
	d := loadReal(t)
	d.Offices, d.Events, d.Themes, d.Sources = nil, nil, nil, nil
	for i := range d.Agreements {
		d.Agreements[i].Sectors = nil
	}
	s.SetData(d)
	h := s.Handler()
	for _, target := range []string{"/api/offices", "/api/relations", "/api/partners", "/api/partners/us-vt"} {
		w := do(h, "GET", target, nil)
		if w.Code != 200 || strings.Contains(w.Body.String(), "null") {
			t.Errorf("GET %s = %d %.200q; want 200 and no null", target, w.Code, w.Body)
		}
	}
	if w := do(h, "GET", "/api/offices", nil); strings.TrimSpace(w.Body.String()) != "[]" {
		t.Errorf("GET /api/offices = %q; want []", w.Body)
	}
}

// TestPartnerPages checks the middleware before the page handler: the
// canonical id is lower case, and an unknown id is a real 404 page.
func TestPartnerPages(t *testing.T) {
	s, _ := newTestServer(t)
	h := s.Handler()
	tests := []struct {
		target   string
		want     int
		location string // of a redirect
		body     string // in the page
	}{
		{"/partners/us-vt", 200, "", "page /partners/us-vt"},
		{"/partners/US-VT", 301, "/partners/us-vt", ""},
		{"/partners/Us-Vt?lang=en&sector=trade", 301, "/partners/us-vt?lang=en&sector=trade", ""},
		{"/partners/us-vt/", 301, "/partners/us-vt", ""},
		{"/partners/fr", 200, "", "page /partners/fr"},
		{"/partners/xx-zz", 404, "", `lang="fr"`},
		{"/partners/xx-zz?lang=en", 404, "", "Back to the map"},
		{"/partners/XX-ZZ", 404, "", "Retour à la carte"},
		{"/partners/", 404, "", `href="/web/qcmap.css"`},
		{"/partners/us-vt/x", 404, "", "/web/qcmap.css"},
	}
	for _, tt := range tests {
		w := do(h, "GET", tt.target, nil)
		if w.Code != tt.want {
			t.Errorf("GET %s = %d; want %d", tt.target, w.Code, tt.want)
			continue
		}
		if got := w.Header().Get("Location"); got != tt.location {
			t.Errorf("GET %s: Location = %q; want %q", tt.target, got, tt.location)
		}
		if !strings.Contains(w.Body.String(), tt.body) {
			t.Errorf("GET %s: body = %q; want it to contain %q", tt.target, w.Body, tt.body)
		}
		if w.Code == 404 {
			if got := w.Header().Get("Content-Type"); got != "text/html; charset=utf-8" {
				t.Errorf("GET %s: Content-Type = %q; want text/html; charset=utf-8", tt.target, got)
			}
			if !strings.Contains(w.Body.String(), `href="/"`) && !strings.Contains(w.Body.String(), `href="/?lang=en"`) {
				t.Errorf("GET %s: body = %q; want a link back to the map", tt.target, w.Body)
			}
		}
	}
}

// TestPagesCharset checks that a page go-app sends as text/html says its
// charset.
func TestPagesCharset(t *testing.T) {
	s, _ := newTestServer(t)
	s.Pages = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<!doctype html><head></head>"))
	})
	if got := do(s.Handler(), "GET", "/", nil).Header().Get("Content-Type"); got != "text/html; charset=utf-8" {
		t.Errorf("GET / Content-Type = %q; want text/html; charset=utf-8", got)
	}
}

// TestCORS checks that the read-only API and oEmbed may be fetched from any
// site's script, and nothing else says so.
func TestCORS(t *testing.T) {
	h := newTestServerHandler(t)
	for _, tt := range []struct {
		target string
		want   string
	}{
		{"/api/relations", "*"}, {"/api/partners/us-vt", "*"}, {"/api/offices", "*"}, {"/api/nope", "*"},
		{"/oembed", "*"}, {"/", ""}, {"/web/x.css", ""}, {"/healthz", ""},
	} {
		if got := do(h, "GET", tt.target, nil).Header().Get("Access-Control-Allow-Origin"); got != tt.want {
			t.Errorf("GET %s: Access-Control-Allow-Origin = %q; want %q", tt.target, got, tt.want)
		}
	}
}

func newTestServerHandler(t *testing.T) http.Handler {
	s, _ := newTestServer(t)
	return s.Handler()
}
