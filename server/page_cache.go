package server

import (
	"container/list"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"sync"

	"qcmap/assets/compress"
)

// PageCacheBytes bounds what the page cache of one dataset holds: the
// pages' bytes in every coding, counted together. A page of the map is
// about 0.2 MB in its three codings, so about 160 pages fit; past the
// bound the least recently used ones are dropped.
const PageCacheBytes = 32 << 20

// pageCache keeps the responses of the pages handler (the go-app pages,
// app.js, the manifest, the service worker) as first rendered, with their
// compressed forms, by the page they are (pageRequest's key). One cache
// serves one dataset and one page handler: SetData and DropPages start a
// new one. It holds at most max bytes, least recently used dropped first.
type pageCache struct {
	max int64

	mu    sync.Mutex
	size  int64
	byKey map[string]*list.Element
	lru   list.List // of *cachedPage, the most recently used first
}

// cachedPage is one page of the cache. The request that made the entry
// renders it; others for the same key wait for ready.
type cachedPage struct {
	key   string
	ready chan struct{} // closed once the fields below are set

	ok     bool // a 200 kept for the key; false: each request renders
	b      body
	forms  []pageForm  // b as sent: identity, then each coding it has
	header http.Header // Content-Type and Cache-Control, as rendered
	size   int64
	elem   *list.Element // nil once dropped
}

// pageForm is a kept page in one content coding ("" for identity), with
// its header values made once: a hit only assigns them.
type pageForm struct {
	coding                   string
	data                     []byte
	etag, length, contentEnc []string
}

// The Vary of a kept page: Accept-Encoding when it is sent in several
// codings, Accept-Language when the server draws an address that names no
// language in the browser's (pagesByLang).
var (
	varyEncoding     = []string{"Accept-Encoding"}
	varyEncodingLang = []string{"Accept-Encoding, Accept-Language"}
	varyLang         = []string{"Accept-Language"}
)

func newPageCache(max int64) *pageCache {
	return &pageCache{max: max, byKey: map[string]*list.Element{}}
}

// get returns the entry of key, and true when the caller is the first to
// ask and must render it with fill (or abandon it); otherwise the caller
// waits for ready.
func (c *pageCache) get(key string) (*cachedPage, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byKey[key]; ok {
		c.lru.MoveToFront(e)
		return e.Value.(*cachedPage), false
	}
	p := &cachedPage{key: key, ready: make(chan struct{})}
	p.elem = c.lru.PushFront(p)
	c.byKey[key] = p.elem
	return p, true
}

// fill records a rendered response in p: a 200 the cache may send as it
// is is kept, with its compressed forms made now; anything else (a
// redirect, a 404, a body too big for the cache) is dropped, so that each
// request for it renders it again.
func (c *pageCache) fill(p *cachedPage, rec *recorder) {
	ct := rec.header.Get("Content-Type")
	if rec.status == http.StatusOK && rec.header.Get("Content-Encoding") == "" {
		b := newBody(slices.Clone(rec.buf.Bytes()))
		size := int64(len(b.data))
		if compress.ByType(ct) {
			b = b.withEncodings()
			for i := range b.enc.forms {
				size += int64(len(b.enc.forms[i].data))
			}
		}
		if size <= c.max {
			p.ok, p.b, p.size = true, b, size
			p.header = http.Header{"Content-Type": {ct}, "Cache-Control": {rec.header.Get("Cache-Control")}}
			p.forms = []pageForm{newPageForm("", b)}
			for _, coding := range codings {
				if e, ok := b.encoded(coding); ok {
					p.forms = append(p.forms, newPageForm(coding, e))
				}
			}
		}
	}
	c.mu.Lock()
	if !p.ok {
		c.drop(p)
	} else if p.elem != nil {
		c.size += p.size
		for c.size > c.max {
			c.drop(c.lru.Back().Value.(*cachedPage))
		}
	}
	c.mu.Unlock()
	close(p.ready)
}

func newPageForm(coding string, b body) pageForm {
	f := pageForm{coding: coding, data: b.data, etag: []string{b.etag}, length: []string{strconv.Itoa(len(b.data))}}
	if coding != "" {
		f.contentEnc = []string{coding}
	}
	return f
}

// write sends the kept page in the coding r prefers, or 304 when r holds
// that form's ETag; byLang as for respond. The header values are shared,
// never changed.
func (p *cachedPage) write(w http.ResponseWriter, r *http.Request, byLang bool) {
	h := w.Header()
	f, notModified := p.respond(byLang, r.Header.Get("Accept-Encoding"), r.Header.Get("If-None-Match"), func(f headerField) { h[f.name] = f.values })
	if notModified {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if r.Method == http.MethodHead {
		return
	}
	w.Write(f.data)
}

// respond is the answer to a request for p with those Accept-Encoding and
// If-None-Match headers, from a server whose pages follow Accept-Language
// or not (byLang): the form it gets, whether it is a 304 (no body),
// and the response's headers, each given to set. Both writers of kept
// pages, write and the fast path (fast.go), answer through it.
func (p *cachedPage) respond(byLang bool, acceptEncoding, ifNoneMatch string, set func(headerField)) (f *pageForm, notModified bool) {
	f = &p.forms[0]
	if len(p.forms) > 1 {
	prefs:
		for _, c := range negotiate(acceptEncoding) {
			for i := range p.forms[1:] {
				if g := &p.forms[1+i]; g.coding == c {
					f = g
					break prefs
				}
			}
		}
	}
	switch {
	case p.b.enc != nil && byLang:
		set(headerField{"Vary", varyEncodingLang})
	case p.b.enc != nil:
		set(headerField{"Vary", varyEncoding})
	case byLang:
		set(headerField{"Vary", varyLang})
	}
	if f.contentEnc != nil {
		set(headerField{"Content-Encoding", f.contentEnc})
	}
	set(headerField{"Etag", f.etag})
	set(headerField{"Cache-Control", p.header["Cache-Control"]})
	if ifNoneMatch != "" && etagMatch(ifNoneMatch, f.etag[0]) {
		return f, true
	}
	set(headerField{"Content-Type", p.header["Content-Type"]})
	set(headerField{"Content-Length", f.length})
	return f, false
}

// peek returns the kept page of key when it is rendered and kept, else
// nil; unlike get, it never makes an entry nor waits for one.
func (c *pageCache) peek(key string) *cachedPage {
	c.mu.Lock()
	e, ok := c.byKey[key]
	if ok {
		c.lru.MoveToFront(e)
	}
	c.mu.Unlock()
	if !ok {
		return nil
	}
	p := e.Value.(*cachedPage)
	select {
	case <-p.ready:
		if p.ok {
			return p
		}
	default:
	}
	return nil
}

// abandon gives up p without a response (its render panicked): the
// requests waiting for it render for themselves.
func (c *pageCache) abandon(p *cachedPage) {
	c.mu.Lock()
	c.drop(p)
	c.mu.Unlock()
	close(p.ready)
}

// drop removes p from the cache; c.mu is held.
func (c *pageCache) drop(p *cachedPage) {
	if p.elem == nil {
		return
	}
	c.lru.Remove(p.elem)
	delete(c.byKey, p.key)
	p.elem = nil
	if p.ok {
		c.size -= p.size
	}
}

// len returns the number of entries and the bytes they hold.
func (c *pageCache) len() (int, int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lru.Len(), c.size
}

// cachePages serves the pages from the current dataset's page cache,
// rendering each page through next once: a page's bytes depend only on
// the data, the page handler, the path, the origin the links start with
// and the query parameters the page reads (PageParams), so another query
// parameter (/?n=1) or another Accept-Encoding finds the same entry. The
// ETag is the kept bytes' own (with the coding's suffix), since go-app
// writes a page's attributes in another order each time it renders it.
// Responses other than a 200 are rendered for each request.
func (s *Server) cachePages(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := s.data.Load().pages.Load()
		key, query := s.pageKey(r)
		p, first := c.get(key)
		if first {
			rendered := false
			defer func() {
				if !rendered {
					c.abandon(p)
				}
			}()
			rec := &recorder{header: http.Header{}, status: http.StatusOK}
			next.ServeHTTP(rec, pageRequest(r, query))
			c.fill(p, rec)
			rendered = true
		} else {
			<-p.ready
		}
		if !p.ok {
			next.ServeHTTP(w, r)
			return
		}
		p.write(w, r, s.pagesByLang())
	})
}

// pageKey returns the cache key of the page r asks for: its origin, its
// path and only the parameters of PageParams and /embed's static=1 (each one's first value, the
// empty ones left out, sorted by name), as pageRequest renders it.
func (s *Server) pageKey(r *http.Request) (key, query string) {
	var q url.Values
	if r.URL.RawQuery != "" {
		q = r.URL.Query()
		if s.PageParams != nil {
			kept := url.Values{}
			for _, name := range s.PageParams {
				if v := q.Get(name); v != "" {
					kept.Set(name, v)
				}
			}
			if isStaticEmbed(r) { // the server's own parameter (embed_pages.go)
				kept.Set(staticParam, "1")
			}
			q = kept
		}
	}
	// A page whose address names no language is drawn in the one the
	// visitor's browser puts first: the page for ?lang=en, kept once for
	// both addresses.
	if s.pagesByLang() && q.Get(langParam) == "" && prefersEnglish(r.Header) {
		if q == nil {
			q = url.Values{}
		}
		q.Set(langParam, "en")
	}
	query = q.Encode()
	key = s.origin(r) + " " + r.URL.Path
	if query != "" {
		key += "?" + query
	}
	return key, query
}

// pageRequest returns the request to render r's page from: r with the
// query pageKey kept, without validators or codings, since the cache
// answers those.
func pageRequest(r *http.Request, query string) *http.Request {
	page := r.Clone(r.Context())
	page.Method = http.MethodGet
	page.URL.RawQuery = query
	page.RequestURI = page.URL.RequestURI()
	for _, h := range []string{"If-None-Match", "If-Modified-Since", "Accept-Encoding", "Range"} {
		page.Header.Del(h)
	}
	return page
}

// DropPages empties the page cache, for when what Pages serves changed:
// the new page handler a reload makes after SetData.
func (s *Server) DropPages() {
	s.data.Load().pages.Store(newPageCache(s.pageCacheBytes()))
}

func (s *Server) pageCacheBytes() int64 {
	if s.PageCacheBytes > 0 {
		return s.PageCacheBytes
	}
	return PageCacheBytes
}
