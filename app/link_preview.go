//go:build !wasm

package main

import (
	"html"
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"qcmap/geo/carto"
	"qcmap/server"
)

// The link preview is what a chat, a social network or a CMS shows of a
// pasted qcmap link: Open Graph and Twitter's card, read from the page's
// head. go-app writes og:url and og:image itself, but as "https://" and one
// fixed domain before the path; the server's finishPages replaces them
// with linkPreview's head, whose every URL starts with the origin the
// server links to (its -base-url, else the request's scheme and host, from
// a trusted proxy's X-Forwarded-* only with -trust-proxy).

// Size of the preview image, in pixels: Open Graph's recommended 1.91:1.
const (
	previewWidth  = 1200
	previewHeight = 630
)

// locales are the Open Graph locales of the pages' languages.
var locales = map[string]string{langFR: "fr_CA", langEN: "en_CA"}

// linkPreview writes the link-preview elements of the pages of srv.
type linkPreview struct {
	srv *server.Server
	// imageFile, if set, names the file that holds the preview image of
	// the map with the parameters q, for a static host, which has no
	// /map.png; unset, the image is /map.png's.
	imageFile func(q url.Values) string
}

// head returns the elements that go in the head of the page r asks for:
// canonical and hreflang links, og:url, og:locale and its alternate,
// og:image with its size and text, twitter:card and the data's version
// (the Share dialog's &v=). An empty origin (a static export without a
// base URL) leaves out every element that needs an absolute URL.
func (lp linkPreview) head(r *http.Request, origin string) string {
	d := lp.srv.Data()
	lang := langOf(r.URL)
	page := url.Values{} // the query the page reads, as its cache keys it
	q := r.URL.Query()
	for _, name := range pageParams {
		if v := q.Get(name); v != "" {
			page.Set(name, v)
		}
	}
	alt := carto.Text(lang, "title")
	focus := carto.Lenient(q, d).Focus // /embed?focus=, /map.png's too
	if id, ok := cutPartner(r.URL.Path); ok {
		if j, err := d.Jurisdiction(id); err == nil {
			focus = j.ID
		}
	}
	if focus != "" {
		sep := " : " // French puts a space before a colon
		if lang == langEN {
			sep = ": "
		}
		alt += sep + carto.Description(d, focus, lang)
	}
	other := langEN
	if lang == langEN {
		other = langFR
	}

	var b strings.Builder
	meta := func(attr, name, content string) {
		b.WriteString(`<meta ` + attr + `="` + name + `" content="` + html.EscapeString(content) + `">` + "\n")
	}
	link := func(rel, hreflang, href string) {
		b.WriteString(`<link rel="` + rel + `"`)
		if hreflang != "" {
			b.WriteString(` hreflang="` + hreflang + `"`)
		}
		b.WriteString(` href="` + html.EscapeString(href) + `">` + "\n")
	}
	if origin != "" {
		pageURL := func(q url.Values) string {
			if len(q) == 0 {
				return origin + r.URL.Path
			}
			return origin + r.URL.Path + "?" + q.Encode()
		}
		canonical := pageURL(page)
		link("canonical", "", canonical)
		for _, l := range []string{langFR, langEN, "x-default"} {
			in := maps.Clone(page)
			if l == "x-default" {
				in.Del("lang") // the visitor's language
			} else {
				in.Set("lang", l)
			}
			link("alternate", l, pageURL(in))
		}
		meta("property", "og:url", canonical)
		src := origin + mapImageURL(r.URL.RequestURI(), d, lang, previewWidth, previewHeight, lp.srv.DataVersion())
		if lp.imageFile != nil {
			u, _ := url.Parse(src) // written just now
			src = origin + lp.imageFile(u.Query())
		}
		meta("property", "og:image", src)
		meta("property", "og:image:type", "image/png")
		meta("property", "og:image:width", strconv.Itoa(previewWidth))
		meta("property", "og:image:height", strconv.Itoa(previewHeight))
		meta("property", "og:image:alt", alt)
	}
	meta("property", "og:site_name", "qcmap")
	meta("property", "og:locale", locales[lang])
	meta("property", "og:locale:alternate", locales[other])
	meta("name", "twitter:card", "summary_large_image")
	meta("name", dataVersionMeta, lp.srv.DataVersion())
	return b.String()
}
