package server

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/valyala/fasthttp"
	"github.com/valyala/fasthttp/fasthttpadaptor"
)

// The connections are fasthttp's. On the two cores of the machines the
// benchmarks run on, with the load tool on them too, net/http alone
// sending one page's bytes does about 0.72× the requests per second of
// nginx sending the same file (its per-request goroutine hand-offs, a
// background read to notice a client leaving, two writes per response);
// fasthttp does about 1.05×. So the kept pages, which a site serves most,
// and the static files, app.wasm among them, are answered by fasthttp
// itself (serveKept, serveWeb), and every other request by
// the net/http handler through fasthttpadaptor, unchanged: the handlers,
// their tests and their errors know nothing of it.

// Serve serves h on ln until ctx is done, then shuts down: it stops
// accepting, lets in-flight requests finish for up to grace, then closes the
// connections still open. It logs when the shutdown starts (with the number
// of open connections) and ends (with the number it had to close), and
// returns nil when ctx ended it, so that the process exits 0 even when a
// request outlived the grace. When h is a Server's Handler, its kept pages
// are sent without going through net/http.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, grace time.Duration, log *slog.Logger) error {
	var (
		mu    sync.Mutex
		conns = map[net.Conn]struct{}{}
	)
	slow := fasthttpadaptor.NewFastHTTPHandler(h)
	serve := slow
	if k, ok := h.(keptPages); ok {
		serve = func(c *fasthttp.RequestCtx) {
			if !k.serveKept(c) {
				slow(c)
			}
		}
	}
	srv := &fasthttp.Server{
		Handler: serve,
		// Every route is a GET: the request line and its header, which a
		// slow client must send within ReadTimeout of its first byte.
		ReadTimeout:  5 * time.Second,
		WriteTimeout: 60 * time.Second, // app.wasm on a slow link
		IdleTimeout:  120 * time.Second,
		// The request line and header must fit in the read buffer (431
		// otherwise); a GET has no body to speak of.
		ReadBufferSize:               16 << 10,
		MaxRequestBodySize:           64 << 10,
		DisablePreParseMultipartForm: true,
		NoDefaultServerHeader:        true,
		NoDefaultContentType:         true,
		CloseOnShutdown:              true,
		Logger:                       fastLogger{log},
		ConnState: func(c net.Conn, state fasthttp.ConnState) {
			mu.Lock()
			defer mu.Unlock()
			switch state {
			case fasthttp.StateNew:
				conns[c] = struct{}{}
			case fasthttp.StateHijacked, fasthttp.StateClosed:
				delete(conns, c)
			}
		},
	}
	open := func() int {
		mu.Lock()
		defer mu.Unlock()
		return len(conns)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	start := time.Now()
	log.Info("shutdown started", "open_connections", open(), "grace", grace)
	shutdown, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := srv.ShutdownWithContext(shutdown); err != nil {
		mu.Lock()
		left := len(conns)
		for c := range conns {
			c.Close()
		}
		mu.Unlock()
		log.Warn("shutdown grace passed; closed the connections left", "closed", left, "took", time.Since(start).Round(time.Millisecond))
		return nil
	}
	log.Info("shutdown done", "took", time.Since(start).Round(time.Millisecond))
	return nil
}

// fastLogger sends fasthttp's own messages (a connection it could not
// serve, a malformed request) to the log at debug level: a client can
// cause as many as it likes.
type fastLogger struct{ log *slog.Logger }

func (l fastLogger) Printf(format string, args ...any) {
	l.log.Debug("http: " + fmt.Sprintf(format, args...))
}

// keptPages is a handler with a fast path for the pages it keeps and the
// files it serves.
type keptPages interface {
	serveKept(c *fasthttp.RequestCtx) bool
}

// handler is the root handler of a Server: the net/http one, and the fast
// path of its page cache and its static files.
type handler struct {
	http.Handler
	s *Server
}

// serveKept answers c when it asks for a page the current page cache
// keeps, or a file of /web/ (serveWeb), with the same status, headers and
// bytes as the net/http handler would (cachePages, headers), and reports
// whether it did. Anything else,
// and any path net/http would clean or decode first, goes to net/http.
func (h handler) serveKept(c *fasthttp.RequestCtx) bool {
	if !c.IsGet() && !c.IsHead() {
		return false
	}
	uri := c.Request.URI()
	path := uri.PathOriginal()
	if !plainPath(path) {
		return false
	}
	s := h.s
	if file, ok := bytes.CutPrefix(path, []byte("/web/")); ok && s.Web != nil {
		return h.serveWeb(c, string(path), string(file))
	}
	r := &http.Request{
		Method: http.MethodGet,
		URL:    &url.URL{Path: string(path), RawQuery: string(uri.QueryString())},
		Host:   string(c.Host()),
		Header: http.Header{},
	}
	if v := c.Request.Header.Peek("Accept-Language"); v != nil {
		r.Header["Accept-Language"] = []string{string(v)}
	}
	if s.TrustProxy {
		for _, k := range []string{"X-Forwarded-Proto", "X-Forwarded-Host"} {
			if v := c.Request.Header.Peek(k); v != nil {
				r.Header[k] = []string{string(v)}
			}
		}
	}
	key, _ := s.pageKey(r)
	p := s.data.Load().pages.Load().peek(key)
	if p == nil {
		return false
	}
	hdr := &c.Response.Header
	for _, f := range securityHeaders(r.URL.Path) {
		hdr.Set(f.name, f.values[0])
	}
	f, notModified := p.respond(s.pagesByLang(), string(c.Request.Header.Peek("Accept-Encoding")), string(c.Request.Header.Peek("If-None-Match")), func(f headerField) {
		if f.name != "Content-Length" { // fasthttp writes the body's own
			hdr.Set(f.name, f.values[0])
		}
	})
	if notModified {
		c.SetStatusCode(http.StatusNotModified)
		return true
	}
	c.Response.SetBodyRaw(f.data) // kept, never changed; a HEAD sends its length only
	return true
}

// serveWeb answers c with the static file name (path without /web/), as
// the static handler would, and reports whether it did: the file's bytes
// as kept, with no copy. The net/http path goes through fasthttpadaptor,
// which buffers a response: app.wasm's 1.7 MB, copied once more for each
// request. A name that is no current file goes to net/http, which answers
// with the error.
func (h handler) serveWeb(c *fasthttp.RequestCtx, path, name string) bool {
	f, cacheControl, err := h.s.webFile("/" + name)
	if err != nil {
		return false
	}
	hdr := &c.Response.Header
	for _, field := range securityHeaders(path) {
		hdr.Set(field.name, field.values[0])
	}
	f.lengthHeader(hdr.Set)
	data, notModified := respondBody(f.plain, string(c.Request.Header.Peek("Accept-Encoding")), string(c.Request.Header.Peek("If-None-Match")), f.contentType, cacheControl,
		func(name, value string) {
			if name != "Content-Length" { // fasthttp writes the body's own
				hdr.Set(name, value)
			}
		})
	if notModified {
		c.SetStatusCode(http.StatusNotModified)
		return true
	}
	c.Response.SetBodyRaw(data) // kept, never changed; a HEAD sends its length only
	return true
}

// plainPath reports whether a request's path is one that net/http would
// take as it is: absolute, with no escapes, no empty, "." or ".."
// segments to clean.
func plainPath(p []byte) bool {
	if len(p) == 0 || p[0] != '/' || bytes.IndexByte(p, '%') >= 0 || bytes.Contains(p, []byte("//")) {
		return false
	}
	for seg := range bytes.SplitSeq(p[1:], []byte("/")) {
		if bytes.Equal(seg, []byte(".")) || bytes.Equal(seg, []byte("..")) {
			return false
		}
	}
	return true
}
