package server

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"qcmap"
)

// Error is an error whose message is safe to show to a client, with the
// HTTP status it stands for.
type Error struct {
	Status int
	Msg    string
}

func (e *Error) Error() string { return e.Msg }

// badRequest returns a 400 error with a message for the client.
func badRequest(format string, args ...any) error {
	return &Error{Status: http.StatusBadRequest, Msg: fmt.Sprintf(format, args...)}
}

// notFound returns a 404 error with a message for the client.
func notFound(format string, args ...any) error {
	return &Error{Status: http.StatusNotFound, Msg: fmt.Sprintf(format, args...)}
}

// writeError turns err into a JSON {"error": ...} response. Only the text of
// an *Error reaches the client; anything else is logged and answered with a
// plain 500, so internal details never leak.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	status, msg := http.StatusInternalServerError, "internal error"
	var e *Error
	switch {
	case errors.As(err, &e):
		status, msg = e.Status, e.Msg
	case errors.Is(err, qcmap.ErrNotFound):
		status, msg = http.StatusNotFound, "not found"
	default:
		s.log().Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	b, _ := json.Marshal(struct {
		Error string `json:"error"`
	}{msg})
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Del("ETag")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

// body is an encoded response with its strong validator, and the
// compressed forms it may be sent in (nil: it is always sent as it is).
type body struct {
	data []byte
	etag string
	enc  *encodings
}

func newBody(data []byte) body {
	sum := sha256.Sum256(data)
	return body{data: data, etag: `"` + hex.EncodeToString(sum[:16]) + `"`}
}

// writeJSON encodes v as the response, or answers 304 when the client holds
// the same bytes. API data changes only on reload, so clients revalidate
// every time (no-cache) and mostly get a 304.
func (s *Server) writeJSON(w http.ResponseWriter, r *http.Request, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	// The same answer is compressed once, not per request.
	b := newBody(append(data, '\n'))
	b = s.encoded.attach(b.etag, b)
	s.writeBody(w, r, b, "application/json; charset=utf-8", "no-cache")
}

// writeBody writes b with its ETag, honouring If-None-Match, in the content
// coding the client prefers among those b has.
func (s *Server) writeBody(w http.ResponseWriter, r *http.Request, b body, contentType, cacheControl string) {
	h := w.Header()
	data, notModified := respondBody(b, r.Header.Get("Accept-Encoding"), r.Header.Get("If-None-Match"), contentType, cacheControl,
		func(name, value string) {
			if name == "Vary" {
				h.Add(name, value) // beside a Vary the handler set
			} else {
				h[name] = []string{value}
			}
		})
	if notModified {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if r.Method == http.MethodHead {
		return
	}
	w.Write(data)
}

// respondBody gives set the header fields of b's response to a request
// with those Accept-Encoding and If-None-Match, and returns the bytes to
// send, or notModified for a 304 (with no Content-Type or -Length). It is
// the one place both writeBody and the fast path of the static files
// (fast.go) take their headers from. set is called once per field.
func respondBody(b body, acceptEncoding, ifNoneMatch, contentType, cacheControl string, set func(name, value string)) (data []byte, notModified bool) {
	if b.enc != nil {
		set("Vary", "Accept-Encoding")
		var coding string
		if b, coding = b.represent(acceptEncoding); coding != "" {
			set("Content-Encoding", coding)
		}
	}
	set("Etag", b.etag)
	set("Cache-Control", cacheControl)
	if etagMatch(ifNoneMatch, b.etag) {
		return nil, true
	}
	set("Content-Type", contentType)
	set("Content-Length", strconv.Itoa(len(b.data)))
	return b.data, false
}

// etagMatch reports whether an If-None-Match header names etag (RFC 9110
// 13.1.2: weak comparison, a list, or *).
func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}

// programErrors makes the errors of every route a program calls
// (programRoute) the API's: a method other than GET or HEAD is a JSON 405
// with Allow, and a path no route of its own claims (/map.jpg,
// /healthz/x, /oembed/x), which the mux would hand to the pages or answer
// in plain text, is a JSON 404. Other paths go to mux as they are.
func (s *Server) programErrors(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !programRoute(r.URL.Path) {
			mux.ServeHTTP(w, r)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			s.writeError(w, r, &Error{Status: http.StatusMethodNotAllowed, Msg: fmt.Sprintf("method %s is not allowed; use GET", r.Method)})
			return
		}
		if _, pattern := mux.Handler(r); pattern == "" || pattern == pagesPattern {
			s.handleNotFound(w, r)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// programRoute reports whether path is one that programs rather than people
// call, whose errors are JSON: the API, the images (/map. and any
// extension), oEmbed, the health check, the map's shapes and the static
// files, with whatever follows them.
func programRoute(path string) bool {
	switch path {
	case "/oembed", "/healthz":
		return true
	}
	for _, prefix := range []string{"/api/", "/geo/", "/web/", "/map.", "/oembed/", "/healthz/"} {
		if strings.HasPrefix(path, prefix) {
			return true
		}
	}
	return false
}
