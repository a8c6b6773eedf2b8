//go:build !wasm

package main

import (
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestMakeRunPort checks the Makefile's rule for the address: `make run`
// passes -addr only when ADDR is set, so that PORT reaches the binary.
func TestMakeRunPort(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("make is not installed")
	}
	for _, tc := range []struct {
		env  []string
		want string // the binary's command line
	}{
		{[]string{"PORT=9123"}, "./bin/qcmap"},
		{[]string{"PORT=9123", "ADDR=127.0.0.1:9124"}, "./bin/qcmap -addr 127.0.0.1:9124"},
	} {
		cmd := exec.Command("make", "-n", "-C", "..", "run")
		cmd.Env = append(os.Environ(), tc.env...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("make -n run with %v: %v\n%s", tc.env, err, out)
		}
		var line string
		for l := range strings.Lines(string(out)) {
			if strings.HasPrefix(l, "./bin/qcmap") {
				line = strings.TrimSpace(l)
			}
		}
		if line != tc.want {
			t.Errorf("make run with %v runs %q; want %q", tc.env, line, tc.want)
		}
	}
}

// TestBinaryPortAndShutdown runs the built binary as a platform would: with
// PORT set and no -addr, it must listen on that port. Then, with a client
// that asks for app.wasm and never reads it (the server's write blocks),
// SIGTERM must log the start of the shutdown with that connection open,
// close it once the 10 s grace has passed, log how many it closed, and
// exit 0.
func TestBinaryPortAndShutdown(t *testing.T) {
	wasmBuilt(t)
	bin := filepath.Join(t.TempDir(), "qcmap")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("building the binary: %v\n%s", err, out)
	}
	port := strings.TrimPrefix(freeAddr(t), "127.0.0.1:")
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "PORT="+port, "GOMEMLIMIT=")
	var logs syncBuffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
	})
	addr := "127.0.0.1:" + port
	up := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(up) {
			t.Fatalf("the binary with PORT=%s does not answer on %s: %v\n%s", port, addr, err, logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}

	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.(*net.TCPConn).SetReadBuffer(4 << 10)
	if _, err := io.WriteString(c, "GET /web/app.wasm HTTP/1.1\r\nHost: qcmap\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond) // the server is writing, blocked
	t0 := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		exited <- err // for the cleanup
		if err != nil {
			t.Errorf("the binary exited with %v after SIGTERM; want status 0\n%s", err, logs.String())
		}
		if d := time.Since(t0); d < 9*time.Second {
			t.Errorf("the binary exited %v after SIGTERM; want it to wait the 10 s grace for the open request", d)
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("the binary did not exit within 20 s of SIGTERM\n%s", logs.String())
	}
	got := logs.String()
	for _, want := range []string{"shutdown started", "open_connections=1", "closed the connections left", "closed=1"} {
		if !strings.Contains(got, want) {
			t.Errorf("the log has no %q:\n%s", want, got)
		}
	}
}

// syncBuffer is a buffer that a process's output and the test share.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
