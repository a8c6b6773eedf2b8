package server

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
)

// staticFile is one file of Web, read once, with its gzip encoding made on
// first demand and kept.
type staticFile struct {
	plain       body
	contentType string
	gzipOnce    sync.Once
	gzipped     body
}

// compressible lists the extensions worth compressing; images are already.
var compressible = map[string]bool{
	".wasm": true, ".js": true, ".css": true, ".json": true, ".svg": true,
	".geojson": true, ".txt": true, ".html": true, ".webmanifest": true,
}

// staticHandler serves the files of s.Web with strong ETags, and gzip when
// the client accepts it. Files are immutable for the life of the process.
func (s *Server) staticHandler() http.Handler {
	var mu sync.Mutex
	files := map[string]*staticFile{}
	open := func(name string) (*staticFile, error) {
		mu.Lock()
		defer mu.Unlock()
		if f, ok := files[name]; ok {
			return f, nil
		}
		data, err := fs.ReadFile(s.Web, name)
		if err != nil {
			if fi, serr := fs.Stat(s.Web, name); serr == nil && fi.IsDir() {
				// A directory is no file to serve: 404, not a logged 500.
				err = fs.ErrNotExist
			}
			return nil, err
		}
		ct := mime.TypeByExtension(path.Ext(name))
		switch path.Ext(name) {
		case ".wasm":
			ct = "application/wasm"
		case ".geojson":
			ct = "application/geo+json"
		case ".webmanifest":
			ct = "application/manifest+json"
		}
		if ct == "" {
			ct = "application/octet-stream"
		}
		f := &staticFile{plain: newBody(data), contentType: ct}
		files[name] = f
		return f, nil
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		f, err := open(name)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) || strings.HasSuffix(r.URL.Path, "/") {
				err = notFound("no file %s", r.URL.Path)
			}
			s.writeError(w, r, err)
			return
		}
		b := f.plain
		if compressible[path.Ext(name)] {
			w.Header().Add("Vary", "Accept-Encoding")
			if acceptsGzip(r.Header.Get("Accept-Encoding")) {
				f.gzipOnce.Do(func() { f.gzipped = gzipBody(f.plain) })
				b = f.gzipped
				w.Header().Set("Content-Encoding", "gzip")
			}
		}
		s.writeBody(w, r, b, f.contentType, "no-cache")
	})
}

func gzipBody(b body) body {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b.data)
	zw.Close()
	// A distinct strong ETag per encoding (RFC 9110 8.8.3).
	return body{data: buf.Bytes(), etag: strings.TrimSuffix(b.etag, `"`) + `-gz"`}
}

// acceptsGzip reports whether an Accept-Encoding header accepts gzip with a
// weight above zero (RFC 9110 12.5.3: "q=0.0" refuses it too).
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			continue
		}
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			if k, v, ok := strings.Cut(strings.TrimSpace(p), "="); ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				q, _ = strconv.ParseFloat(strings.TrimSpace(v), 64) // a bad weight is 0
			}
		}
		return q > 0
	}
	return false
}
