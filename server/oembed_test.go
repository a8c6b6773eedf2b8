package server

import (
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func TestOEmbed(t *testing.T) {
	h := imageServer(t).Handler()
	page := func(path string) string { return url.QueryEscape("http://example.com" + path) }
	tests := []struct {
		name         string
		query        string
		header       map[string]string
		wantStatus   int
		wantTitle    string
		wantW, wantH int
		wantHTML     []string // parts of html
		wantThumb    string   // a part of thumbnail_url
		wantError    string   // a part of the error message
	}{
		{name: "map", query: "url=" + page("/"), wantStatus: 200, wantTitle: "Carte des partenaires du Québec", wantW: 800, wantH: 450,
			wantHTML:  []string{`<iframe src="http://example.com/embed" width="800" height="450" style="border:0" title="Carte des partenaires du Québec" loading="lazy" allowfullscreen></iframe>`},
			wantThumb: "http://example.com/map.png?height=450&width=800"},
		{name: "embed with view", query: "format=json&url=" + page("/embed?focus=us-vt&lang=en&view=317.7,118.6,16&interactive=0&utm=x"), wantStatus: 200,
			wantTitle: "Vermont", wantW: 800, wantH: 450,
			wantHTML:  []string{`src="http://example.com/embed?focus=us-vt&amp;interactive=0&amp;lang=en&amp;view=317.7%2C118.6%2C16"`, `title="Vermont"`},
			wantThumb: "/map.png?focus=us-vt&height=450&lang=en&view=317.7%2C118.6%2C16&width=800"},
		{name: "partner page", query: "url=" + page("/partners/be-wal?lang=en"), wantStatus: 200, wantTitle: "Wallonia", wantW: 800, wantH: 450,
			wantHTML: []string{`src="http://example.com/embed?focus=be-wal&amp;lang=en"`}, wantThumb: "focus=be-wal"},
		{name: "maxwidth", query: "maxwidth=400&url=" + page("/"), wantStatus: 200, wantTitle: "Carte des partenaires du Québec", wantW: 400, wantH: 225,
			wantHTML: []string{`width="400" height="225"`}, wantThumb: "height=225&width=400"},
		{name: "maxheight", query: "maxwidth=1000&maxheight=180&url=" + page("/"), wantStatus: 200, wantTitle: "Carte des partenaires du Québec", wantW: 320, wantH: 180,
			wantThumb: "height=200&width=355"},
		{name: "proxy headers not trusted", query: "url=" + url.QueryEscape("https://example.com/"),
			header:     map[string]string{"X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example"},
			wantStatus: 200, wantTitle: "Carte des partenaires du Québec", wantW: 800, wantH: 450,
			wantHTML: []string{`src="http://example.com/embed"`}, wantThumb: "http://example.com/map.png?"},

		{name: "no url", query: "format=json", wantStatus: 400, wantError: "url is required"},
		{name: "bad maxwidth", query: "maxwidth=wide&url=" + page("/"), wantStatus: 400, wantError: "maxwidth must be a positive integer"},
		{name: "zero maxwidth", query: "maxwidth=0&url=" + page("/"), wantStatus: 400, wantError: "maxwidth must be a positive integer"},
		{name: "bad maxheight", query: "maxheight=-5&url=" + page("/"), wantStatus: 400, wantError: "maxheight must be a positive integer"},
		{name: "xml", query: "format=xml&url=" + page("/"), wantStatus: 501, wantError: "format must be json"},
		{name: "other host", query: "url=" + url.QueryEscape("http://evil.example/embed"), wantStatus: 404, wantError: "not a page of example.com"},
		{name: "relative url", query: "url=/embed", wantStatus: 404, wantError: "not a page of"},
		{name: "other path", query: "url=" + page("/list"), wantStatus: 404, wantError: "url must be the map"},
		{name: "API path", query: "url=" + page("/api/partners"), wantStatus: 404, wantError: "url must be the map"},
		{name: "unknown partner", query: "url=" + page("/partners/us-zz"), wantStatus: 404, wantError: "focus must be"},
		{name: "bad view", query: "url=" + page("/embed?view=1,2"), wantStatus: 404, wantError: "view must be"},
	}
	for _, tt := range tests {
		w := do(h, "GET", "http://example.com/oembed?"+tt.query, tt.header)
		if w.Code != tt.wantStatus {
			t.Errorf("%s: status %d; want %d (%s)", tt.name, w.Code, tt.wantStatus, w.Body)
			continue
		}
		if tt.wantStatus != 200 {
			if msg := errorBody(t, tt.name, w.Body.Bytes()); !strings.Contains(msg, tt.wantError) {
				t.Errorf("%s: error %q; want it to contain %q", tt.name, msg, tt.wantError)
			}
			continue
		}
		var got oembedResponse
		if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got.Version != "1.0" || got.Type != "rich" || got.ProviderName == "" || !strings.HasSuffix(got.ProviderURL, "://example.com/") {
			t.Errorf("%s: %+v; want a rich oEmbed 1.0 response from example.com", tt.name, got)
		}
		if got.Title != tt.wantTitle || got.Width != tt.wantW || got.Height != tt.wantH {
			t.Errorf("%s: title, width, height = %q, %d, %d; want %q, %d, %d", tt.name, got.Title, got.Width, got.Height, tt.wantTitle, tt.wantW, tt.wantH)
		}
		for _, part := range tt.wantHTML {
			if !strings.Contains(got.HTML, part) {
				t.Errorf("%s: html %s; want it to contain %s", tt.name, got.HTML, part)
			}
		}
		if !strings.Contains(got.ThumbnailURL, tt.wantThumb) || got.ThumbnailWidth < 200 || got.ThumbnailHeight < 200 {
			t.Errorf("%s: thumbnail %s %d×%d; want it to contain %s, at least 200 px", tt.name, got.ThumbnailURL, got.ThumbnailWidth, got.ThumbnailHeight, tt.wantThumb)
		}
		// The thumbnail is a picture this server draws.
		thumb, _ := url.Parse(got.ThumbnailURL)
		if tw := do(h, "GET", thumb.RequestURI(), nil); tw.Code != 200 {
			t.Errorf("%s: GET %s: %d; want 200", tt.name, thumb.RequestURI(), tw.Code)
		}
	}
}

func TestOEmbedLink(t *testing.T) {
	tests := []struct {
		target string
		header map[string]string
		want   string
	}{
		{"http://qcmap.example/partners/us-vt?lang=en", nil,
			`<link rel="alternate" type="application/json+oembed" href="http://qcmap.example/oembed?format=json&amp;url=http%3A%2F%2Fqcmap.example%2Fpartners%2Fus-vt%3Flang%3Den" title="Map of Québec&#39;s partners">`},
		{"http://qcmap.example/", map[string]string{"X-Forwarded-Proto": "https"},
			`<link rel="alternate" type="application/json+oembed" href="https://qcmap.example/oembed?format=json&amp;url=https%3A%2F%2Fqcmap.example%2F" title="Carte des partenaires du Québec">`},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", tt.target, nil)
		for k, v := range tt.header {
			r.Header.Set(k, v)
		}
		if got := (&Server{TrustProxy: tt.header != nil}).OEmbedLink(r); got != tt.want {
			t.Errorf("OEmbedLink(%s) = %s; want %s", tt.target, got, tt.want)
		}
	}
}

func TestOEmbedSize(t *testing.T) {
	for _, tt := range []struct{ maxW, maxH, w, h int }{
		{0, 0, 800, 450}, {1200, 0, 800, 450}, {640, 0, 640, 360}, {0, 300, 533, 300}, {100, 1000, 100, 56}, {1000, 1, 2, 1},
	} {
		if w, h := oembedSize(tt.maxW, tt.maxH); w != tt.w || h != tt.h {
			t.Errorf("oembedSize(%d, %d) = %d, %d; want %d, %d", tt.maxW, tt.maxH, w, h, tt.w, tt.h)
		}
	}
}

// TestOEmbedOrigin checks where oEmbed's absolute links start: the request's
// Host, the proxy's X-Forwarded-Proto and X-Forwarded-Host when the proxy is
// trusted, and BaseURL whenever it is set.
func TestOEmbedOrigin(t *testing.T) {
	proxy := map[string]string{"X-Forwarded-Proto": "https", "X-Forwarded-Host": "maps.example.org"}
	tests := []struct {
		name   string
		trust  bool
		base   string
		page   string
		header map[string]string
		want   string // what every absolute link starts with
	}{
		{"direct", false, "", "http://example.com/", nil, "http://example.com/"},
		{"untrusted proxy headers", false, "", "http://example.com/", proxy, "http://example.com/"},
		{"trusted proxy", true, "", "https://maps.example.org/", proxy, "https://maps.example.org/"},
		{"trusted proxy, proto only", true, "", "https://example.com/", map[string]string{"X-Forwarded-Proto": "https"}, "https://example.com/"},
		{"trusted proxy, bad host", true, "", "http://example.com/", map[string]string{"X-Forwarded-Host": "a/b?c"}, "http://example.com/"},
		{"base URL", false, "https://qcmap.example/", "https://qcmap.example/", nil, "https://qcmap.example/"},
		{"base URL wins over a trusted proxy", true, "https://qcmap.example", "https://qcmap.example/", proxy, "https://qcmap.example/"},
	}
	for _, tt := range tests {
		s := imageServer(t)
		s.TrustProxy, s.BaseURL = tt.trust, tt.base
		w := do(s.Handler(), "GET", "http://example.com/oembed?url="+url.QueryEscape(tt.page+"partners/us-vt"), tt.header)
		if w.Code != 200 {
			t.Errorf("%s: status %d; want 200 (%s)", tt.name, w.Code, w.Body)
			continue
		}
		if got := w.Header().Get("Access-Control-Allow-Origin"); got != "*" {
			t.Errorf("%s: Access-Control-Allow-Origin = %q; want *", tt.name, got)
		}
		var got oembedResponse
		if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		for what, link := range map[string]string{"provider_url": got.ProviderURL, "thumbnail_url": got.ThumbnailURL, "html": strings.TrimPrefix(got.HTML, `<iframe src="`)} {
			if !strings.HasPrefix(link, tt.want) {
				t.Errorf("%s: %s = %q; want it to start with %q", tt.name, what, link, tt.want)
			}
		}
		if tt.base != "" && strings.Contains(w.Body.String(), "example.com") {
			t.Errorf("%s: body = %s; want no link to the request's Host", tt.name, w.Body)
		}
	}
}
