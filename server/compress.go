package server

import (
	"bytes"
	"net/http"
	"regexp"
	"strconv"
	"strings"
)

// finishPages finishes the responses of next (the go-app pages, app.js,
// the manifest and the service worker) before cachePages keeps them: it
// says the pages' charset, and gives each HTML page's head its link
// preview (PageHead, in place of go-app's og:url and og:image) and its
// oEmbed discovery link. go-app writes them whole and small, so each is
// buffered.
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
				out.Write(goAppPreview.ReplaceAll(page[:i], nil))
				origin := s.origin(r)
				if s.PageHead != nil {
					out.WriteString(s.PageHead(r, origin))
				}
				if !s.Static {
					out.WriteString(s.OEmbedLink(r))
				}
				out.Write(page[i:])
				rec.buf = out
				h.Set("Content-Length", strconv.Itoa(rec.buf.Len()))
			}
		}
		w.WriteHeader(rec.status)
		w.Write(rec.buf.Bytes())
	})
}

// goAppPreview matches the elements of go-app's head that PageHead
// replaces: og:url and og:image, which go-app writes as "https://" and
// Handler.Domain before a path (https:/// with no domain), with their
// attributes in any order, and the line they stand on.
var goAppPreview = regexp.MustCompile(`[ \t]*<meta (?:property="og:(?:url|image)" content="[^"]*"|content="[^"]*" property="og:(?:url|image)")>\n?`)

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
