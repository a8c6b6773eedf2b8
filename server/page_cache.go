package server

import (
	"container/list"
	"net/http"
	"net/url"
	"slices"
	"sync"

	"qcmap/assets/compress"
)

// PageCacheBytes bounds what the page cache of one dataset holds: the
// pages' bytes in every coding, counted together. A page of the map is
// about 0.3 MB in its three codings, so some hundred pages fit; past the
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

	ok           bool // a 200 kept for the key; false: each request renders
	b            body
	contentType  string
	cacheControl string
	size         int64
	elem         *list.Element // nil once dropped
}

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
			p.contentType, p.cacheControl = ct, rec.header.Get("Cache-Control")
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
		key, page := s.pageRequest(r)
		p, first := c.get(key)
		if first {
			rendered := false
			defer func() {
				if !rendered {
					c.abandon(p)
				}
			}()
			rec := &recorder{header: http.Header{}, status: http.StatusOK}
			next.ServeHTTP(rec, page)
			c.fill(p, rec)
			rendered = true
		} else {
			<-p.ready
		}
		if !p.ok {
			next.ServeHTTP(w, r)
			return
		}
		s.writeBody(w, r, p.b, p.contentType, p.cacheControl)
	})
}

// pageRequest returns the cache key of the page r asks for, and the
// request to render it from: r's path and origin with only the parameters
// of PageParams (each one's first value, the empty ones left out), without
// validators or codings, since the cache answers those.
func (s *Server) pageRequest(r *http.Request) (string, *http.Request) {
	q := r.URL.Query()
	if s.PageParams != nil {
		kept := url.Values{}
		for _, name := range s.PageParams {
			if v := q.Get(name); v != "" {
				kept.Set(name, v)
			}
		}
		q = kept
	}
	page := r.Clone(r.Context())
	page.Method = http.MethodGet
	page.URL.RawQuery = q.Encode() // sorted by name
	page.RequestURI = page.URL.RequestURI()
	for _, h := range []string{"If-None-Match", "If-Modified-Since", "Accept-Encoding", "Range"} {
		page.Header.Del(h)
	}
	return s.origin(r) + " " + page.URL.RequestURI(), page
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
