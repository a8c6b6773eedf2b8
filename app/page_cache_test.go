//go:build !wasm

package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"qcmap/geo/carto"
)

// TestPageCacheRealPages serves go-app's real pages through the page
// cache: a page comes back in the same bytes (which go-app's renders never
// are), whatever unknown parameters the query holds, and a parameter the
// page reads makes another page.
func TestPageCacheRealPages(t *testing.T) {
	srv, err := newServer("")
	if err != nil {
		t.Fatal(err)
	}
	h := srv.Handler()
	get := func(target string) []byte {
		t.Helper()
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, target, nil))
		if w.Code != http.StatusOK || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
			t.Fatalf("GET %s = %d %s; want a page", target, w.Code, w.Header().Get("Content-Type"))
		}
		return w.Body.Bytes()
	}
	for _, tt := range []struct{ page, same, other string }{
		{"/", "/?zz=1&utm_source=x", "/?lang=en"},
		{"/partners/us-vt", "/partners/us-vt?zz=2", "/partners/us-vt?sector=environment"},
		{"/list?lang=en", "/list?zz=3&lang=en", "/list"},
		{"/embed", "/embed?zz=1", "/embed?legend=0"},
		{"/present?steps=us-vt,us-ny", "/present?steps=us-vt,us-ny&zz=1", "/present?steps=us-vt,us-ny&step=2"},
	} {
		page := get(tt.page)
		if got := get(tt.same); !bytes.Equal(got, page) {
			t.Errorf("GET %s: other bytes than GET %s; want the page kept", tt.same, tt.page)
		}
		if got := get(tt.same); bytes.Contains(got, []byte("zz=")) || bytes.Contains(got, []byte("utm_source")) {
			t.Errorf("GET %s: the page names a parameter it does not read", tt.same)
		}
		if got := get(tt.other); bytes.Equal(got, page) {
			t.Errorf("GET %s: the bytes of GET %s; want its own page", tt.other, tt.page)
		}
	}
	for _, name := range carto.Names {
		if name != "width" && name != "height" && !strings.Contains(strings.Join(pageParams, " "), name) {
			t.Errorf("pageParams = %v; want carto's %s in it", pageParams, name)
		}
	}
}
