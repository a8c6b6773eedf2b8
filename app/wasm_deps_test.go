//go:build !wasm

package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestWasmDependencies keeps out of app.wasm what does not belong in the
// browser: the server, the embedded assets, the YAML parser, PNG encoding,
// GeoJSON decoding and the CLDR tables. go-app itself links net/http (its
// Handler type), so net/http cannot be listed; our server package can.
func TestWasmDependencies(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps (GOOS=js GOARCH=wasm): %v\n%s", err, out)
	}
	deps := map[string]bool{}
	for _, d := range strings.Fields(string(out)) {
		deps[d] = true
	}
	if !deps["github.com/maxence-charriere/go-app/v10/pkg/app"] {
		t.Fatalf("the wasm build does not list go-app; the dependency list looks wrong:\n%s", out)
	}
	for _, forbidden := range []string{
		"qcmap/server",
		"qcmap/geo/render",
		"qcmap/geo/render/png",
		"golang.org/x/image/vector",
		"qcmap/assets",
		"net/http/httptest",
		"github.com/goccy/go-yaml",
		"image/png",
		"github.com/paulmach/orb/geojson",
		"golang.org/x/text/language/display",
		"embed",
	} {
		if deps[forbidden] {
			t.Errorf("the wasm build links %s; keep it behind //go:build !wasm", forbidden)
		}
	}
}
