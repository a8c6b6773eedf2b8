package server

import (
	"strconv"
	"strings"
	"sync"

	"qcmap/assets/compress"
)

// The content codings the server sends, in its order of preference, as
// package compress defines them.
const (
	codingBr   = compress.Br
	codingGzip = compress.Gzip
)

var codings = compress.Codings

// minCompress is the size below which a body is sent as it is: the coding's
// framing would eat most of the gain.
const minCompress = 256

// negotiate returns the content codings an Accept-Encoding header makes
// better than identity, best first (RFC 9110 12.5.3). The weight (q) of a
// coding is the one given for it, else the one of "*"; a weight of 0, or
// one that is not a number from 0 to 1, refuses it. Among equal weights br
// comes before gzip, and both before identity. An empty or missing header
// asks for identity. When the header refuses identity too and accepts
// nothing the server has, the server sends identity anyway, as RFC 9110
// allows.
func negotiate(header string) []string {
	if strings.TrimSpace(header) == "" {
		return nil
	}
	weights := map[string]float64{}
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(part, ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding == "" {
			continue
		}
		if coding == "x-gzip" { // RFC 9110 8.4.1.3
			coding = codingGzip
		}
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, ok := strings.Cut(p, "=")
			if !ok || !strings.EqualFold(strings.TrimSpace(k), "q") {
				continue
			}
			var err error
			q, err = strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil || !(q >= 0 && q <= 1) { // NaN too
				q = 0 // a bad weight refuses the coding
			}
		}
		if _, seen := weights[coding]; !seen {
			weights[coding] = q
		}
	}
	weight := func(coding string) float64 {
		if q, ok := weights[coding]; ok {
			return q
		}
		return weights["*"] // 0 when "*" is absent
	}
	// identity is acceptable unless refused, but below any coding the
	// client named without giving identity a weight.
	identity := 0.0
	if q, ok := weights["identity"]; ok {
		identity = q
	}
	var out []string
	for _, c := range codings {
		if q := weight(c); q > 0 && q >= identity {
			out = append(out, c)
		}
	}
	if len(out) == 2 && weight(out[1]) > weight(out[0]) {
		out[0], out[1] = out[1], out[0]
	}
	return out
}

// etagFor returns the strong ETag of the coding of a body whose identity
// ETag is etag: each representation has its own (RFC 9110 8.8.3).
func etagFor(etag, coding string) string {
	switch coding {
	case codingBr:
		return strings.TrimSuffix(etag, `"`) + `-br"`
	case codingGzip:
		return strings.TrimSuffix(etag, `"`) + `-gz"`
	}
	return etag
}

// encodings holds the compressed forms of one body, each made on first
// demand (or taken from a precompressed file) and kept.
type encodings struct {
	forms [len(codings)]encodedForm
}

type encodedForm struct {
	once sync.Once
	// pre, if set, returns the form made at build time, or nil.
	pre  func() []byte
	data []byte // nil when it is not smaller than the body
}

// represent returns what to send of b for a request whose Accept-Encoding
// is acceptEncoding: b itself or one of its compressed forms, with its
// content coding ("" for identity). A body without encodings is always
// sent as it is.
func (b body) represent(acceptEncoding string) (body, string) {
	if b.enc == nil {
		return b, ""
	}
	for _, c := range negotiate(acceptEncoding) {
		if e, ok := b.encoded(c); ok {
			return e, c
		}
	}
	return b, ""
}

// encoded returns b in coding, made now if it was not yet, and false when
// that would be no smaller than b.
func (b body) encoded(coding string) (body, bool) {
	i := 0
	for i < len(codings) && codings[i] != coding {
		i++
	}
	if b.enc == nil || i == len(codings) {
		return b, false
	}
	f := &b.enc.forms[i]
	f.once.Do(func() {
		var data []byte
		if f.pre != nil {
			data = f.pre()
		}
		if data == nil && len(b.data) >= minCompress {
			// The build's brotli 11 takes 30 s on app.wasm; on demand,
			// Fast's takes a fraction of a second.
			data, _ = compress.Fast(coding, b.data) // nil on error: sent as it is
		}
		if data != nil && len(data) < len(b.data) {
			f.data = data
		}
	})
	if f.data == nil {
		return b, false
	}
	return body{data: f.data, etag: etagFor(b.etag, coding)}, true
}

// compressed returns b ready to be compressed on demand.
func (b body) compressed() body {
	b.enc = &encodings{}
	return b
}

// withEncodings returns b with all its compressed forms made now, for
// responses built once and served many times.
func (b body) withEncodings() body {
	b = b.compressed()
	for _, c := range codings {
		b.encoded(c)
	}
	return b
}

// encodingCache keeps the encodings of bodies made per request but often
// the same (the go-app pages, the API's JSON), by a key that names the
// content (its ETag, with the URL when the ETag is a version), so that each
// is compressed once. It holds at most encodingCacheEntries bodies and
// starts afresh when full.
type encodingCache struct {
	mu sync.Mutex
	m  map[string]*encodings
}

const encodingCacheEntries = 512

// attach returns b with the encodings kept for key, new ones if none. The
// encodings kept are those of the first body attached with that key.
func (c *encodingCache) attach(key string, b body) body {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok {
		if c.m == nil || len(c.m) >= encodingCacheEntries {
			c.m = map[string]*encodings{}
		}
		e = &encodings{}
		c.m[key] = e
	}
	b.enc = e
	return b
}
