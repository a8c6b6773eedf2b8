package server

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
)

// TestPagesInTheBrowsersLanguage checks that a page whose address names no
// language is drawn in the browser's first language, as the client picks
// it on a first visit (navigator.language, app/prefs.go): English when the
// Accept-Language tag of highest weight is English, French otherwise; that
// it is the same kept page as the address with ?lang=en; that the fast
// path and net/http agree; and that the answer says it varies with
// Accept-Language.
func TestPagesInTheBrowsersLanguage(t *testing.T) {
	var renders atomic.Int32
	s, _ := newTestServer(t)
	s.Pages = countingPages(&renders)
	s.PageParams = []string{"lang", "sector"}
	fast := serveLoopback(t, s.Handler())
	plain := httptest.NewServer(s.Handler())
	defer plain.Close()
	title := regexp.MustCompile(`<title>([^<]*)</title>`)

	for _, c := range []struct {
		target, acceptLang, want string // want: the path and query the page was drawn for
	}{
		{"/", "", "/?"},
		{"/", "en-US,en;q=0.9", "/?lang=en"},
		{"/", "en", "/?lang=en"},
		{"/", "EN-gb", "/?lang=en"},
		{"/", "fr-CA,fr;q=0.9,en;q=0.8", "/?"},
		{"/", "de-DE,en;q=0.5", "/?"},
		{"/", "fr;q=0.5,en;q=0.9", "/?lang=en"},
		{"/", "en;q=0.2,fr;q=0.9", "/?"},
		{"/", "en;q=0", "/?"},
		{"/", "*", "/?"},
		{"/", "!!!", "/?"},
		{"/?lang=fr", "en-US", "/?lang=fr"},
		{"/?lang=en", "fr-CA", "/?lang=en"},
		{"/?sector=energy&n=2", "en-US", "/?lang=en&sector=energy"},
		{"/partners/us-vt", "en-US", "/partners/us-vt?lang=en"},
	} {
		for _, base := range []string{fast, plain.URL} {
			h := map[string]string{}
			if c.acceptLang != "" {
				h["Accept-Language"] = c.acceptLang
			}
			got := fetchRaw(t, "GET", base+c.target, h)
			if got.status != http.StatusOK {
				t.Fatalf("%s, Accept-Language %q: status %d", c.target, c.acceptLang, got.status)
			}
			body := got.body
			m := title.FindStringSubmatch(body)
			if m == nil || m[1] != c.want {
				t.Errorf("%s, Accept-Language %q: the page drawn is %v; want %s", c.target, c.acceptLang, m, c.want)
			}
			if v := got.header.Get("Vary"); v != "Accept-Encoding, Accept-Language" {
				t.Errorf("%s, Accept-Language %q: Vary %q; want Accept-Encoding, Accept-Language", c.target, c.acceptLang, v)
			}
		}
	}
	// One render per page drawn: / for an English browser is /?lang=en's.
	before := renders.Load()
	fetchRaw(t, "GET", plain.URL+"/?lang=en", nil)
	fetchRaw(t, "GET", fast+"/", map[string]string{"Accept-Language": "en-CA"})
	if n := renders.Load() - before; n != 0 {
		t.Errorf("%d more renders for pages already kept", n)
	}

	// A server whose pages name no language (no lang among PageParams)
	// ignores Accept-Language and does not say it varies with it.
	s2, _ := newTestServer(t)
	s2.Pages = countingPages(&renders)
	s2.PageParams = []string{"sector"}
	other := httptest.NewServer(s2.Handler())
	defer other.Close()
	got := fetchRaw(t, "GET", other.URL+"/", map[string]string{"Accept-Language": "en-US"})
	if m := title.FindStringSubmatch(got.body); m == nil || m[1] != "/?" {
		t.Errorf("a server without a lang parameter drew %v; want /?", m)
	}
	if v := got.header.Get("Vary"); v != "Accept-Encoding" {
		t.Errorf("a server without a lang parameter: Vary %q; want Accept-Encoding", v)
	}
}

// TestNotFoundPageInTheBrowsersLanguage checks that the 404 page of an
// unknown partner follows the same rule.
func TestNotFoundPageInTheBrowsersLanguage(t *testing.T) {
	var renders atomic.Int32
	s, _ := newTestServer(t)
	s.Pages = countingPages(&renders)
	s.PageParams = []string{"lang", "sector"}
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	for _, c := range []struct{ target, acceptLang, want string }{
		{"/partners/xx-zz", "en-US", `<html lang="en">`},
		{"/partners/xx-zz", "fr-CA", `<html lang="fr">`},
		{"/partners/xx-zz", "", `<html lang="fr">`},
		{"/partners/xx-zz?lang=fr", "en-US", `<html lang="fr">`},
	} {
		got := fetchRaw(t, "GET", srv.URL+c.target, map[string]string{"Accept-Language": c.acceptLang})
		if got.status != http.StatusNotFound || !strings.Contains(got.body, c.want) {
			t.Errorf("%s, Accept-Language %q: %d, want 404 with %s:\n%.200s", c.target, c.acceptLang, got.status, c.want, got.body)
		}
		if v := got.header.Get("Vary"); v != "Accept-Language" {
			t.Errorf("%s: Vary %q; want Accept-Language", c.target, v)
		}
	}
}
