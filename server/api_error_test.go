package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"qcmap"
)

func TestWriteError(t *testing.T) {
	tests := []struct {
		name       string
		err        error
		wantStatus int
		wantMsg    string
		wantLog    bool
	}{
		{"client error", badRequest("lat=%g is out of range", 91.0), 400, "lat=91 is out of range", false},
		{"wrapped client error", fmt.Errorf("where: %w", notFound("no land")), 404, "no land", false},
		{"not found", fmt.Errorf("lookup US-ZZ: %w", qcmap.ErrNotFound), 404, "not found", false},
		{"internal", errors.New("open /srv/secret/relations.yaml: permission denied"), 500, "internal error", true},
		{"wrapped internal", fmt.Errorf("encode: %w", io.ErrUnexpectedEOF), 500, "internal error", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, log := newTestServer(t)
			r := httptest.NewRequest("GET", "/api/x", nil)
			w := httptest.NewRecorder()
			w.Header().Set("ETag", `"stale"`)
			s.writeError(w, r, tt.err)
			if w.Code != tt.wantStatus {
				t.Errorf("writeError(%v) status = %d; want %d", tt.err, w.Code, tt.wantStatus)
			}
			if got, want := w.Body.String(), fmt.Sprintf("{\"error\":%q}\n", tt.wantMsg); got != want {
				t.Errorf("writeError(%v) body = %q; want %q", tt.err, got, want)
			}
			if got := w.Header().Get("Content-Type"); got != jsonType {
				t.Errorf("writeError(%v) Content-Type = %q; want %q", tt.err, got, jsonType)
			}
			if got := w.Header().Get("ETag"); got != "" {
				t.Errorf("writeError(%v) ETag = %q; want none", tt.err, got)
			}
			if logged := strings.Contains(log.String(), tt.err.Error()); logged != tt.wantLog {
				t.Errorf("writeError(%v) logged = %v; want %v (log %q)", tt.err, logged, tt.wantLog, log)
			}
		})
	}
}

// TestInternalError makes a handler fail for real: a dataset that JSON
// cannot encode. The client gets a bare 500; the log gets the cause.
func TestInternalError(t *testing.T) {
	s, log := newTestServer(t)
	d := loadReal(t)
	d.Offices[0].Lon = math.NaN()
	s.SetData(d)
	w := do(s.Handler(), "GET", "/api/offices", nil)
	if w.Code != 500 {
		t.Fatalf("GET /api/offices with NaN = %d; want 500", w.Code)
	}
	if got, want := w.Body.String(), `{"error":"internal error"}`+"\n"; got != want {
		t.Errorf("GET /api/offices with NaN body = %q; want %q", got, want)
	}
	checkSecurityHeaders(t, "GET /api/offices (500)", w.Header())
	if !strings.Contains(log.String(), "NaN") || !strings.Contains(log.String(), "path=/api/offices") {
		t.Errorf("log = %q; want the cause and the path", log)
	}
}

// fuzzRoutes are the prefixes FuzzAPI puts its input after: every route a
// program calls.
var fuzzRoutes = []string{"/api/", "/map.svg?", "/map.png?", "/oembed?", "/healthz?", "/geo/", "/web/", "/map.", "/oembed/", "/healthz/"}

// FuzzAPI sends any method and any rest of a path and query after each route
// a program calls (the API, the images, oEmbed, /healthz, /geo/ and /web/,
// and any subpath or /map. name), and checks that the answer is never a 500, always carries the security
// headers, and that every error is JSON and logs no ERROR line.
func FuzzAPI(f *testing.F) {
	for _, seed := range []string{
		"relations", "partners", "partners?area=asia&sector=trade", "partners/us-vt", "offices",
		"where?lon=-72.6&lat=44", "where?lon=NaN&lat=1e400", "where?lon=0x1p-2&lat=-0", "partners?area=%ZZ", "nope",
		"%2e%2e", "%ff", "x.css", "..%2fx.css", "url=http://qcmap.test/partners/us-vt", "w=1e9&h=-1",
		"continent/asia", "closeup/%00",
	} {
		for i := range fuzzRoutes {
			f.Add(uint8(i), "GET", seed)
		}
	}
	f.Add(uint8(0), "POST", "relations")
	f.Add(uint8(4), "DELETE", "")
	s, log := newTestServer(f)
	h := s.Handler()
	f.Fuzz(func(t *testing.T, route uint8, method, rest string) {
		prefix := fuzzRoutes[int(route)%len(fuzzRoutes)]
		r, err := http.NewRequest(method, "http://qcmap.test"+prefix+rest, nil)
		if err != nil || r.URL.Path == "" || !programRoute(r.URL.Path) {
			return // not a request a client could send, or not to these routes
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		what := method + " " + prefix + rest
		if csp := w.Header().Get("Content-Security-Policy"); frameable(r.URL.Path) {
			if csp != embedSecurityPolicy { // the images may be framed anywhere
				t.Fatalf("%s: Content-Security-Policy = %q; want %q", what, csp, embedSecurityPolicy)
			}
		} else {
			checkSecurityHeaders(t, what, w.Header())
		}
		switch {
		case w.Code == http.StatusInternalServerError:
			t.Fatalf("%s = %d %q; want no internal error", what, w.Code, w.Body)
		case w.Code >= 300 && w.Code < 400 || w.Code < 400 && !strings.HasPrefix(prefix, "/api/"):
			return // the mux cleaning the path, or an image, a file, a health check
		}
		if ct, _, _ := mime.ParseMediaType(w.Header().Get("Content-Type")); ct != "application/json" {
			t.Fatalf("%s = %d: Content-Type = %q; want JSON", what, w.Code, w.Header().Get("Content-Type"))
		}
		if !json.Valid(w.Body.Bytes()) {
			t.Fatalf("%s: body is not JSON: %q", what, w.Body)
		}
		if strings.Contains(log.String(), "level=ERROR") {
			t.Fatalf("%s: log = %q; want no ERROR", what, log)
		}
	})
}
