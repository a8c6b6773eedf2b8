package server

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"qcmap"
	"qcmap/geo"
	"qcmap/geo/carto"
	"qcmap/geo/render"
	"qcmap/geo/render/png"
	"qcmap/geo/render/rendertest"
)

// atlasOnce returns the shared boundaries and dataset; do not change them.
func atlasOnce(t testing.TB) (*geo.Atlas, *qcmap.Dataset) {
	t.Helper()
	return rendertest.Load(t)
}

// imageServer returns a test server that draws maps.
func imageServer(t testing.TB) *Server {
	t.Helper()
	a, _ := atlasOnce(t)
	s, _ := newTestServer(t)
	s.Atlas = a
	s.ImageBurst = 1000 // the tests draw many pictures; TestMapImageRateLimit sets its own
	return s
}

func TestMapImageErrors(t *testing.T) {
	h := imageServer(t).Handler()
	tests := []struct {
		name, query string
		want        string // a part of the error message
	}{
		{"width too small", "width=50", "width must be an integer within 200..4096"},
		{"width too large", "width=4097", "width must be an integer within 200..4096"},
		{"width not a number", "width=wide", "width must be an integer within 200..4096"},
		{"width decimal", "width=300.5", "width must be an integer within 200..4096"},
		{"height", "height=199", "height must be an integer within 200..4096"},
		{"lang", "lang=de", "lang must be fr or en"},
		{"theme", "theme=blue", "theme must be light or dark"},
		{"legend", "legend=yes", "legend must be 0 or 1"},
		{"focus unknown", "focus=us-zz", "focus must be a jurisdiction id, one of be-vlg, be-wal,"},
		{"focus office state", "focus=US-GA", "focus must be a jurisdiction id"},
		{"sector", "sector=mining", "sector must be one of trade, education,"},
		{"year before", "year=1900", "year must be an integer within 2003..2009"},
		{"year not a number", "year=recent", "year must be an integer within 2003..2009"},
		{"view two numbers", "view=1,2", "view must be minLon,minLat,maxLon,maxLat in degrees"},
		{"view not numbers", "view=a,b,c", "view must be"},
		{"view zoom too far", "view=500,260,500", "k within 1..200"},
		{"view centre off the map", "view=1200,260,2", "cx within 0..1000"},
		{"view NaN", "view=NaN,260,2", "view must be"},
		{"view bbox reversed", "view=10,40,-10,50", "each min below its max"},
		{"view bbox latitude", "view=-10,-95,10,50", "latitudes within -90..90"},
		{"view bbox longitude", "view=-190,40,10,50", "longitudes within -180..180"},
	}
	for _, tt := range tests {
		for _, path := range []string{"/map.svg", "/map.png"} {
			w := do(h, "GET", path+"?"+tt.query, nil)
			what := tt.name + " " + path
			if w.Code != http.StatusBadRequest {
				t.Errorf("%s: status %d; want 400", what, w.Code)
				continue
			}
			if ct := w.Header().Get("Content-Type"); ct != jsonType {
				t.Errorf("%s: Content-Type %q; want %q", what, ct, jsonType)
			}
			if msg := errorBody(t, what, w.Body.Bytes()); !strings.Contains(msg, tt.want) {
				t.Errorf("%s: error %q; want it to contain %q", what, msg, tt.want)
			}
		}
	}
}

func TestParseImageParams(t *testing.T) {
	_, d := atlasOnce(t)
	tests := []struct {
		query string
		want  carto.Params
	}{
		{"", carto.Params{Interactive: true, Lang: "fr", Theme: "light", Legend: true, Width: 1920, Height: 1080}},
		{"focus=us-vt&lang=en&theme=dark&legend=0&width=800&height=600&sector=education&year=2005&unknown=1",
			carto.Params{Interactive: true, Focus: "US-VT", Lang: "en", Theme: "dark", Sector: "education", Year: 2005, Width: 800, Height: 600}},
		{"view=317.7,118.6,16&lang=&legend=", carto.Params{Interactive: true, Lang: "fr", Theme: "light", Legend: true, Width: 1920, Height: 1080,
			View: carto.View{Kind: carto.ViewZoom, N: [4]float64{317.7, 118.6, 16}}}},
		{"view=-12,35,22,58", carto.Params{Interactive: true, Lang: "fr", Theme: "light", Legend: true, Width: 1920, Height: 1080,
			View: carto.View{Kind: carto.ViewBBox, N: [4]float64{-12, 35, 22, 58}}}},
	}
	for _, tt := range tests {
		q, _ := url.ParseQuery(tt.query)
		got, err := parseImageParams(q, d)
		if err != nil || got != tt.want {
			t.Errorf("parseImageParams(%q) = %+v, %v; want %+v", tt.query, got, err, tt.want)
		}
	}
}

// FuzzParseImageParams checks that any query either fails with a 400 naming
// a parameter, or gives parameters in range whose canonical key reads back
// as the same parameters.
func FuzzParseImageParams(f *testing.F) {
	_, d := atlasOnce(f)
	for _, s := range []string{"", "width=50", "focus=us-vt&lang=en", "view=1,2,3", "view=-12,35,22,58&year=2005",
		"view=500,260,1e2", "sector=education&legend=0&theme=dark", "width=4096&height=200", "focus=%00", "view=,,,"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, query string) {
		q, err := url.ParseQuery(query)
		if err != nil {
			return
		}
		p, err := parseImageParams(q, d)
		if err != nil {
			e, ok := err.(*Error)
			if !ok || e.Status != http.StatusBadRequest || !strings.Contains(e.Msg, " must ") {
				t.Fatalf("parseImageParams(%q) error = %v; want a 400 naming the parameter", query, err)
			}
			return
		}
		if p.Width < 200 || p.Width > 4096 || p.Height < 200 || p.Height > 4096 || (p.Lang != "fr" && p.Lang != "en") {
			t.Fatalf("parseImageParams(%q) = %+v; out of range", query, p)
		}
		back, _ := url.ParseQuery(imageKey(p))
		if again, err := parseImageParams(back, d); err != nil || again != p {
			t.Fatalf("parseImageParams(key %q) = %+v, %v; want %+v", imageKey(p), again, err, p)
		}
	})
}

func TestMapImageCaching(t *testing.T) {
	s := imageServer(t)
	h := s.Handler()
	for _, tt := range []struct {
		path, ctype string
		gzip        bool
	}{
		{"/map.svg?width=400&height=300&focus=be-wal", "image/svg+xml", false},
		{"/map.svg?width=400&height=300&focus=be-wal", "image/svg+xml", true},
		{"/map.png?width=400&height=300&focus=be-wal", "image/png", false},
	} {
		hdr := map[string]string{}
		if tt.gzip {
			hdr["Accept-Encoding"] = "gzip"
		}
		w := do(h, "GET", tt.path, hdr)
		if w.Code != 200 || w.Header().Get("Content-Type") != tt.ctype {
			t.Fatalf("GET %s: %d %q; want 200 %q", tt.path, w.Code, w.Header().Get("Content-Type"), tt.ctype)
		}
		if cc := w.Header().Get("Cache-Control"); cc != "public, max-age=3600" {
			t.Errorf("GET %s: Cache-Control %q; want public, max-age=3600", tt.path, cc)
		}
		if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors *") {
			t.Errorf("GET %s: Content-Security-Policy %q; want frame-ancestors *", tt.path, csp)
		}
		etag := w.Header().Get("ETag")
		if etag == "" {
			t.Fatalf("GET %s: no ETag", tt.path)
		}
		if got := w.Header().Get("Content-Encoding") == "gzip"; got != tt.gzip {
			t.Errorf("GET %s: gzip = %v; want %v", tt.path, got, tt.gzip)
		}
		// The same picture with its parameters spelt otherwise is the same.
		same := strings.Replace(tt.path, "focus=be-wal", "focus=BE-WAL&lang=fr&legend=1&unknown=x", 1)
		if w2 := do(h, "GET", same, hdr); w2.Header().Get("ETag") != etag || !bytes.Equal(w2.Body.Bytes(), w.Body.Bytes()) {
			t.Errorf("GET %s: ETag %q; want %q as for %s, and the same bytes", same, w2.Header().Get("ETag"), etag, tt.path)
		}
		hdr["If-None-Match"] = etag
		if w := do(h, "GET", tt.path, hdr); w.Code != http.StatusNotModified || w.Body.Len() != 0 {
			t.Errorf("GET %s with If-None-Match %s: %d with %d bytes; want 304 and none", tt.path, etag, w.Code, w.Body.Len())
		}
		if w := do(h, "GET", tt.path+"&lang=en", hdr); w.Code != 200 || w.Header().Get("ETag") == etag {
			t.Errorf("GET %s&lang=en with the French ETag: %d, ETag %s; want 200 and another ETag", tt.path, w.Code, w.Header().Get("ETag"))
		}
	}
	// A new dataset makes new pictures.
	w := do(h, "GET", "/map.png?width=400&height=300", nil)
	d := loadReal(t)
	d.Source.Updated = "2020-01-01"
	s.SetData(d)
	if w2 := do(h, "GET", "/map.png?width=400&height=300", nil); w2.Header().Get("ETag") == w.Header().Get("ETag") {
		t.Errorf("ETag %s did not change with the data", w.Header().Get("ETag"))
	}
}

func TestMapImageRateLimit(t *testing.T) {
	s := imageServer(t)
	s.ImageBurst, s.ImageRate = 3, 0.01
	h := s.Handler()
	get := func(q, addr string) int {
		r := httptest.NewRequest("GET", "/map.svg?width=200&height=200&"+q, nil)
		r.RemoteAddr = addr
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code == http.StatusTooManyRequests {
			if ra := w.Header().Get("Retry-After"); ra == "" || ra == "0" {
				t.Errorf("429 with Retry-After %q; want seconds", ra)
			}
			if msg := errorBody(t, "429", w.Body.Bytes()); !strings.Contains(msg, "retry in") {
				t.Errorf("429 error %q; want it to say when to retry", msg)
			}
		}
		return w.Code
	}
	for i, q := range []string{"lang=fr", "lang=en", "theme=dark"} {
		if code := get(q, "192.0.2.1:1234"); code != 200 {
			t.Fatalf("drawing %d of the burst: %d; want 200", i+1, code)
		}
	}
	if code := get("legend=0", "192.0.2.1:1234"); code != http.StatusTooManyRequests {
		t.Errorf("a 4th drawing after a burst of 3: %d; want 429", code)
	}
	if code := get("lang=en", "192.0.2.1:5678"); code != 200 {
		t.Errorf("a cached picture after the burst: %d; want 200 (it costs no drawing)", code)
	}
	if code := get("legend=0", "198.51.100.7:1234"); code != 200 {
		t.Errorf("another client: %d; want 200", code)
	}
}

func TestMapSVGDocument(t *testing.T) {
	h := imageServer(t).Handler()
	_, d := atlasOnce(t)
	for _, q := range []string{"", "lang=en&theme=dark&sector=education", "focus=fr&legend=0"} {
		w := do(h, "GET", "/map.svg?"+q, nil)
		if w.Code != 200 {
			t.Fatalf("GET /map.svg?%s: %d", q, w.Code)
		}
		svg := w.Body.String()
		shapes, markers := rendertest.XMLIDs(t, svg, "partners"), rendertest.XMLIDs(t, svg, "marker")
		for _, j := range d.Jurisdictions {
			if q == "focus=fr&legend=0" && j.Area != "western-europe" {
				continue // out of the view
			}
			if _, ok := shapes[j.ID]; !ok {
				t.Errorf("GET /map.svg?%s: no shape with data-id %s", q, j.ID)
			}
			if _, ok := markers[j.ID]; !ok {
				t.Errorf("GET /map.svg?%s: no marker with data-id %s", q, j.ID)
			}
		}
		for _, bad := range []string{"<style", "class=\"sea\"", "url(http", "vector-effect"} {
			if strings.Contains(svg, bad) {
				t.Errorf("GET /map.svg?%s holds %q; want presentation attributes only", q, bad)
			}
		}
		if !strings.HasPrefix(svg, `<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080" viewBox="0 0 1920 1080"`) {
			t.Errorf("GET /map.svg?%s starts %.120q; want width, height and viewBox", q, svg)
		}
	}
}

func BenchmarkImageSVG(b *testing.B) {
	a, d := atlasOnce(b)
	p, err := parseImageParams(url.Values{}, d)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		sc, err := render.NewScene(a, d, p, png.TextWidth)
		if err != nil {
			b.Fatal(err)
		}
		sc.SVG()
	}
}
