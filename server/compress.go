package server

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"

	"qcmap/assets/compress"
)

// compressPages finishes the responses of next (the go-app pages, app.js,
// the manifest and the service worker): it adds the oEmbed discovery link
// to each HTML page's head, and sends text in brotli or gzip to clients that
// accept it. go-app writes them whole and small, so each is buffered first;
// each distinct response is compressed once, and kept.
func (s *Server) compressPages(next http.Handler) http.Handler {
	var cache encodingCache
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		prefs := negotiate(r.Header.Get("Accept-Encoding"))
		// go-app knows its ETag only as identity's, and compares it with
		// If-None-Match as a string: pass it the validators the client
		// holds of the representation it would get now, as identity's.
		if inm := r.Header.Get("If-None-Match"); inm != "" {
			coding := ""
			if len(prefs) > 0 {
				coding = prefs[0]
			}
			r = r.Clone(r.Context())
			r.Header.Del("If-None-Match")
			for _, t := range strings.Split(inm, ",") {
				if t = strings.TrimSpace(t); t == "*" {
					r.Header.Set("If-None-Match", t)
					break
				}
				if plain, ok := identityETag(t, coding); ok {
					r.Header.Set("If-None-Match", plain)
					break
				}
			}
		}
		rec := &recorder{header: w.Header(), status: http.StatusOK}
		next.ServeHTTP(rec, r)
		h := w.Header()
		ct := h.Get("Content-Type")
		if ct == "text/html" {
			// The pages are UTF-8; say so rather than leave it to sniffing.
			ct = "text/html; charset=utf-8"
			h.Set("Content-Type", ct)
		}
		if rec.status == http.StatusNotModified {
			h.Add("Vary", "Accept-Encoding")
			if len(prefs) > 0 {
				h.Set("ETag", etagFor(h.Get("ETag"), prefs[0]))
			}
			w.WriteHeader(rec.status)
			return
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
		if rec.status != http.StatusOK || h.Get("Content-Encoding") != "" || !compress.ByType(ct) {
			w.WriteHeader(rec.status)
			w.Write(rec.buf.Bytes())
			return
		}
		h.Add("Vary", "Accept-Encoding")
		b := newBody(rec.buf.Bytes())
		if len(prefs) > 0 {
			// go-app's ETag is its version, and it writes a page's
			// attributes in a new order each time: the version and the
			// URL name a page's content, its bytes do not.
			key := b.etag
			if etag := h.Get("ETag"); etag != "" {
				key = etag + " " + s.origin(r) + r.URL.RequestURI()
			}
			b = cache.attach(key, b)
		}
		for _, c := range prefs {
			if e, ok := b.encoded(c); ok {
				h.Set("Content-Encoding", c)
				h.Set("Content-Length", strconv.Itoa(len(e.data)))
				if etag := h.Get("ETag"); etag != "" {
					h.Set("ETag", etagFor(etag, c))
				}
				w.WriteHeader(rec.status)
				w.Write(e.data)
				return
			}
		}
		w.WriteHeader(rec.status)
		w.Write(rec.buf.Bytes())
	})
}

// identityETag returns the identity ETag of tag, an ETag of the
// representation in coding ("" for identity), and false when tag is no
// ETag of that representation.
func identityETag(tag, coding string) (string, bool) {
	tag = strings.TrimPrefix(tag, "W/")
	if coding == "" {
		return tag, !strings.HasSuffix(tag, `-br"`) && !strings.HasSuffix(tag, `-gz"`)
	}
	suffix := strings.TrimPrefix(etagFor(`"`, coding), `"`)
	if !strings.HasSuffix(tag, suffix) {
		return "", false
	}
	return strings.TrimSuffix(tag, suffix) + `"`, true
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
