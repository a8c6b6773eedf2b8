// Package compress holds qcmap's one rule of what is sent compressed and
// how: the content codings, the extensions and content types worth
// compressing, and the encoders at the build's level (Best) and at the
// server's on-demand level (Fast). The build's precompressor, the server
// and the static export all use it, so that a file the build compresses is
// one the server and the export compress too.
//
// It is server-side only (it imports brotli); nothing in the wasm build
// imports it.
package compress

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"mime"
	"path"
	"strings"

	"github.com/andybalholm/brotli"
)

// The content codings qcmap sends, in its order of preference: brotli packs
// text and wasm about a quarter tighter than gzip.
const (
	Br   = "br"
	Gzip = "gzip"
)

// Codings lists the codings, best first.
var Codings = [...]string{Br, Gzip}

// Ext returns the file extension of a precompressed form in coding (".br",
// ".gz"), or "" for an unknown coding.
func Ext(coding string) string {
	switch coding {
	case Br:
		return ".br"
	case Gzip:
		return ".gz"
	}
	return ""
}

// Brotli qualities: the build's (11 takes about 30 s on app.wasm) and the
// server's on demand (5 takes a fraction of a second and keeps most of the
// gain).
const (
	BestBrotli = brotli.BestCompression
	FastBrotli = 5
)

// types maps each extension worth compressing to the content type qcmap
// serves it with. Images other than SVG and icons are compressed already.
var types = map[string]string{
	".wasm":        "application/wasm",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".json":        "application/json",
	".map":         "application/json",
	".geojson":     "application/geo+json",
	".webmanifest": "application/manifest+json",
	".svg":         "image/svg+xml",
	".xml":         "text/xml; charset=utf-8",
	".html":        "text/html; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
	".csv":         "text/csv; charset=utf-8",
	".ico":         "image/x-icon",
}

// otherTypes are the media types, beside text/*, *+json, *+xml and those of
// the table, that name a compressible body under another spelling.
var otherTypes = map[string]bool{
	"application/javascript":   true,
	"application/x-javascript": true,
	"application/ecmascript":   true,
	"application/xml":          true,
	"image/vnd.microsoft.icon": true,
}

// ByExt reports whether a file named name is worth compressing, by its
// extension, whatever its case.
func ByExt(name string) bool {
	_, ok := types[strings.ToLower(path.Ext(name))]
	return ok
}

// TypeByExt returns the content type of a compressible file by its
// extension, or "" when name is not one ByExt accepts.
func TypeByExt(name string) string {
	return types[strings.ToLower(path.Ext(name))]
}

// ByType reports whether a body of contentType (a Content-Type header
// value, parameters allowed) is worth compressing: text, scripts, JSON,
// XML and SVG, wasm and icons; not other images, which are compressed.
func ByType(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	if strings.HasPrefix(mt, "text/") || strings.HasSuffix(mt, "+json") || strings.HasSuffix(mt, "+xml") || otherTypes[mt] {
		return true
	}
	for _, t := range types {
		if m, _, _ := mime.ParseMediaType(t); m == mt {
			return true
		}
	}
	return false
}

// Best returns data in coding at the build's level: brotli 11, gzip 9.
func Best(coding string, data []byte) ([]byte, error) {
	return Level(coding, data, BestBrotli)
}

// Fast returns data in coding at the server's on-demand level: brotli 5,
// gzip 9 (gzip's best costs little).
func Fast(coding string, data []byte) ([]byte, error) {
	return Level(coding, data, FastBrotli)
}

// Level returns data in coding, brotli at brotliQuality (0 to 11) and gzip
// at its best compression. data is not changed.
func Level(coding string, data []byte, brotliQuality int) ([]byte, error) {
	var buf bytes.Buffer
	var zw io.WriteCloser
	switch coding {
	case Br:
		// The default window (4 MB, lgwin 22): 16 MB (lgwin 24) saved
		// 0.06% of app.wasm for half as much time again.
		zw = brotli.NewWriterLevel(&buf, brotliQuality)
	case Gzip:
		gz, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		if err != nil {
			return nil, fmt.Errorf("compress: %w", err)
		}
		zw = gz
	default:
		return nil, fmt.Errorf("compress: unknown coding %q", coding)
	}
	if _, err := zw.Write(data); err != nil {
		return nil, fmt.Errorf("compress: %s: %w", coding, err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("compress: %s: %w", coding, err)
	}
	return buf.Bytes(), nil
}
