package server

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
)

// partnerPages stands before the page handler for /partners/{id}: a path
// whose id is not in its canonical form (lower case, no trailing slash) is
// redirected (301) to it, keeping the query, and an id that is not one of the
// current dataset's gets a real 404 page instead of the map. Other paths go
// to next.
func (s *Server) partnerPages(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, ok := strings.CutPrefix(r.URL.Path, "/partners/")
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		trimmed := strings.TrimSuffix(id, "/")
		if _, err := s.Data().Jurisdiction(strings.ToUpper(trimmed)); err != nil || strings.Contains(trimmed, "/") {
			s.writeNotFoundPage(w, r)
			return
		}
		if canon := strings.ToLower(trimmed); canon != id {
			u := url.URL{Path: "/partners/" + canon, RawQuery: r.URL.RawQuery}
			http.Redirect(w, r, u.String(), http.StatusMovedPermanently)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// notFoundText is the 404 page's wording, by language.
var notFoundText = map[string]struct{ lang, title, msg, back string }{
	"fr": {"fr", "Page introuvable — qcmap", "Cette page n'existe pas : aucun partenaire ne porte cet identifiant.", "Retour à la carte"},
	"en": {"en", "Page not found — qcmap", "This page does not exist: no partner has this id.", "Back to the map"},
}

// writeNotFoundPage answers 404 with a small HTML page in the request's
// language (pageLang) that links back to the map.
func (s *Server) writeNotFoundPage(w http.ResponseWriter, r *http.Request) {
	lang := pageLang(r)
	t := notFoundText[lang]
	home := "/"
	if lang == "en" {
		home = "/?lang=en"
	}
	css := "/web/qcmap.css"
	if s.Web != nil {
		css = s.WebURL(css)
	}
	page := fmt.Sprintf(`<!DOCTYPE html>
<html lang="%s">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s</title>
<link rel="stylesheet" href="%s">
</head>
<body>
<main>
<h1>%s</h1>
<p>%s</p>
<p><a href="%s">%s</a></p>
</main>
</body>
</html>
`, t.lang, html.EscapeString(t.title), html.EscapeString(css), html.EscapeString(t.title), html.EscapeString(t.msg), html.EscapeString(home), html.EscapeString(t.back))
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("Content-Length", fmt.Sprint(len(page)))
	h.Set("Vary", varyLang[0])
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		w.Write([]byte(page))
	}
}
