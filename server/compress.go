package server

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// compressPages finishes the responses of next (the go-app pages, app.js,
// the manifest and the service worker): it adds the oEmbed discovery link
// to each HTML page's head, and gzips text for clients that accept it.
// go-app writes them whole and small, so each is buffered first.
func compressPages(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// A validator we sent gzipped names the same page as the plain one.
		if inm := r.Header.Get("If-None-Match"); strings.Contains(inm, `-gz"`) {
			r = r.Clone(r.Context())
			r.Header.Set("If-None-Match", strings.ReplaceAll(inm, `-gz"`, `"`))
		}
		rec := &recorder{header: w.Header(), status: http.StatusOK}
		next.ServeHTTP(rec, r)
		h := w.Header()
		ct := h.Get("Content-Type")
		if rec.status == http.StatusOK && strings.HasPrefix(ct, "text/html") {
			page := rec.buf.Bytes()
			if i := bytes.Index(page, []byte("</head>")); i >= 0 {
				var out bytes.Buffer
				out.Write(page[:i])
				out.WriteString(OEmbedLink(r))
				out.Write(page[i:])
				rec.buf = out
				h.Set("Content-Length", strconv.Itoa(rec.buf.Len()))
			}
		}
		if !acceptsGzip(r.Header.Get("Accept-Encoding")) {
			w.WriteHeader(rec.status)
			w.Write(rec.buf.Bytes())
			return
		}
		h.Add("Vary", "Accept-Encoding")
		if rec.status != http.StatusOK || rec.buf.Len() < 512 || h.Get("Content-Encoding") != "" || !textual(ct) {
			w.WriteHeader(rec.status)
			w.Write(rec.buf.Bytes())
			return
		}
		zw := gzipWriters.Get().(*gzip.Writer)
		defer gzipWriters.Put(zw)
		var out bytes.Buffer
		zw.Reset(&out)
		zw.Write(rec.buf.Bytes())
		zw.Close()
		h.Set("Content-Encoding", "gzip")
		h.Set("Content-Length", strconv.Itoa(out.Len()))
		if etag := h.Get("ETag"); strings.HasSuffix(etag, `"`) {
			h.Set("ETag", strings.TrimSuffix(etag, `"`)+`-gz"`)
		}
		w.WriteHeader(rec.status)
		w.Write(out.Bytes())
	})
}

var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, gzip.DefaultCompression)
	return zw
}}

func textual(contentType string) bool {
	for _, t := range []string{"text/", "javascript", "json", "xml", "manifest"} {
		if strings.Contains(contentType, t) {
			return true
		}
	}
	return false
}

// recorder buffers a response.
type recorder struct {
	header http.Header
	status int
	buf    bytes.Buffer
	wrote  bool
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if !r.wrote {
		r.status, r.wrote = status, true
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.buf.Write(b)
}
