//go:build !wasm

package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestServeProxyFlags checks that -trust-proxy and -base-url (and their
// environment variables) reach the server: oEmbed's links start with the
// base URL, or with the proxy's X-Forwarded-Proto and -Host when trusted.
func TestServeProxyFlags(t *testing.T) {
	for _, bad := range [][]string{{"-base-url", "qcmap.example"}, {"-base-url", "ftp://qcmap.example"}, {"-base-url", "https://qcmap.example/?x=1"}} {
		if err := run(context.Background(), bad); err == nil || !strings.Contains(err.Error(), "-base-url") {
			t.Errorf("run %q = %v; want an error about -base-url", bad, err)
		}
	}
	t.Setenv("QCMAP_TRUST_PROXY", "maybe")
	if err := run(context.Background(), nil); err == nil || !strings.Contains(err.Error(), "QCMAP_TRUST_PROXY") {
		t.Errorf("run with QCMAP_TRUST_PROXY=maybe = %v; want an error about it", err)
	}

	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		page string // the page oEmbed is asked about
		want string // what its links start with
	}{
		{"neither", nil, nil, "http://HOST/", "http://HOST/"},
		{"trust-proxy flag", []string{"-trust-proxy"}, nil, "https://maps.example.org/", "https://maps.example.org/"},
		{"trust-proxy env", nil, map[string]string{"QCMAP_TRUST_PROXY": "true"}, "https://maps.example.org/", "https://maps.example.org/"},
		{"base-url flag", []string{"-base-url", "https://qcmap.example/"}, nil, "https://qcmap.example/", "https://qcmap.example/"},
		{"base-url env", nil, map[string]string{"QCMAP_BASE_URL": "https://qcmap.example"}, "https://qcmap.example/", "https://qcmap.example/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("QCMAP_TRUST_PROXY", "")
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			addr, base := runServer(t, tc.args...)
			page := strings.ReplaceAll(tc.page, "HOST", addr)
			req, _ := http.NewRequest("GET", base+"/oembed?url="+url.QueryEscape(page+"partners/us-vt"), nil)
			req.Header.Set("X-Forwarded-Proto", "https")
			req.Header.Set("X-Forwarded-Host", "maps.example.org")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var o struct {
				ProviderURL  string `json:"provider_url"`
				ThumbnailURL string `json:"thumbnail_url"`
			}
			if err := json.NewDecoder(resp.Body).Decode(&o); err != nil || resp.StatusCode != 200 {
				t.Fatalf("GET /oembed = %d, %v; want 200", resp.StatusCode, err)
			}
			want := strings.ReplaceAll(tc.want, "HOST", addr)
			if !strings.HasPrefix(o.ProviderURL, want) || !strings.HasPrefix(o.ThumbnailURL, want) {
				t.Errorf("provider_url %q, thumbnail_url %q; want both to start with %q", o.ProviderURL, o.ThumbnailURL, want)
			}
		})
	}
}
