//go:build !wasm

package geo

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with the file testdata/name, or rewrites the file
// with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./geo -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("WriteSVG output differs from %s (%d bytes, want %d); if the change is right, run go test ./geo -update", path, len(got), len(want))
	}
}

func TestWriteSVGFixture(t *testing.T) {
	a := loadFixture(t)
	lv, _ := a.Level(Continent)
	var buf bytes.Buffer
	err := WriteSVG(&buf, lv, SVGOptions{
		View:  ProjectBox(-5, 35, 45, 55),
		Width: 600,
		Class: func(layer, id string) string {
			if id == "AA-N" {
				return "selected"
			}
			return ""
		},
		Fill: func(layer, id string) string {
			if layer == LayerCountries && id == "CC" {
				return "#c00"
			}
			return ""
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "fixture.svg", buf.Bytes())
}

func TestWriteSVG(t *testing.T) {
	a := loadAssets(t)
	tests := []struct {
		file  string
		level string
		opts  SVGOptions
	}{
		{"world.svg", World, SVGOptions{Width: 1200}},
		{"western-europe.svg", Continent, SVGOptions{View: ProjectBox(-10, 35, 20, 56), Width: 1200}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			lv, err := a.Level(tt.level)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := WriteSVG(&buf, lv, tt.opts); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.file, buf.Bytes())
		})
	}
}
