// Package golden compares a test's output with a file under testdata/,
// and rewrites the file when the tests run with -update (the idiom of the
// Go tree's src/go/printer/printer_test.go):
//
//	go test ./geo/render -update
//
// It imports only the standard library, so any package's tests can use it.
package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// Updating reports whether the tests run with -update.
func Updating() bool { return *update }

// Check compares got with the golden file at path. Under -update it writes
// got to path first (making its folder), so the check passes and the diff
// is left for review.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden: %v (run go test -update to write it)", err)
	}
	switch {
	case bytes.Equal(got, want):
	case len(got)+len(want) < 4<<10: // short enough to read in the log
		t.Errorf("golden: output differs from %s:\n%s\nwant:\n%s\n(run go test -update and review the diff)", path, got, want)
	default:
		t.Errorf("golden: output differs from %s (%d bytes; want %d); run go test -update and review the diff", path, len(got), len(want))
	}
}
