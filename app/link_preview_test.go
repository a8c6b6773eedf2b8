//go:build !wasm

package main

import (
	"bytes"
	"html"
	"image/png"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// headElement matches a meta or link element of a page's head.
var (
	headElement = regexp.MustCompile(`<(?:meta|link) [^>]*>`)
	headAttr    = regexp.MustCompile(`([a-z][\w:-]*)="([^"]*)"`)
)

// headOf returns the meta and link elements of page's head, each as its
// attributes.
func headOf(t *testing.T, page string) []map[string]string {
	t.Helper()
	end := strings.Index(page, "</head>")
	if end < 0 {
		t.Fatal("the page has no </head>")
	}
	var out []map[string]string
	for _, el := range headElement.FindAllString(page[:end], -1) {
		attrs := map[string]string{}
		for _, m := range headAttr.FindAllStringSubmatch(el, -1) {
			attrs[m[1]] = html.UnescapeString(m[2])
		}
		out = append(out, attrs)
	}
	return out
}

// find returns the values of attr of the elements whose key attribute is
// value (a meta's property or name, a link's rel and hreflang).
func find(els []map[string]string, key, value, attr string) []string {
	var out []string
	for _, el := range els {
		if el[key] == value {
			out = append(out, el[attr])
		}
	}
	return out
}

// TestLinkPreview checks the head of /, a partner's page and /list in
// French and English as a chat or a CMS reads it: every canonical,
// hreflang, Open Graph and oEmbed URL absolute and starting with the base
// URL when one is set, else with the request's scheme and host (two hosts
// in turn, each with its own pages from the page cache), and with a
// proxy's X-Forwarded-Proto and -Host only under -trust-proxy; and that the
// og:image URL answers a PNG of 1200×630.
func TestLinkPreview(t *testing.T) {
	srv, err := newServer("")
	if err != nil {
		t.Fatal(err)
	}
	srv.ImageRate = -1
	h := srv.Handler()
	version := srv.DataVersion()
	if len(version) != 16 {
		t.Fatalf("DataVersion() = %q; want 16 hex digits", version)
	}
	images := map[string]bool{} // the og:image URLs checked already, by path
	for _, tc := range []struct {
		name       string
		base       string
		trustProxy bool
		host       string
		want       string // the origin every URL starts with
	}{
		{"base URL", "https://qcmap.example", false, "internal:8080", "https://qcmap.example"},
		{"base URL, proxy trusted", "https://qcmap.example", true, "internal:8080", "https://qcmap.example"},
		{"request host", "", false, "maps.test:8080", "http://maps.test:8080"},
		{"another request host", "", false, "127.0.0.1:9000", "http://127.0.0.1:9000"},
		{"proxy trusted", "", true, "internal:8080", "https://proxy.example"},
	} {
		srv.BaseURL, srv.TrustProxy = tc.base, tc.trustProxy
		for _, path := range []string{"/", "/partners/us-vt", "/list"} {
			for _, lang := range []string{langFR, langEN} {
				target := path
				if lang == langEN {
					target += "?lang=en"
				}
				t.Run(tc.name+" "+target, func(t *testing.T) {
					req := httptest.NewRequest(http.MethodGet, "http://"+tc.host+target, nil)
					// Believed only with trust-proxy; never over a base URL.
					req.Header.Set("X-Forwarded-Proto", "https")
					req.Header.Set("X-Forwarded-Host", "proxy.example")
					w := httptest.NewRecorder()
					h.ServeHTTP(w, req)
					if w.Code != http.StatusOK {
						t.Fatalf("GET %s = %d", target, w.Code)
					}
					page := w.Body.String()
					if strings.Contains(page, "https:///") || strings.Contains(page, `content="https://"`) {
						t.Errorf("GET %s: the head still has go-app's URL without a host", target)
					}
					els := headOf(t, page)
					one := func(key, value, attr string) string {
						t.Helper()
						got := find(els, key, value, attr)
						if len(got) != 1 {
							t.Errorf("GET %s: %d elements with %s=%q; want 1", target, len(got), key, value)
							return ""
						}
						return got[0]
					}
					pageURL := tc.want + target
					if got := one("rel", "canonical", "href"); got != pageURL {
						t.Errorf("GET %s: canonical = %q; want %q", target, got, pageURL)
					}
					if got := one("property", "og:url", "content"); got != pageURL {
						t.Errorf("GET %s: og:url = %q; want %q", target, got, pageURL)
					}
					alternates := map[string]string{}
					for _, el := range els {
						if el["rel"] == "alternate" && el["hreflang"] != "" {
							alternates[el["hreflang"]] = el["href"]
						}
					}
					for hl, want := range map[string]string{
						"fr":        tc.want + path + "?lang=fr",
						"en":        tc.want + path + "?lang=en",
						"x-default": tc.want + path,
					} {
						if alternates[hl] != want {
							t.Errorf("GET %s: hreflang %s = %q; want %q", target, hl, alternates[hl], want)
						}
					}
					locale, other := "fr_CA", "en_CA"
					if lang == langEN {
						locale, other = other, locale
					}
					if got := one("property", "og:locale", "content"); got != locale {
						t.Errorf("GET %s: og:locale = %q; want %q", target, got, locale)
					}
					if got := one("property", "og:locale:alternate", "content"); got != other {
						t.Errorf("GET %s: og:locale:alternate = %q; want %q", target, got, other)
					}
					if got := one("name", "twitter:card", "content"); got != "summary_large_image" {
						t.Errorf("GET %s: twitter:card = %q; want summary_large_image", target, got)
					}
					if got := one("name", "author", "content"); got == "" {
						t.Errorf("GET %s: meta author is empty", target)
					}
					oembed := one("type", "application/json+oembed", "href")
					if u, err := url.Parse(oembed); err != nil || tc.want+u.Path != tc.want+"/oembed" || !strings.HasPrefix(oembed, tc.want+"/oembed?") || u.Query().Get("url") != pageURL {
						t.Errorf("GET %s: oEmbed link %q; want %s/oembed?…&url=%s", target, oembed, tc.want, pageURL)
					}
					if path == "/partners/us-vt" {
						want := map[string]string{
							langFR: "Vermont — 2 ententes avec le Québec (2003, 2004)",
							langEN: "Vermont — 2 agreements with Québec (2003, 2004)",
						}[lang]
						if got := one("property", "og:description", "content"); got != want {
							t.Errorf("GET %s: og:description = %q; want %q", target, got, want)
						}
					}
					for _, prop := range []string{"og:image:alt", "og:title"} {
						if one("property", prop, "content") == "" {
							t.Errorf("GET %s: %s is empty", target, prop)
						}
					}
					if w, h := one("property", "og:image:width", "content"), one("property", "og:image:height", "content"); w != "1200" || h != "630" {
						t.Errorf("GET %s: og:image size %s×%s; want 1200×630", target, w, h)
					}

					img := one("property", "og:image", "content")
					u, err := url.Parse(img)
					if err != nil || !strings.HasPrefix(img, tc.want+"/map.png?") {
						t.Fatalf("GET %s: og:image = %q; want %s/map.png?…", target, img, tc.want)
					}
					q := u.Query()
					if q.Get("v") != version || q.Get("width") != "1200" || q.Get("height") != "630" || (lang == langEN) != (q.Get("lang") == "en") || (path == "/partners/us-vt") != (q.Get("focus") == "us-vt") {
						t.Errorf("GET %s: og:image = %q; want the page's view (lang, focus) at 1200×630 with v=%s", target, img, version)
					}
					if images[u.RequestURI()] {
						return
					}
					images[u.RequestURI()] = true
					iw := httptest.NewRecorder()
					h.ServeHTTP(iw, httptest.NewRequest(http.MethodGet, u.RequestURI(), nil))
					if iw.Code != http.StatusOK || iw.Header().Get("Content-Type") != "image/png" {
						t.Fatalf("GET %s = %d %s; want a PNG", u.RequestURI(), iw.Code, iw.Header().Get("Content-Type"))
					}
					m, err := png.Decode(bytes.NewReader(iw.Body.Bytes()))
					if err != nil {
						t.Fatalf("GET %s: %v; want a PNG", u.RequestURI(), err)
					}
					if b := m.Bounds(); b.Dx() != 1200 || b.Dy() != 630 {
						t.Errorf("GET %s: a PNG of %d×%d; want 1200×630", u.RequestURI(), b.Dx(), b.Dy())
					}
				})
			}
		}
	}
}

// TestMapImageURL checks the picture URL of a page: the page's map
// parameters, a partner's page's focus, the size, the language and the
// data's version; not the page's own parameters nor the bad ones.
func TestMapImageURL(t *testing.T) {
	srv, err := newServer("")
	if err != nil {
		t.Fatal(err)
	}
	d := srv.Data()
	for _, tc := range []struct {
		name, link, lang, version, want string
	}{
		{"partner", "https://qcmap.example/partners/us-vt", langFR, "abc", "https://qcmap.example/map.png?focus=us-vt&height=2160&lang=fr&v=abc&width=3840"},
		{"filters and view", "/?lang=en&sector=environment&year=2005&view=512.3,201.7,4&arcs=1&office=sao-paulo", langEN, "abc",
			"/map.png?height=2160&lang=en&sector=environment&v=abc&view=512.3%2C201.7%2C4&width=3840&year=2005"},
		{"bad values dropped, no version", "/partners/us-vt?sector=nope&theme=dark&interactive=0", langEN, "",
			"/map.png?focus=us-vt&height=2160&lang=en&theme=dark&width=3840"},
	} {
		if got := mapImageURL(tc.link, d, tc.lang, 3840, 2160, tc.version); got != tc.want {
			t.Errorf("%s: mapImageURL(%q) = %q; want %q", tc.name, tc.link, got, tc.want)
		}
	}
}

// TestLinkPreviewWithoutOrigin checks the head of a static export without
// a base URL: no element that needs an absolute URL, the others kept.
func TestLinkPreviewWithoutOrigin(t *testing.T) {
	srv, err := newServer("")
	if err != nil {
		t.Fatal(err)
	}
	head := linkPreview{srv: srv}.head(httptest.NewRequest(http.MethodGet, "/partners/us-vt", nil), "")
	for _, absent := range []string{"canonical", "hreflang", "og:url", "og:image", "http"} {
		if strings.Contains(head, absent) {
			t.Errorf("head without an origin has %q:\n%s", absent, head)
		}
	}
	for _, present := range []string{`property="og:locale" content="fr_CA"`, `name="twitter:card" content="summary_large_image"`} {
		if !strings.Contains(head, present) {
			t.Errorf("head without an origin lacks %s:\n%s", present, head)
		}
	}
}
