//go:build !wasm

package main

import (
	"html"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

// TestPageChrome checks the prerendered header and footer of the map and
// the list against the design system's qc-piv-header and qc-piv-footer:
// the skip link first, the title, the links with the language switch, no
// government signature (no image in the header), and a footer that credits
// the source with its last update.
func TestPageChrome(t *testing.T) {
	srv, err := newServer("")
	if err != nil {
		t.Fatal(err)
	}
	h := srv.Handler()
	updated := srv.Data().Source.Updated
	for _, tc := range []struct {
		page, skip, title, other string
	}{
		{"/", "#map-wrap", "Relations bilatérales du Québec", "English"},
		{"/partners/us-vt?lang=en", "#map-wrap", "Québec's bilateral relations", "Français"},
		{"/list", "#main", "Relations bilatérales du Québec", "English"},
	} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, tc.page, nil))
		if w.Code != http.StatusOK {
			t.Fatalf("GET %s = %d", tc.page, w.Code)
		}
		body := w.Body.String()
		i := strings.Index(body, `<header class="topbar qc-piv-header"`)
		j := strings.Index(body, "</header>")
		if i < 0 || j < i {
			t.Errorf("GET %s: no qc-piv-header", tc.page)
			continue
		}
		header := body[i:j]
		skip := regexp.MustCompile(`^<header[^>]*>\s*<div class="go-to-content">\s*(<a [^>]*>)`).FindStringSubmatch(header)
		if skip == nil || !strings.Contains(skip[1], `class="skip-link"`) || !strings.Contains(skip[1], `href="`+tc.skip+`"`) {
			t.Errorf("GET %s: the header does not start with the skip link to %s: %q", tc.page, tc.skip, skip)
		}
		// In this order, whatever go-app's order of attributes.
		at := 0
		for _, want := range []string{
			`class="go-to-content"`, "<a ",
			`class="piv-top"`, `class="title"`, `class="brand page-title"`, html.EscapeString(tc.title) + "</a>",
			`class="right-section"`, `<nav`, `hreflang=`, ">" + tc.other + "</a>",
		} {
			k := strings.Index(header[at:], want)
			if k < 0 {
				t.Errorf("GET %s: no %s after byte %d of the header:\n%s", tc.page, want, at, header)
				break
			}
			at += k + len(want)
		}
		if strings.Contains(header, "<img") || strings.Contains(header, "<svg") {
			t.Errorf("GET %s: the header shows an image; the government's signature is for public bodies only", tc.page)
		}
		footer := regexp.MustCompile(`<footer class="page-footer qc-piv-footer [^"]*">[\s\S]*?</footer>`).FindString(body)
		if !strings.Contains(footer, `<time datetime="`+updated+`">`+updated+`</time>`) || !strings.Contains(footer, "<cite>") {
			t.Errorf("GET %s: footer %q; want the source's title and its update %s", tc.page, footer, updated)
		}
	}
}
