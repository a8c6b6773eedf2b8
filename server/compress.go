package server

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
)

// finishPages finishes the responses of next (the go-app pages, app.js,
// the manifest and the service worker) before cachePages keeps them: it
// says the pages' charset, and adds the oEmbed discovery link to each HTML
// page's head. go-app writes them whole and small, so each is buffered.
func (s *Server) finishPages(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &recorder{header: w.Header(), status: http.StatusOK}
		next.ServeHTTP(rec, r)
		h := w.Header()
		ct := h.Get("Content-Type")
		if ct == "text/html" {
			// The pages are UTF-8; say so rather than leave it to sniffing.
			ct = "text/html; charset=utf-8"
			h.Set("Content-Type", ct)
		}
		if rec.status == http.StatusOK && strings.HasPrefix(ct, "text/html") {
			page := rec.buf.Bytes()
			if i := bytes.Index(page, []byte("</head>")); i >= 0 {
				var out bytes.Buffer
				out.Write(page[:i])
				out.WriteString(s.OEmbedLink(r))
				out.Write(page[i:])
				rec.buf = out
				h.Set("Content-Length", strconv.Itoa(rec.buf.Len()))
			}
		}
		w.WriteHeader(rec.status)
		w.Write(rec.buf.Bytes())
	})
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
