package main

import (
	"strings"
	"testing"
)

// TestParseDeckCall checks which messages are calls: an object with a
// method and an array of arguments, in JSON.
func TestParseDeckCall(t *testing.T) {
	for _, tc := range []struct {
		name, raw string
		method    string // "" for an error
		args      int
	}{
		{"select", `{"method":"select","args":["us-vt"]}`, "select", 1},
		{"no args", `{"method":"getState"}`, "getState", 0},
		{"an id", `{"method":"getState","args":[],"id":7}`, "getState", 0},
		{"setView", `{"method":"setView","args":[412.5,180,4]}`, "setView", 3},
		{"not JSON", `not json {`, "", 0},
		{"cut short", `{"method": `, "", 0},
		{"a number", `42`, "", 0},
		{"null", `null`, "", 0},
		{"an array", `[1,2]`, "", 0},
		{"no method", `{"args":[]}`, "", 0},
		{"a method that is no string", `{"method":1}`, "", 0},
		{"args that are no array", `{"method":"select","args":"us-vt"}`, "", 0},
		{"too long", `{"method":"select","args":["` + strings.Repeat("a", deckMaxMessage) + `"]}`, "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := parseDeckCall(tc.raw)
			if tc.method == "" {
				if err == nil {
					t.Errorf("parseDeckCall(%.40q) = %+v; want an error", tc.raw, c)
				}
				return
			}
			if err != nil || c.Method != tc.method || len(c.Args) != tc.args {
				t.Errorf("parseDeckCall(%q) = %q with %d args, %v; want %q with %d", tc.raw, c.Method, len(c.Args), err, tc.method, tc.args)
			}
		})
	}
}

// FuzzParseDeckCall checks that any message either is a call with a method
// or is refused, without panicking.
func FuzzParseDeckCall(f *testing.F) {
	for _, s := range []string{`{"method":"select","args":["us-vt"]}`, `{"method":"setFilters","args":[{"sector":null}]}`, `not json`, `{}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		c, err := parseDeckCall(raw)
		if err == nil && c.Method == "" {
			t.Errorf("parseDeckCall(%q) accepted a call with no method", raw)
		}
	})
}
