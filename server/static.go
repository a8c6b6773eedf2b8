package server

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"

	"qcmap/assets/compress"
)

// staticFiles are the files of Web read so far, each read once: the files
// are immutable for the life of the process.
type staticFiles struct {
	mu    sync.Mutex
	files map[string]*staticFile
}

// staticFile is one file of Web, with its compressed forms: the build's
// F.br and F.gz beside it when there are, else made on first demand.
type staticFile struct {
	plain       body
	contentType string
	hash        string // of the content, in the file's immutable URL
}

// precompressed maps the extension of a build-time sibling to its coding.
var precompressed = map[string]string{compress.Ext(codingBr): codingBr, compress.Ext(codingGzip): codingGzip}

// hashLen is the number of hex digits of a file's hash in its URL.
const hashLen = 12

// immutable is the Cache-Control of a content-hashed URL: its bytes never
// change, a new version gets a new URL.
const immutable = "public, max-age=31536000, immutable"

// openStatic returns the file name of s.Web, reading it on first use.
func (s *Server) openStatic(name string) (*staticFile, error) {
	c := &s.web
	c.mu.Lock()
	defer c.mu.Unlock()
	if f, ok := c.files[name]; ok {
		return f, nil
	}
	if PrecompressedForm(s.Web, name) {
		// Sent for its file when the client accepts it; no file of its own.
		return nil, fs.ErrNotExist
	}
	data, err := fs.ReadFile(s.Web, name)
	if err != nil {
		if fi, serr := fs.Stat(s.Web, name); serr == nil && fi.IsDir() {
			// A directory is no file to serve: 404, not a logged 500.
			err = fs.ErrNotExist
		}
		return nil, err
	}
	ct := compress.TypeByExt(name) // the compressible ones' types
	if ct == "" {
		ct = mime.TypeByExtension(path.Ext(name))
	}
	if ct == "" {
		ct = "application/octet-stream"
	}
	b := newBody(data)
	if compress.ByExt(name) {
		b = b.compressed()
		for i, coding := range codings {
			b.enc.forms[i].pre = func() []byte { return s.sibling(name, coding, data) }
		}
	}
	f := &staticFile{plain: b, contentType: ct, hash: b.etag[1 : 1+hashLen]}
	if c.files == nil {
		c.files = map[string]*staticFile{}
	}
	c.files[name] = f
	return f, nil
}

// PrecompressedForm reports whether name is the build's compressed form of
// another file of fsys (F.br or F.gz beside a compressible F), not a file
// of its own.
func PrecompressedForm(fsys fs.FS, name string) bool {
	ext := path.Ext(name)
	file := strings.TrimSuffix(name, ext)
	if precompressed[ext] == "" || !compress.ByExt(file) {
		return false
	}
	_, err := fs.Stat(fsys, file)
	return err == nil
}

// sibling returns the build's precompressed form of the file name in
// coding, or nil when there is none. A sibling built from an older file is
// ignored, with a warning: the file is then compressed on demand.
//
// The check reads no compressed stream: the build writes F.gz and F.br
// together, and gzip's trailer holds the CRC-32 and length of what it
// encodes, so F.gz is checked against the file and F.br stands with it.
// Only an F.br without F.gz is decoded to be checked.
func (s *Server) sibling(name, coding string, plain []byte) []byte {
	ext := ".br"
	if coding == codingGzip {
		ext = ".gz"
	}
	z, err := fs.ReadFile(s.Web, name+ext)
	if err != nil {
		return nil
	}
	current := false
	if gz, err := fs.ReadFile(s.Web, name+".gz"); err == nil {
		current = gzipOf(gz, plain)
	} else {
		current = sameBytes(brotli.NewReader(bytes.NewReader(z)), plain)
	}
	if !current {
		s.log().Warn("ignoring a precompressed file that is not its file's current content; run make wasm", "file", name+ext)
		return nil
	}
	return z
}

// gzipOf reports whether gz is one gzip member whose trailer names plain:
// its CRC-32 and its length modulo 2³² (RFC 1952 2.3.1).
func gzipOf(gz, plain []byte) bool {
	n := len(gz)
	if n < 18 || gz[0] != 0x1f || gz[1] != 0x8b {
		return false
	}
	return binary.LittleEndian.Uint32(gz[n-8:]) == crc32.ChecksumIEEE(plain) &&
		binary.LittleEndian.Uint32(gz[n-4:]) == uint32(len(plain))
}

// sameBytes reports whether r reads exactly want.
func sameBytes(r io.Reader, want []byte) bool {
	buf := make([]byte, 64<<10)
	for {
		n, err := io.ReadFull(r, buf)
		if n > len(want) || !bytes.Equal(buf[:n], want[:n]) {
			return false
		}
		want = want[n:]
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return len(want) == 0
		}
		if err != nil {
			return false
		}
	}
}

// WebURL returns the immutable URL of a file of Web: for /web/app.wasm,
// /web/app.<hash>.wasm, where hash is the start of the SHA-256 of its
// content. The static handler serves it with a year-long, immutable
// Cache-Control. Any other location, a missing file among them, is
// returned as it is.
func (s *Server) WebURL(location string) string {
	name, ok := strings.CutPrefix(location, "/web/")
	if !ok || s.Web == nil || strings.ContainsAny(name, "?#") || path.Clean(name) != name {
		return location
	}
	f, err := s.openStatic(name)
	if err != nil {
		return location
	}
	return "/web/" + hashedName(name, f.hash)
}

// hashedName puts hash before the extension of name.
func hashedName(name, hash string) string {
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hash + ext
}

// unhash reverses hashedName: it returns the file's name and the hash when
// name has the form of a hashed name.
func unhash(name string) (file, hash string, ok bool) {
	ext := path.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	if h := path.Ext(stem); isHash(h) {
		return strings.TrimSuffix(stem, h) + ext, h[1:], true
	}
	if isHash(ext) && path.Base(stem) != "" { // a file with no extension
		return stem, ext[1:], true
	}
	return "", "", false
}

// isHash reports whether ext is "." and hashLen lowercase hex digits.
func isHash(ext string) bool {
	if len(ext) != 1+hashLen {
		return false
	}
	for _, c := range ext[1:] {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// staticHandler serves the files of s.Web with strong ETags, in brotli or
// gzip when the client accepts it. A file's plain URL is revalidated on
// every use (no-cache); its hashed URL (WebURL) is cached for a year, and a
// hash that is not the file's current one is a 404.
func (s *Server) staticHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, cacheControl, err := s.webFile(r.URL.Path)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		f.lengthHeader(w.Header().Set)
		s.writeBody(w, r, f.plain, f.contentType, cacheControl)
	})
}

// lengthHeader gives set the file's length before its content coding, when
// it has compressed forms: go-app's loader shows app.wasm's progress
// against it, the Content-Length of the encoded body being smaller.
func (f *staticFile) lengthHeader(set func(name, value string)) {
	if f.plain.enc != nil {
		set(UncompressedLengthHeader, strconv.Itoa(len(f.plain.data)))
	}
}

// webFile returns the file of s.Web that p (the request's path, without
// /web for a file under it) names, plainly or by its hashed name, and its
// Cache-Control; or the error to answer with, a 404 for any name that is
// no current file.
// The static handler and the fast path of the static files (fast.go) both
// take it from here.
func (s *Server) webFile(p string) (*staticFile, string, error) {
	name := strings.TrimPrefix(path.Clean(p), "/")
	cacheControl := "no-cache"
	f, err := s.openStatic(name)
	if errors.Is(err, fs.ErrNotExist) && !strings.HasSuffix(p, "/") {
		if file, hash, ok := unhash(name); ok {
			f, err = s.openStatic(file)
			if err == nil && hash != f.hash {
				err = notFound("%s is not the current version of /%s, which is %s", p, file, hashedName("/"+file, f.hash))
			}
			cacheControl = immutable
		}
	}
	if err == nil {
		return f, cacheControl, nil
	}
	// fs.ErrInvalid is a name no file can have (/web/%ff, /web/%2e%2e):
	// not found, not a logged 500.
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrInvalid) || strings.HasSuffix(p, "/") {
		err = notFound("no file %s", p)
	}
	return nil, "", err
}

// UncompressedLengthHeader carries the length of a compressible static
// file before its content coding, for go-app's Handler.WasmContentLengthHeader.
const UncompressedLengthHeader = "X-Uncompressed-Length"

// Precompressed returns the build's form in coding ("br" or "gzip") of the
// file name of Web (F.br or F.gz beside it), or nil when there is none or it
// is not the file's current content.
func (s *Server) Precompressed(name, coding string) []byte {
	f, err := s.openStatic(name)
	if name == "" || err != nil || f.plain.enc == nil {
		return nil
	}
	return s.sibling(name, coding, f.plain.data)
}
