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
				rec.buf = *bytes.NewBuffer(unindent(out.Bytes()))
				h.Set("Content-Length", strconv.Itoa(rec.buf.Len()))
			}
		}
		w.WriteHeader(rec.status)
		w.Write(rec.buf.Bytes())
	})
}

// unindent removes the line breaks and indentation go-app's server-side
// renderer puts between elements, outside <textarea>, <pre>, <script>
// and <style>. The
// browser would make text of them, which the client, building its DOM
// node by node, does not have: "2003 Entente" prerendered but "2003Entente"
// mounted, a page that shifts as the wasm takes over and, to Chromium,
// a new and larger "largest contentful paint" at that moment. go-app
// writes no other line break into markup (a text's own breaks are its
// value, which no element of qcmap's holds outside those two). The
// contents of <script> and <style> stay as they are too. The
// indentation before a text goes with any space the text starts with, so
// a text that must start with a space starts with a no-break space
// (TestPrerenderMatchesMount, in app, compares both renderings).
func unindent(page []byte) []byte {
	out := make([]byte, 0, len(page))
	for len(page) > 0 {
		keep := len(page)
		for _, tag := range []string{"<textarea", "<pre", "<script", "<style"} {
			if i := bytes.Index(page, []byte(tag)); i >= 0 && i < keep {
				keep = i
			}
		}
		for rest := page[:keep]; len(rest) > 0; {
			i := bytes.IndexByte(rest, '\n')
			if i < 0 {
				out = append(out, rest...)
				break
			}
			out = append(out, rest[:i]...)
			rest = bytes.TrimLeft(rest[i+1:], " ")
		}
		page = page[keep:]
		if len(page) == 0 {
			break
		}
		end := []byte("</textarea>")
		for _, tag := range []string{"pre", "script", "style"} {
			if bytes.HasPrefix(page, []byte("<"+tag)) {
				end = []byte("</" + tag + ">")
			}
		}
		j := bytes.Index(page, end)
		if j < 0 {
			j = len(page)
		} else {
			j += len(end)
		}
		out = append(out, page[:j]...)
		page = page[j:]
	}
	return out
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
