//go:build !wasm

package main

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

// TestPartnerRoutes checks that the client's partner routes (partnerPaths,
// one exact route per jurisdiction of the page's dataset) are the pages the
// server routes by partnerPattern and serves: every path matches the
// pattern, names its jurisdiction (cutPartner), and the server answers it,
// the canonical path with the page and the one with a trailing slash with
// a redirect to it. A path of the pattern that no jurisdiction has is the
// server's 404 and no client route.
func TestPartnerRoutes(t *testing.T) {
	srv, err := newServer("")
	if err != nil {
		t.Fatal(err)
	}
	d := srv.Data()
	paths := partnerPaths(d)
	if len(d.Jurisdictions) == 0 || len(paths) != 2*len(d.Jurisdictions) {
		t.Fatalf("partnerPaths gave %d paths for %d jurisdictions; want two each", len(paths), len(d.Jurisdictions))
	}
	if partnerPaths(nil) != nil {
		t.Error("partnerPaths(nil) routes pages of no dataset")
	}
	pattern := regexp.MustCompile(partnerPattern)
	h := srv.Handler()
	routed := map[string]bool{}
	for i, p := range paths {
		routed[p] = true
		j := d.Jurisdictions[i/2]
		if !pattern.MatchString(p) {
			t.Errorf("client route %s does not match the server's %s", p, partnerPattern)
		}
		if id, ok := cutPartner(p); !ok || strings.ToUpper(id) != j.ID {
			t.Errorf("cutPartner(%s) = %q, %v; want %s", p, id, ok, j.ID)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
		want := http.StatusOK
		if strings.HasSuffix(p, "/") {
			want = http.StatusMovedPermanently
			if loc := rec.Header().Get("Location"); loc != strings.TrimSuffix(p, "/") {
				t.Errorf("GET %s redirects to %q; want %s", p, loc, strings.TrimSuffix(p, "/"))
			}
		}
		if rec.Code != want {
			t.Errorf("GET %s = %d; want %d", p, rec.Code, want)
		}
	}
	const unknown = "/partners/zz-zz"
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, unknown, nil))
	if !pattern.MatchString(unknown) || routed[unknown] || rec.Code != http.StatusNotFound {
		t.Errorf("GET %s = %d, client route %v; want the server's 404 and no client route", unknown, rec.Code, routed[unknown])
	}
}
