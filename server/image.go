package server

import (
	"container/list"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"qcmap"
	"qcmap/geo/carto"
	"qcmap/geo/render"
	"qcmap/geo/render/png"
)

// GET /map.svg and GET /map.png draw the map for pasting into slides and
// documents ("insert image by URL"). They take the parameters of /embed
// (focus, lang, sector, year, view, theme, legend) plus width and height;
// see carto.Params.

// parseImageParams reads the parameters of /map.svg and /map.png from q,
// checking them against d (carto.ParseImage): missing or empty parameters
// take their defaults (French, light, legend, 1920×1080, no filter, no
// focus); unknown ones are ignored, so a URL copied from /embed works as it
// is. A bad parameter is a 400 *Error whose message names it and what it
// allows. interactive and arcs, which a still picture does not show, are
// set to their defaults, so that they do not split the cache.
func parseImageParams(q url.Values, d *qcmap.Dataset) (carto.Params, error) {
	p, err := carto.ParseImage(q, d)
	if err != nil {
		return p, paramError(err)
	}
	p.Interactive, p.Arcs = true, false
	return p, nil
}

// parseEmbedParams reads the parameters of /embed (carto.Parse); the size
// is left zero.
func parseEmbedParams(q url.Values, d *qcmap.Dataset) (carto.Params, error) {
	p, err := carto.Parse(q, d)
	return p, paramError(err)
}

// paramError turns a *carto.ParamError into a 400 *Error with its message.
func paramError(err error) error {
	var pe *carto.ParamError
	if errors.As(err, &pe) {
		return badRequest("%s", pe.Msg)
	}
	return err
}

// imageKey returns p in one canonical spelling, for the cache and the ETag.
func imageKey(p carto.Params) string { return p.Values().Encode() }

// imageCacheSize bounds the drawn images kept: entries and bytes.
const (
	imageCacheEntries = 64
	imageCacheBytes   = 64 << 20
)

// imageCache keeps the images drawn for the current dataset, the least
// recently used going first. The zero value is ready to use.
type imageCache struct {
	mu      sync.Mutex
	snap    *snapshot // the dataset the entries were drawn from
	dataTag string    // that dataset's version, part of every ETag
	lru     list.List // of *imageEntry, most recent first
	byKey   map[string]*list.Element
	bytes   int
}

type imageEntry struct {
	key string
	b   body
}

// sync forgets everything drawn from another snapshot than snap. It must
// be called with mu held.
func (c *imageCache) sync(snap *snapshot) {
	if c.snap == snap {
		return
	}
	c.snap, c.byKey, c.bytes = snap, map[string]*list.Element{}, 0
	c.lru.Init()
	c.dataTag = snap.version
}

// etag returns the strong validator of an image: a hash of the image
// format, the normalised parameters, the dataset and the drawing code's
// version, known before anything is drawn, so a revalidation costs no
// drawing.
func (c *imageCache) etag(snap *snapshot, key string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sync(snap)
	sum := sha256.Sum256([]byte(imageVersion + "\x00" + c.dataTag + "\x00" + key))
	return `"` + hex.EncodeToString(sum[:16]) + `"`
}

// imageVersion changes with what the drawing code draws, so that the
// clients' cached images are not taken for the new ones.
const imageVersion = "map-image-1"

func (c *imageCache) get(snap *snapshot, key string) (body, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sync(snap)
	e, ok := c.byKey[key]
	if !ok {
		return body{}, false
	}
	c.lru.MoveToFront(e)
	return e.Value.(*imageEntry).b, true
}

func (c *imageCache) put(snap *snapshot, key string, b body) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sync(snap)
	if _, ok := c.byKey[key]; ok {
		return // drawn meanwhile by another request
	}
	c.byKey[key] = c.lru.PushFront(&imageEntry{key, b})
	c.bytes += b.size()
	for c.lru.Len() > imageCacheEntries || (c.bytes > imageCacheBytes && c.lru.Len() > 1) {
		last := c.lru.Back()
		e := c.lru.Remove(last).(*imageEntry)
		delete(c.byKey, e.key)
		c.bytes -= e.b.size()
	}
}

func (b body) size() int {
	n := len(b.data)
	for _, c := range codings {
		if e, ok := b.encoded(c); ok { // made already: images are drawn withEncodings
			n += len(e.data)
		}
	}
	return n
}

// imageCacheControl lets browsers and proxies keep an image an hour: a
// slide fetches it once, and the data changes seldom.
const imageCacheControl = "public, max-age=3600"

// handleMapSVGGet serves GET /map.svg: the map as a standalone SVG document.
func (s *Server) handleMapSVGGet(w http.ResponseWriter, r *http.Request) {
	s.serveImage(w, r, "svg")
}

// handleMapPNGGet serves GET /map.png: the map as a PNG picture.
func (s *Server) handleMapPNGGet(w http.ResponseWriter, r *http.Request) {
	s.serveImage(w, r, "png")
}

// serveImage checks the parameters, answers a revalidation with 304 before
// drawing anything, serves a cached image, and draws a new one only within
// the client's rate limit.
func (s *Server) serveImage(w http.ResponseWriter, r *http.Request, kind string) {
	if s.Atlas == nil {
		s.writeError(w, r, &Error{Status: http.StatusServiceUnavailable, Msg: "boundaries are not loaded"})
		return
	}
	snap := s.data.Load()
	p, err := parseImageParams(r.URL.Query(), snap.data)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	contentType := "image/png"
	if kind == "svg" {
		contentType = "image/svg+xml"
	}
	key := kind + "?" + imageKey(p)
	tag := s.images.etag(snap, key)
	stub := body{etag: tag}
	if kind == "svg" {
		// The SVG is sent in the coding the client prefers: drawn maps
		// are always smaller compressed.
		if c := negotiate(r.Header.Get("Accept-Encoding")); len(c) > 0 {
			stub.etag = etagFor(tag, c[0])
		}
	}
	if etagMatch(r.Header.Get("If-None-Match"), stub.etag) {
		if kind == "svg" {
			w.Header().Add("Vary", "Accept-Encoding")
		}
		s.writeBody(w, r, stub, contentType, imageCacheControl) // a 304
		return
	}
	b, ok := s.images.get(snap, key)
	if !ok {
		cost := drawCost(p)
		if wait, ok := s.limiter.allowN(s.clientOf(r), time.Now(), s.ImageRate, s.ImageBurst, cost); !ok {
			w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
			s.writeError(w, r, &Error{Status: http.StatusTooManyRequests,
				Msg: fmt.Sprintf("too many map images drawn for this client; retry in %d s", int(math.Ceil(wait.Seconds())))})
			return
		}
		lane := drawLane(cost)
		if err := lane.acquire(r.Context()); err != nil {
			if err == errBusy { // never wrapped
				w.Header().Set("Retry-After", "1")
				s.writeError(w, r, &Error{Status: http.StatusServiceUnavailable, Msg: "too many map images are being drawn; retry in 1 s"})
			}
			return // or the client left while waiting
		}
		b, err = s.drawImage(snap.data, p, kind, tag)
		lane.release()
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		s.images.put(snap, key, b)
	}
	s.writeBody(w, r, b, contentType, imageCacheControl)
}

// drawImage draws the picture p as an SVG or a PNG, with the validator tag.
func (s *Server) drawImage(d *qcmap.Dataset, p carto.Params, kind, tag string) (body, error) {
	sc, err := render.NewScene(s.Atlas, d, p, png.TextWidth)
	if err != nil {
		return body{}, err
	}
	if kind == "svg" {
		// Its encodings' ETags are tag with -br and -gz, as the stub's.
		return body{data: sc.SVG(), etag: tag}.withEncodings(), nil
	}
	data, err := png.Encode(sc)
	if err != nil {
		return body{}, err
	}
	return body{data: data, etag: tag}, nil
}
