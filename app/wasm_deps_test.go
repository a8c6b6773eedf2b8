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

// TestWasmNoReflectMethod keeps the linker's dead-code elimination of
// methods working for app.wasm: one reachable call of reflect.Value.Method
// or MethodByName with a name known only at run time (text/template is
// the usual culprit) makes the linker keep every exported method of every
// type, megabytes of wasm. The linker marks such a call <ReflectMethod>
// in its -dumpdep graph.
func TestWasmNoReflectMethod(t *testing.T) {
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w -dumpdep", "-o", os.DevNull, ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go build -ldflags=-dumpdep (GOOS=js GOARCH=wasm): %v\n%.2000s", err, out)
	}
	if !strings.Contains(string(out), "main.main") {
		t.Fatalf("the -dumpdep graph does not name main.main; it looks wrong:\n%.2000s", out)
	}
	for line := range strings.Lines(string(out)) {
		if strings.Contains(line, "<ReflectMethod>") {
			t.Errorf("app.wasm reaches a dynamic method lookup, which keeps every exported method alive: %s", strings.TrimSpace(line))
		}
	}
}
