package server

import (
	"fmt"
	"html"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"qcmap/geo/carto"
)

// oEmbed (https://oembed.com) lets a site that is given a qcmap link embed
// the map: it asks GET /oembed?url=… and receives the <iframe> of /embed
// with the same view, and a thumbnail from /map.png.

// Default size of the embedded map, in pixels: 16:9.
const (
	oembedWidth  = 800
	oembedHeight = 450
)

// embedParams are the query parameters /embed understands; the others are
// dropped from the embedded URL.
var embedParams = []string{"focus", "lang", "sector", "year", "view", "theme", "legend", "interactive", "arcs"}

// oembedResponse is an oEmbed 1.0 "rich" response.
type oembedResponse struct {
	Version         string `json:"version"`
	Type            string `json:"type"`
	Title           string `json:"title"`
	ProviderName    string `json:"provider_name"`
	ProviderURL     string `json:"provider_url"`
	HTML            string `json:"html"`
	Width           int    `json:"width"`
	Height          int    `json:"height"`
	ThumbnailURL    string `json:"thumbnail_url"`
	ThumbnailWidth  int    `json:"thumbnail_width"`
	ThumbnailHeight int    `json:"thumbnail_height"`
	CacheAge        int    `json:"cache_age"`
}

// positiveParam reads the optional integer parameter name, 1 or more; 0
// when it is missing or empty.
func positiveParam(q url.Values, name string) (int, bool) {
	v := q.Get(name)
	if v == "" {
		return 0, true
	}
	n, err := strconv.ParseInt(v, 10, 32)
	return int(n), err == nil && n >= 1
}

// handleOEmbedGet serves GET /oembed?url=…&maxwidth=…&maxheight=…&format=json:
// the oEmbed response for a page of this host (/, /embed or /partners/{id}).
// It answers 400 for a missing url or a bad maxwidth or maxheight, 404 for
// a url that is not one of our maps, and 501 for any format but json.
func (s *Server) handleOEmbedGet(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if f := q.Get("format"); f != "" && f != "json" {
		s.writeError(w, r, &Error{Status: http.StatusNotImplemented, Msg: "format must be json; no other format is implemented"})
		return
	}
	raw := q.Get("url")
	if raw == "" {
		s.writeError(w, r, badRequest("url is required: the address of a map of this site (/, /embed or /partners/{id})"))
		return
	}
	maxW, ok := positiveParam(q, "maxwidth")
	if !ok {
		s.writeError(w, r, badRequest("maxwidth must be a positive integer"))
		return
	}
	maxH, ok := positiveParam(q, "maxheight")
	if !ok {
		s.writeError(w, r, badRequest("maxheight must be a positive integer"))
		return
	}
	d := s.Data()
	// The page must be one of this server's, as its links name it.
	origin := s.origin(r)
	embed, err := embedQuery(raw, strings.TrimPrefix(strings.TrimPrefix(origin, "https://"), "http://"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	p, err := parseEmbedParams(embed, d)
	if err != nil {
		s.writeError(w, r, notFound("url has a parameter the map cannot show: %s", err.Error()))
		return
	}
	width, height := oembedSize(maxW, maxH)
	tw, th := width, height
	if th < carto.MinImageSide { // the smallest picture /map.png draws, at 16:9
		tw, th = carto.MinImageSide*16/9, carto.MinImageSide
	}
	src := origin + "/embed"
	if len(embed) > 0 {
		src += "?" + embed.Encode()
	}
	thumb := url.Values{}
	for k, v := range embed {
		if k != "interactive" && k != "arcs" {
			thumb[k] = v
		}
	}
	thumb.Set("width", strconv.Itoa(tw))
	thumb.Set("height", strconv.Itoa(th))
	title := carto.Text(p.Lang, "title")
	if j, err := d.Jurisdiction(p.Focus); err == nil && p.Focus != "" {
		title = j.Name.In(p.Lang)
	}
	s.writeJSON(w, r, oembedResponse{
		Version:      "1.0",
		Type:         "rich",
		Title:        title,
		ProviderName: "qcmap — " + d.Source.Publisher.In(p.Lang),
		ProviderURL:  origin + "/",
		HTML: fmt.Sprintf(`<iframe src="%s" width="%d" height="%d" style="border:0" title="%s" loading="lazy" allowfullscreen></iframe>`,
			html.EscapeString(src), width, height, html.EscapeString(title)),
		Width:           width,
		Height:          height,
		ThumbnailURL:    origin + "/map.png?" + thumb.Encode(),
		ThumbnailWidth:  tw,
		ThumbnailHeight: th,
		CacheAge:        3600,
	})
}

// embedQuery returns the /embed query that shows the page at raw, a URL of
// host: / and /embed keep their map parameters, /partners/{id} becomes
// focus={id}. Anything else is a 404 *Error.
func embedQuery(raw, host string) (url.Values, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !strings.EqualFold(u.Host, host) {
		return nil, notFound("url is not a page of %s", host)
	}
	q := u.Query()
	out := url.Values{}
	for _, k := range embedParams {
		if v := q.Get(k); v != "" {
			out.Set(k, v)
		}
	}
	path := strings.TrimSuffix(u.Path, "/")
	switch {
	case path == "" || path == "/embed":
	case strings.HasPrefix(path, "/partners/") && !strings.Contains(path[len("/partners/"):], "/"):
		out.Set("focus", path[len("/partners/"):])
	default:
		return nil, notFound("url must be the map (/), the embed view (/embed) or a partner (/partners/{id})")
	}
	return out, nil
}

// oembedSize returns the embed's size: 800×450, shrunk at 16:9 to fit
// maxW and maxH where they are set (non-zero).
func oembedSize(maxW, maxH int) (w, h int) {
	w = oembedWidth
	if maxW > 0 && maxW < w {
		w = maxW
	}
	h = max(1, int(math.Round(float64(w)*9/16)))
	if maxH > 0 && h > maxH {
		h = maxH
		w = max(1, int(math.Round(float64(h)*16/9)))
		if maxW > 0 && w > maxW {
			w = maxW
		}
	}
	return w, h
}

// origin returns the scheme and host the links sent back to r's client
// start with: BaseURL when it is set, never the request's Host; else the
// scheme and host the client asked for. X-Forwarded-Proto and
// X-Forwarded-Host are believed only with TrustProxy, as a proxy in front
// sets them; without it a client could send any.
func (s *Server) origin(r *http.Request) string {
	if s.BaseURL != "" {
		return strings.TrimSuffix(s.BaseURL, "/")
	}
	scheme, host := "http", r.Host
	if r.TLS != nil {
		scheme = "https"
	}
	if s.TrustProxy {
		if p := strings.ToLower(strings.TrimSpace(firstValue(r.Header.Get("X-Forwarded-Proto")))); p == "https" || p == "http" {
			scheme = p
		}
		if h := strings.TrimSpace(firstValue(r.Header.Get("X-Forwarded-Host"))); validHost(h) {
			host = h
		}
	}
	return scheme + "://" + host
}

// firstValue returns the first of a comma-separated header's values, the
// one the proxy nearest the client set.
func firstValue(v string) string {
	first, _, _ := strings.Cut(v, ",")
	return first
}

// validHost reports whether h is a host[:port] fit to put in a link.
func validHost(h string) bool {
	if h == "" {
		return false
	}
	u, err := url.Parse("http://" + h)
	return err == nil && u.Host == h && u.User == nil && u.Path == "" && u.RawQuery == ""
}

// OEmbedLink returns the oEmbed discovery element of the page r asks for,
// to put in its <head>:
//
//	<link rel="alternate" type="application/json+oembed" href="https://host/oembed?format=json&url=…" title="…">
//
// The title is the map's title in the page's language (?lang=en, else
// French).
func (s *Server) OEmbedLink(r *http.Request) string {
	origin := s.origin(r)
	page := origin + r.URL.RequestURI()
	href := origin + "/oembed?format=json&url=" + url.QueryEscape(page)
	lang := "fr"
	if r.URL.Query().Get("lang") == "en" {
		lang = "en"
	}
	return fmt.Sprintf(`<link rel="alternate" type="application/json+oembed" href="%s" title="%s">`,
		html.EscapeString(href), html.EscapeString(carto.Text(lang, "title")))
}
