package server

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

var strongETag = regexp.MustCompile(`^"[0-9a-f]{32}(-gz|-br)?"$`)

func TestETag(t *testing.T) {
	s, _ := newTestServer(t)
	h := s.Handler()
	seen := map[string]string{}
	for _, target := range []string{"/api/relations", "/api/partners", "/api/partners?area=asia", "/api/partners/US-VT", "/api/offices", "/api/where?lon=-72.6&lat=44", "/web/x.css"} {
		w := do(h, "GET", target, nil)
		etag := w.Header().Get("ETag")
		if !strongETag.MatchString(etag) {
			t.Errorf("GET %s: ETag = %q; want a strong quoted ETag", target, etag)
			continue
		}
		if other, ok := seen[etag]; ok {
			t.Errorf("GET %s and %s share the ETag %s", target, other, etag)
		}
		seen[etag] = target
		if again := do(h, "GET", target, nil).Header().Get("ETag"); again != etag {
			t.Errorf("GET %s: ETag %q, then %q; want it stable", target, etag, again)
		}

		tests := []struct {
			ifNoneMatch string
			wantStatus  int
		}{
			{etag, http.StatusNotModified},
			{`"0123", ` + etag, http.StatusNotModified},
			{`"0123",` + etag + `, "4567"`, http.StatusNotModified},
			{"W/" + etag, http.StatusNotModified}, // If-None-Match compares weakly
			{"*", http.StatusNotModified},
			{`"0123"`, http.StatusOK},
			{strings.TrimSuffix(etag, `"`) + `0"`, http.StatusOK},
			{strings.Trim(etag, `"`), http.StatusOK}, // unquoted is no ETag
		}
		for _, tt := range tests {
			w := do(h, "GET", target, map[string]string{"If-None-Match": tt.ifNoneMatch})
			what := fmt.Sprintf("GET %s If-None-Match: %s", target, tt.ifNoneMatch)
			if w.Code != tt.wantStatus {
				t.Errorf("%s = %d; want %d", what, w.Code, tt.wantStatus)
			}
			if w.Code == http.StatusNotModified {
				if w.Body.Len() != 0 {
					t.Errorf("%s: body %q; want none", what, w.Body)
				}
				if got := w.Header().Get("ETag"); got != etag {
					t.Errorf("%s: ETag = %q; want %q", what, got, etag)
				}
				if w.Header().Get("Cache-Control") == "" {
					t.Errorf("%s: no Cache-Control", what)
				}
				checkSecurityHeaders(t, what, w.Header())
			}
		}
	}
}

func TestEtagMatch(t *testing.T) {
	const etag = `"abc"`
	tests := []struct {
		header string
		want   bool
	}{
		{"", false},
		{`"abc"`, true},
		{` "abc" `, true},
		{`W/"abc"`, true},
		{`"x", "abc"`, true},
		{`"x","y"`, false},
		{"*", true},
		{"abc", false},
		{`"ab"`, false},
		{`"abc`, false},
	}
	for _, tt := range tests {
		if got := etagMatch(tt.header, etag); got != tt.want {
			t.Errorf("etagMatch(%q, %q) = %v; want %v", tt.header, etag, got, tt.want)
		}
	}
}
