package server

import (
	"net/http"
	"slices"

	"golang.org/x/text/language"
)

// langParam is the query parameter that names a page's language.
const langParam = "lang"

// prefersEnglish reports whether a request's Accept-Language puts English
// first: the tag of highest weight (the first of those of equal weight)
// is en or en-*. It is the rule the client follows on a first visit with
// navigator.language, the browser's first language (app/prefs.go), so a
// page the server draws for an address that names no language is the one
// the client mounts: an English browser's first paint is English, not
// French replaced by English once app.wasm runs.
func prefersEnglish(h http.Header) bool {
	v := h.Get("Accept-Language")
	if v == "" {
		return false
	}
	tags, q, err := language.ParseAcceptLanguage(v)
	if err != nil || len(tags) == 0 || q[0] <= 0 {
		return false
	}
	base, _ := tags[0].Base()
	return base.String() == "en"
}

// pagesByLang reports whether s draws a page whose address names no
// language in the browser's first language (pageKey): its pages name a
// language parameter.
func (s *Server) pagesByLang() bool { return slices.Contains(s.PageParams, langParam) }

// pageLang is the language of the page r asks for: the one its address
// names, else the browser's first (prefersEnglish), else French.
func pageLang(r *http.Request) string {
	switch l := r.URL.Query().Get(langParam); {
	case l == "en":
		return "en"
	case l == "" && prefersEnglish(r.Header):
		return "en"
	}
	return "fr"
}
