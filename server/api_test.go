package server

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"qcmap"
)

// realFile is the dataset the server ships.
const realFile = "../assets/data/relations.yaml"

const jsonType = "application/json; charset=utf-8"

// syncBuffer is a log destination that the server's goroutines and the test
// may use at the same time.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// fakeLocator knows three points; everything else is sea.
type fakeLocator struct{}

func (fakeLocator) Where(lon, lat float64) (layer, id string, ok bool) {
	switch [2]float64{lon, lat} {
	case [2]float64{-72.6, 44}: // Montpelier
		return "partners", "US-VT", true
	case [2]float64{-98, 38.5}: // Kansas: land, but no partner
		return "admin1", "US-KS", true
	case [2]float64{2.35, 48.85}: // Paris
		return "countries", "FR", true
	}
	return "", "", false
}

var testWeb = fstest.MapFS{
	"x.css":       {Data: []byte(strings.Repeat("body { margin: 0; color: #123456; }\n", 50))},
	"app.wasm":    {Data: bytes.Repeat([]byte{0, 'a', 's', 'm', 1, 0, 0, 0}, 100)},
	"logo.png":    {Data: []byte("\x89PNG\r\n\x1a\nnot really a png")},
	"icons/a.svg": {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"></svg>`)},
}

// pages stands in for the go-app handler.
var pages = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<!doctype html><title>page %s</title>", r.URL.Path)
})

func loadReal(t testing.TB) *qcmap.Dataset {
	t.Helper()
	d, err := qcmap.LoadFile(realFile)
	if err != nil {
		t.Fatalf("LoadFile(%q) = %v", realFile, err)
	}
	return d
}

// newTestServer returns a server of the real dataset with a fake locator,
// testWeb and pages, logging into the returned buffer.
func newTestServer(t testing.TB) (*Server, *syncBuffer) {
	t.Helper()
	s := New(loadReal(t))
	s.Places = fakeLocator{}
	s.Web = testWeb
	s.Pages = pages
	log := &syncBuffer{}
	s.Log = slog.New(slog.NewTextHandler(log, nil))
	return s, log
}

// do serves one request and returns the recorded response.
func do(h http.Handler, method, target string, header map[string]string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// checkSecurityHeaders checks the headers that every response carries,
// whatever its status.
func checkSecurityHeaders(t *testing.T, what string, h http.Header) {
	t.Helper()
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "'wasm-unsafe-eval'", "frame-ancestors 'self'", "object-src 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("%s: Content-Security-Policy = %q; want it to contain %q", what, csp, want)
		}
	}
	for k, want := range map[string]string{
		"X-Content-Type-Options":     "nosniff",
		"Referrer-Policy":            "strict-origin-when-cross-origin",
		"Cross-Origin-Opener-Policy": "same-origin",
	} {
		if got := h.Get(k); got != want {
			t.Errorf("%s: %s = %q; want %q", what, k, got, want)
		}
	}
}

// errorBody decodes a JSON error response.
func errorBody(t *testing.T, what string, body []byte) string {
	t.Helper()
	var e struct {
		Error string `json:"error"`
	}
	if err := json.Unmarshal(body, &e); err != nil || e.Error == "" {
		t.Errorf(`%s: body %q; want JSON {"error": "..."}`, what, body)
	}
	return e.Error
}

func TestHandler(t *testing.T) {
	s, _ := newTestServer(t)
	h := s.Handler()
	tests := []struct {
		name       string
		method     string // GET when empty
		target     string
		header     map[string]string
		wantStatus int
		wantType   string // the Content-Type; "" for none
		wantBody   string // a part of the body, or of the error message
		wantHeader map[string]string
	}{
		// The routes.
		{name: "relations", target: "/api/relations", wantStatus: 200, wantType: jsonType, wantBody: `"bilateral-relations-2019"`},
		{name: "partners", target: "/api/partners", wantStatus: 200, wantType: jsonType, wantBody: `"id":"CN-SD"`},
		{name: "partners by area", target: "/api/partners?area=asia", wantStatus: 200, wantType: jsonType, wantBody: `"id":"CN-SD"`},
		{name: "partners by sector", target: "/api/partners?sector=law-enforcement", wantStatus: 200, wantType: jsonType, wantBody: `"id":"US-VT"`},
		{name: "partners with empty area", target: "/api/partners?area=", wantStatus: 200, wantType: jsonType, wantBody: `"id":"CA-QC"`},
		{name: "partner", target: "/api/partners/US-VT", wantStatus: 200, wantType: jsonType, wantBody: `"lake-champlain-2003"`},
		{name: "partner lower case", target: "/api/partners/us-vt", wantStatus: 200, wantType: jsonType, wantBody: `"law-enforcement-vermont-2004"`},
		{name: "country entry", target: "/api/partners/fr", wantStatus: 200, wantType: jsonType, wantBody: `"kind":"country"`},
		{name: "offices", target: "/api/offices", wantStatus: 200, wantType: jsonType, wantBody: `"office-sao-paulo"`},
		{name: "where partner", target: "/api/where?lon=-72.6&lat=44", wantStatus: 200, wantType: jsonType, wantBody: `"partner":{"id":"US-VT"`},
		{name: "where country entry", target: "/api/where?lon=2.35&lat=48.85", wantStatus: 200, wantType: jsonType, wantBody: `"partner":{"id":"FR"`},
		{name: "healthz", target: "/healthz", wantStatus: 200, wantType: jsonType, wantBody: `"status":"ok"`,
			wantHeader: map[string]string{"Cache-Control": "no-store"}},
		{name: "HEAD", method: "HEAD", target: "/api/offices", wantStatus: 200, wantType: jsonType},
		{name: "page", target: "/", wantStatus: 200, wantType: "text/html; charset=utf-8", wantBody: "page /"},
		{name: "other page", target: "/partners/us-vt", wantStatus: 200, wantType: "text/html; charset=utf-8", wantBody: "page /partners/us-vt"},

		// 404.
		{name: "unknown partner", target: "/api/partners/US-ZZ", wantStatus: 404, wantType: jsonType, wantBody: `no partner has the id "US-ZZ"`},
		{name: "office state is no partner", target: "/api/partners/US-GA", wantStatus: 404, wantType: jsonType, wantBody: "US-GA"},
		{name: "partner subpath", target: "/api/partners/US-VT/agreements", wantStatus: 404, wantType: jsonType, wantBody: "no route"},
		{name: "unknown API route", target: "/api/nope", wantStatus: 404, wantType: jsonType, wantBody: "no route /api/nope"},
		{name: "API root", target: "/api/", wantStatus: 404, wantType: jsonType, wantBody: "no route"},
		{name: "where sea", target: "/api/where?lon=-40&lat=30", wantStatus: 404, wantType: jsonType, wantBody: "no land at lon=-40 lat=30"},
		{name: "unknown web file", target: "/web/nope.css", wantStatus: 404, wantType: jsonType, wantBody: "no file /nope.css"},

		// 400.
		{name: "unknown area", target: "/api/partners?area=mars", wantStatus: 400, wantType: jsonType, wantBody: `area "mars" is not one of north-america, western-europe, latin-america, asia`},
		{name: "unknown sector", target: "/api/partners?sector=x", wantStatus: 400, wantType: jsonType, wantBody: `sector "x" is not one of trade,`},
		{name: "area is case-sensitive", target: "/api/partners?area=Asia", wantStatus: 400, wantType: jsonType, wantBody: `area "Asia"`},
		{name: "unknown parameter", target: "/api/partners?country=US", wantStatus: 400, wantType: jsonType, wantBody: `unknown query parameter "country"`},
		{name: "relations takes no parameter", target: "/api/relations?lang=fr", wantStatus: 400, wantType: jsonType, wantBody: `unknown query parameter "lang"`},
		{name: "offices takes no parameter", target: "/api/offices?x", wantStatus: 400, wantType: jsonType, wantBody: `unknown query parameter "x"`},
		{name: "where without lon", target: "/api/where?lat=44", wantStatus: 400, wantType: jsonType, wantBody: "lon is required"},
		{name: "where without anything", target: "/api/where", wantStatus: 400, wantType: jsonType, wantBody: "lon is required"},
		{name: "where empty lat", target: "/api/where?lon=1&lat=", wantStatus: 400, wantType: jsonType, wantBody: "lat is required"},
		{name: "where non-numeric lat", target: "/api/where?lon=-72.6&lat=north", wantStatus: 400, wantType: jsonType, wantBody: `lat="north" is not a number`},
		{name: "where lat 91", target: "/api/where?lon=-72.6&lat=91", wantStatus: 400, wantType: jsonType, wantBody: "lat=91 is out of range -90..90"},
		{name: "where lon -181", target: "/api/where?lon=-181&lat=44", wantStatus: 400, wantType: jsonType, wantBody: "lon=-181 is out of range -180..180"},
		{name: "where NaN", target: "/api/where?lon=NaN&lat=44", wantStatus: 400, wantType: jsonType, wantBody: `lon="NaN" is not a number`},
		{name: "where Inf", target: "/api/where?lon=-72.6&lat=-Inf", wantStatus: 400, wantType: jsonType, wantBody: `lat="-Inf" is not a number`},
		{name: "where comma decimal", target: "/api/where?lon=-72,6&lat=44", wantStatus: 400, wantType: jsonType, wantBody: "not a number"},

		// 405.
		{name: "POST relations", method: "POST", target: "/api/relations", wantStatus: 405, wantType: jsonType, wantBody: "method POST is not allowed",
			wantHeader: map[string]string{"Allow": "GET, HEAD"}},
		{name: "DELETE partner", method: "DELETE", target: "/api/partners/US-VT", wantStatus: 405, wantType: jsonType, wantBody: "method DELETE is not allowed",
			wantHeader: map[string]string{"Allow": "GET, HEAD"}},
		{name: "PUT offices", method: "PUT", target: "/api/offices", wantStatus: 405, wantType: jsonType, wantBody: "method PUT",
			wantHeader: map[string]string{"Allow": "GET, HEAD"}},
		{name: "POST where", method: "POST", target: "/api/where?lon=1&lat=1", wantStatus: 405, wantType: jsonType, wantBody: "method POST",
			wantHeader: map[string]string{"Allow": "GET, HEAD"}},
		{name: "POST healthz", method: "POST", target: "/healthz", wantStatus: 405,
			wantHeader: map[string]string{"Allow": "GET, HEAD"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method := cmp.Or(tt.method, "GET")
			w := do(h, method, tt.target, tt.header)
			what := method + " " + tt.target
			body := w.Body.Bytes()
			if w.Code != tt.wantStatus {
				t.Errorf("%s = %d; want %d (body %q)", what, w.Code, tt.wantStatus, body)
			}
			if got := w.Header().Get("Content-Type"); tt.wantType != "" && got != tt.wantType {
				t.Errorf("%s: Content-Type = %q; want %q", what, got, tt.wantType)
			}
			if w.Header().Get("Cache-Control") == "" && tt.wantType == jsonType {
				t.Errorf("%s: no Cache-Control", what)
			}
			for k, v := range tt.wantHeader {
				if got := w.Header().Get(k); got != v {
					t.Errorf("%s: %s = %q; want %q", what, k, got, v)
				}
			}
			checkSecurityHeaders(t, what, w.Header())

			switch {
			case method == "HEAD":
				if len(body) != 0 {
					t.Errorf("%s: body %q; want none", what, body)
				}
				if w.Header().Get("Content-Length") == "" {
					t.Errorf("%s: no Content-Length", what)
				}
			case w.Code >= 400 && tt.wantType == jsonType:
				msg := errorBody(t, what, body)
				if !strings.Contains(msg, tt.wantBody) {
					t.Errorf("%s: error %q; want it to contain %q", what, msg, tt.wantBody)
				}
				if got := w.Header().Get("Cache-Control"); got != "no-store" {
					t.Errorf("%s: Cache-Control = %q; want no-store for an error", what, got)
				}
				if etag := w.Header().Get("ETag"); etag != "" {
					t.Errorf("%s: ETag = %q on an error; want none", what, etag)
				}
			default:
				if !bytes.Contains(body, []byte(tt.wantBody)) {
					t.Errorf("%s: body %.300q; want it to contain %q", what, body, tt.wantBody)
				}
				if tt.wantType == jsonType && !json.Valid(body) {
					t.Errorf("%s: body is not valid JSON: %.300q", what, body)
				}
			}
		})
	}
}

func TestPartnersFilter(t *testing.T) {
	s, _ := newTestServer(t)
	h := s.Handler()
	tests := []struct {
		query string
		want  []string
	}{
		{"", []string{"CA-QC", "US-NY", "US-VT", "US-CA", "US-ME", "US-MA", "US-NH", "BE-WAL", "BE-VLG", "DE-BY", "ES-CT", "IT-25", "FR", "BR-SP", "MX-JAL", "MX-GUA", "MX-NLE", "CN-SD"}},
		{"?area=asia", []string{"CN-SD"}},
		{"?area=latin-america", []string{"BR-SP", "MX-JAL", "MX-GUA", "MX-NLE"}},
		{"?sector=law-enforcement", []string{"US-VT", "US-ME", "US-MA", "US-NH"}},
		{"?sector=environment", []string{"US-NY", "US-VT", "MX-JAL", "MX-GUA", "MX-NLE"}},
		{"?area=north-america&sector=environment", []string{"US-NY", "US-VT"}},
		{"?area=asia&sector=trade", []string{}},
	}
	for _, tt := range tests {
		target := "/api/partners" + tt.query
		w := do(h, "GET", target, nil)
		var got []qcmap.Jurisdiction
		if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil || w.Code != 200 {
			t.Errorf("GET %s = %d %q; want 200 and a JSON list", target, w.Code, w.Body)
			continue
		}
		ids := []string{}
		for _, j := range got {
			ids = append(ids, j.ID)
		}
		if !slices.Equal(ids, tt.want) {
			t.Errorf("GET %s = %v; want %v", target, ids, tt.want)
		}
	}
}

func TestPartnerGet(t *testing.T) {
	s, _ := newTestServer(t)
	h := s.Handler()
	var bodies []string
	for _, id := range []string{"US-VT", "us-vt", "Us-Vt"} {
		target := "/api/partners/" + id
		w := do(h, "GET", target, nil)
		if w.Code != 200 {
			t.Fatalf("GET %s = %d; want 200", target, w.Code)
		}
		var p PartnerDetail
		if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
			t.Fatalf("GET %s: %v", target, err)
		}
		if p.ID != "US-VT" || p.Name.EN != "Vermont" {
			t.Errorf("GET %s = %s %q; want US-VT Vermont", target, p.ID, p.Name.EN)
		}
		var agreements []string
		for _, a := range p.Agreements {
			agreements = append(agreements, fmt.Sprint(a.ID, " ", a.Year))
		}
		if want := []string{"lake-champlain-2003 2003", "law-enforcement-vermont-2004 2004"}; !slices.Equal(agreements, want) {
			t.Errorf("GET %s agreements = %v; want %v", target, agreements, want)
		}
		if p.Events == nil || p.Offices == nil || len(p.Events)+len(p.Offices) != 0 {
			t.Errorf("GET %s events, offices = %v, %v; want [] and []", target, p.Events, p.Offices)
		}
		if !slices.Equal(p.Sectors, []string{"environment", "law-enforcement"}) {
			t.Errorf("GET %s sectors = %v; want [environment law-enforcement]", target, p.Sectors)
		}
		bodies = append(bodies, w.Body.String())
	}
	if bodies[0] != bodies[1] || bodies[0] != bodies[2] {
		t.Errorf("GET /api/partners/{US-VT,us-vt,Us-Vt} differ:\n%s\n%s\n%s", bodies[0], bodies[1], bodies[2])
	}
	// Empty lists are sent as [], never null.
	if !strings.Contains(bodies[0], `"events":[]`) || !strings.Contains(bodies[0], `"offices":[]`) {
		t.Errorf("GET /api/partners/US-VT = %s; want \"events\":[] and \"offices\":[]", bodies[0])
	}
}

func TestWhere(t *testing.T) {
	tests := []struct {
		name        string
		places      Locator
		target      string
		wantStatus  int
		wantLayer   string
		wantID      string
		wantPartner string // the partner's English name; "" for none
	}{
		{"partner", fakeLocator{}, "/api/where?lon=-72.6&lat=44", 200, "partners", "US-VT", "Vermont"},
		{"parameters in any order", fakeLocator{}, "/api/where?lat=44&lon=-72.6", 200, "partners", "US-VT", "Vermont"},
		{"land without partner", fakeLocator{}, "/api/where?lon=-98&lat=38.5", 200, "admin1", "US-KS", ""},
		{"sea", fakeLocator{}, "/api/where?lon=-40&lat=30", 404, "", "", ""},
		{"no boundaries", nil, "/api/where?lon=-72.6&lat=44", 503, "", "", ""},
		{"no boundaries, bad query first", nil, "/api/where?lon=x&lat=44", 400, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newTestServer(t)
			s.Places = tt.places
			w := do(s.Handler(), "GET", tt.target, nil)
			if w.Code != tt.wantStatus {
				t.Fatalf("GET %s = %d %q; want %d", tt.target, w.Code, w.Body, tt.wantStatus)
			}
			if w.Code != 200 {
				errorBody(t, "GET "+tt.target, w.Body.Bytes())
				return
			}
			var p Place
			if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
				t.Fatalf("GET %s: %v", tt.target, err)
			}
			if p.Layer != tt.wantLayer || p.ID != tt.wantID {
				t.Errorf("GET %s = %s %s; want %s %s", tt.target, p.Layer, p.ID, tt.wantLayer, tt.wantID)
			}
			var partner string
			if p.Partner != nil {
				partner = p.Partner.Name.EN
			}
			if partner != tt.wantPartner {
				t.Errorf("GET %s partner = %q; want %q", tt.target, partner, tt.wantPartner)
			}
		})
	}
}
