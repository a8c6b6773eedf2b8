//go:build !wasm

package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

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

// TestRunImageRateFlag checks that -image-rate 0 turns off the per-client
// limit on drawn map images (the server load benchmark needs it), that
// without the flag the default limit holds, and that a negative rate is
// refused.
func TestRunImageRateFlag(t *testing.T) {
	err := run(context.Background(), []string{"-image-rate", "-1"})
	if err == nil || !strings.Contains(err.Error(), "-image-rate") {
		t.Errorf("run -image-rate -1 = %v; want an error about -image-rate", err)
	}
	for _, tc := range []struct {
		name    string
		args    []string
		limited bool
	}{
		{"default", nil, true},
		{"off", []string{"-image-rate", "0"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, base := runServer(t, tc.args...)
			// 25 distinct pictures, each drawn: past the burst of 10 and
			// what 2 a second refill while they are drawn.
			refused := 0
			for i := range 25 {
				resp, err := http.Get(fmt.Sprintf("%s/map.svg?width=%d", base, 400+i))
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				switch resp.StatusCode {
				case http.StatusOK:
				case http.StatusTooManyRequests:
					refused++
				default:
					t.Fatalf("GET /map.svg?width=%d: status %d", 400+i, resp.StatusCode)
				}
			}
			if (refused > 0) != tc.limited {
				t.Errorf("%d of 25 pictures refused with 429; want limited = %v", refused, tc.limited)
			}
		})
	}
}

// freeAddr returns a loopback address with a port free right now.
func freeAddr(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// waitHealthy waits until the server at base answers /healthz, failing the
// test if it stops (an error on done) or takes longer than 30 s.
func waitHealthy(t testing.TB, base string, done <-chan error) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-done:
			t.Fatalf("the server stopped before answering: %v", err)
		default:
		}
		if resp, err := http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s/healthz did not answer within 30 s", base)
}

// runServer runs the server's main (run) with args on a free loopback
// address until the test ends, and returns that address and its base URL
// once /healthz answers. The test fails if run returns an error.
func runServer(t *testing.T, args ...string) (addr, base string) {
	t.Helper()
	addr = freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, append([]string{"-addr", addr}, args...)) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("run: %v", err)
		}
	})
	base = "http://" + addr
	waitHealthy(t, base, done)
	return addr, base
}

// TestWorkerKnowsPages checks that the service worker as served names the
// app's pages, the same as the routes: their exact paths and the partner
// pages' pattern, with no placeholder left.
func TestWorkerKnowsPages(t *testing.T) {
	srv, err := newServer("")
	if err != nil {
		t.Fatal(err)
	}
	w := httptest.NewRecorder()
	srv.Handler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/app-worker.js", nil))
	body := w.Body.String()
	if w.Code != http.StatusOK {
		t.Fatalf("GET /app-worker.js: %d", w.Code)
	}
	for _, want := range []string{
		`const pagePaths = new Set(["/","/list","/embed","/present"]);`,
		`const partnerPage = new RegExp("^/partners/[a-z0-9-]+/?$");`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("app-worker.js lacks %s", want)
		}
	}
	if strings.Contains(body, "QCMAP_") {
		t.Error("app-worker.js still holds a placeholder")
	}
}
