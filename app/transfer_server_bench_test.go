//go:build !wasm

package main

import (
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// xferServer wraps the app's handler: it counts what each request was
// answered with, and holds the service worker's requests at a gate until
// the benchmark listens to the worker.
type xferServer struct {
	h    http.Handler
	gate chan struct{}
	held atomic.Int64 // nanoseconds the gate held the worker's first request
	// gateTimedOut is set when a worker's request went through the gate
	// before the benchmark listened to the worker.
	gateTimedOut atomic.Bool
	wire         atomic.Int64 // bytes written on the connections

	mu       sync.Mutex
	reqs     []xferServerReq
	inflight int
	last     time.Time
}

type xferServerReq struct {
	path, enc, from, accept string
	status                  int
	body                    int64
}

// xferServed is one visit as the server saw it.
type xferServed struct {
	wire int64
	reqs []xferServerReq
}

func (s xferServed) byKind() map[string]int64 {
	m := map[string]int64{}
	for _, r := range s.reqs {
		m[xferKind(r.path, "")] += r.body
	}
	return m
}

func newXferServer(h http.Handler) *xferServer {
	return &xferServer{h: h, gate: make(chan struct{})}
}

func (s *xferServer) reset() xferServed {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := xferServed{wire: s.wire.Swap(0), reqs: s.reqs}
	s.reqs = nil
	return out
}

func (s *xferServer) busy() (int, time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.inflight, s.last
}

func (s *xferServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	from := "page"
	// A service worker's fetches carry its script as the referrer.
	if ref := r.Referer(); strings.HasSuffix(ref, "/app-worker.js") || r.Header.Get("Service-Worker") != "" {
		from = "worker"
		if r.Header.Get("Service-Worker") == "" {
			t0 := time.Now()
			select {
			case <-s.gate:
			case <-time.After(10 * time.Second):
				// Let it through, but the benchmark may not have heard
				// of it: the run fails rather than count it short.
				s.gateTimedOut.Store(true)
			case <-r.Context().Done():
			}
			s.held.CompareAndSwap(0, int64(time.Since(t0)))
		}
	}
	s.mu.Lock()
	s.inflight++
	s.mu.Unlock()
	cw := &xferWriter{ResponseWriter: w}
	s.h.ServeHTTP(cw, r)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.inflight--
	s.last = time.Now()
	if cw.status == 0 {
		cw.status = http.StatusOK
	}
	s.reqs = append(s.reqs, xferServerReq{
		path: r.URL.RequestURI(), enc: w.Header().Get("Content-Encoding"), from: from, accept: r.Header.Get("Accept-Encoding"),
		status: cw.status, body: cw.n,
	})
}

// xferWriter counts the body bytes of a response.
type xferWriter struct {
	http.ResponseWriter
	status int
	n      int64
}

func (w *xferWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *xferWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(p)
	w.n += int64(n)
	return n, err
}

func (w *xferWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// xferListener counts the bytes the server writes on its connections.
type xferListener struct {
	net.Listener
	n *atomic.Int64
}

func (l *xferListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &xferConn{Conn: c, n: l.n}, nil
}

type xferConn struct {
	net.Conn
	n *atomic.Int64
}

func (c *xferConn) Write(p []byte) (int, error) {
	n, err := c.Conn.Write(p)
	c.n.Add(int64(n))
	return n, err
}
