//go:build !wasm

package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"qcmap/assets"
)

// TestRunRefusesBadData checks that -data with a typo in a partner id stops
// the server before it listens, naming the file and line.
func TestRunRefusesBadData(t *testing.T) {
	bad := strings.Replace(string(assets.Relations), "parties: [US-ME]", "parties: [US-MEE]", 1)
	if bad == string(assets.Relations) {
		t.Fatal("the fixture edit did not apply; update the test to the data file")
	}
	file := filepath.Join(t.TempDir(), "relations.yaml")
	if err := os.WriteFile(file, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	line := 1 + strings.Count(bad[:strings.Index(bad, "US-MEE")], "\n")
	err := run(context.Background(), []string{"-addr", "127.0.0.1:0", "-data", file})
	if err == nil {
		t.Fatal("run with a bad data file returned nil; want an error")
	}
	want := file + ":" + strconv.Itoa(line) + ":"
	if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), `did you mean "US-ME"`) {
		t.Errorf("run error = %q; want it to contain %q and the suggestion US-ME", err, want)
	}
}
