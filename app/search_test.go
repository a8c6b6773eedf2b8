//go:build !wasm

package main

import (
	"testing"

	"qcmap"
	"qcmap/assets"
)

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"São Paulo", "sao paulo"},
		{"Québec", "quebec"},
		{"Nuevo León", "nuevo leon"},
		{"BAVIÈRE", "baviere"},
		{"Œuvre", "oeuvre"},
	} {
		if got := fold(tc.in); got != tc.want {
			t.Errorf("fold(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

func TestSearch(t *testing.T) {
	d, err := qcmap.Load(assets.RelationsFile, assets.Relations)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		lang, query, wantFirst string
	}{
		{"fr", "sao", "BR-SP"},
		{"en", "quebec", "CA-QC"},
		{"fr", "bav", "DE-BY"},
		{"en", "bav", "DE-BY"},
		{"fr", "leon", "MX-NLE"},
		{"en", "champlain", "US-NY"},
		{"fr", "chicago", "office-chicago"},
		{"en", "wallon", "BE-WAL"},
	} {
		got := search(d, tc.lang, tc.query)
		if len(got) == 0 || got[0].ID != tc.wantFirst {
			t.Errorf("search(%s, %q) = %v; want %s first", tc.lang, tc.query, got, tc.wantFirst)
		}
	}
	if got := search(d, "fr", "x"); got != nil {
		t.Errorf("search(fr, %q) = %v; want nothing for one letter", "x", got)
	}
	if got := search(d, "fr", "e"); len(got) > maxResults {
		t.Errorf("search gave %d results; want at most %d", len(got), maxResults)
	}
}
