package server

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestServeShutdown starts the server with one request that blocks past a
// short grace: Serve must log the start of the shutdown with one open
// connection, close it when the grace has passed, and return nil.
func TestServeShutdown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	started, release := make(chan struct{}), make(chan struct{})
	defer close(release)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/quick" {
			return
		}
		close(started)
		select {
		case <-release:
		case <-time.After(10 * time.Second):
		}
	})
	log := &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, ln, h, 50*time.Millisecond, slog.New(slog.NewTextHandler(log, nil))) }()

	base := "http://" + ln.Addr().String()
	if resp, err := http.Get(base + "/quick"); err != nil {
		t.Fatal(err)
	} else {
		resp.Body.Close()
	}
	go func() {
		if resp, err := (&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}).Get(base + "/slow"); err == nil {
			resp.Body.Close()
		}
	}()
	<-started
	t0 := time.Now()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve = %v; want nil after the grace", err)
		}
		if d := time.Since(t0); d > 2*time.Second {
			t.Errorf("Serve returned %v after the cancel; want about the grace, 50ms", d)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return after the grace")
	}
	got := log.String()
	for _, want := range []string{"shutdown started", "open_connections=", "closed the connections left", "closed=1"} {
		if !strings.Contains(got, want) {
			t.Errorf("log = %q; want %q", got, want)
		}
	}
}

// TestServeShutdownClean has nothing in flight: the shutdown ends at once.
func TestServeShutdownClean(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	log := &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, ln, http.NotFoundHandler(), time.Second, slog.New(slog.NewTextHandler(log, nil)))
	}()
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Serve = %v; want nil", err)
	}
	if got := log.String(); !strings.Contains(got, "shutdown started") || !strings.Contains(got, "shutdown done") {
		t.Errorf("log = %q; want the start and the end of the shutdown", got)
	}
}
