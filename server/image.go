package server

import (
	"bytes"
	"container/list"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image/color"
	"math"
	"net/http"
	"net/url"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"qcmap"
	"qcmap/geo"
)

// GET /map.svg and GET /map.png draw the map for pasting into slides and
// documents ("insert image by URL"). They take the parameters of /embed
// (focus, lang, sector, year, view, theme, legend) plus width and height;
// see MapParams.

// Image sizes, in pixels.
const (
	minImageSide  = 200
	maxImageSide  = 4096
	defaultWidth  = 1920
	defaultHeight = 1080
)

// The two forms of the view parameter.
const (
	ViewBBox = "bbox" // minLon,minLat,maxLon,maxLat in degrees
	ViewZoom = "zoom" // cx,cy,k: centre in map units and zoom, as the page writes it
)

// MapParams are the parameters of a map picture, checked and normalised.
type MapParams struct {
	// Focus is the id of the jurisdiction zoomed to and outlined, spelt as
	// in the dataset ("US-VT"), or "".
	Focus string
	// Lang is "fr" or "en".
	Lang string
	// Sector and Year are the filters: partners outside them are faded.
	// "" and 0 filter nothing.
	Sector string
	Year   int
	// View frames the picture; its zero value frames the focus with its
	// neighbours, or the whole world.
	View View
	// Theme is "light" or "dark".
	Theme string
	// Legend draws the legend box.
	Legend bool
	// Width and Height are in pixels, within 200..4096.
	Width, Height int
}

// View is the view parameter: Kind ViewBBox with N the min longitude, min
// latitude, max longitude and max latitude in degrees, or Kind ViewZoom with
// N[:3] the centre (x, y) in map units and the zoom k (1 shows the whole
// world); Kind "" is no view.
type View struct {
	Kind string
	N    [4]float64
}

// key returns p in one canonical spelling, for the cache and the ETag.
func (p MapParams) key() string {
	view := ""
	switch p.View.Kind {
	case ViewBBox:
		view = fmt.Sprintf("%g,%g,%g,%g", p.View.N[0], p.View.N[1], p.View.N[2], p.View.N[3])
	case ViewZoom:
		view = fmt.Sprintf("%g,%g,%g", p.View.N[0], p.View.N[1], p.View.N[2])
	}
	legend, year := 0, ""
	if p.Legend {
		legend = 1
	}
	if p.Year != 0 {
		year = strconv.Itoa(p.Year)
	}
	return fmt.Sprintf("focus=%s&lang=%s&sector=%s&year=%s&view=%s&theme=%s&legend=%d&width=%d&height=%d",
		p.Focus, p.Lang, p.Sector, year, view, p.Theme, legend, p.Width, p.Height)
}

// ParseMapParams reads the parameters of /map.svg and /map.png from q,
// checking them against d. Missing or empty parameters take their defaults
// (French, light, legend, 1920×1080, no filter, no focus); unknown ones are
// ignored, so a URL copied from /embed works as it is. A bad parameter is a
// 400 *Error whose message names it and what it allows.
func ParseMapParams(q url.Values, d *qcmap.Dataset) (MapParams, error) {
	p, err := parseEmbedParams(q, d)
	if err != nil {
		return p, err
	}
	if p.Width, err = intParam(q, "width", defaultWidth, minImageSide, maxImageSide); err != nil {
		return p, err
	}
	if p.Height, err = intParam(q, "height", defaultHeight, minImageSide, maxImageSide); err != nil {
		return p, err
	}
	return p, nil
}

// parseEmbedParams reads the parameters that /embed shares with the images;
// the size is left zero.
func parseEmbedParams(q url.Values, d *qcmap.Dataset) (MapParams, error) {
	p := MapParams{Lang: "fr", Theme: "light", Legend: true}
	switch v := q.Get("lang"); v {
	case "", "fr", "en":
		p.Lang = cmpOr(v, "fr")
	default:
		return p, badRequest("lang must be fr or en")
	}
	switch v := q.Get("theme"); v {
	case "", "light", "dark":
		p.Theme = cmpOr(v, "light")
	default:
		return p, badRequest("theme must be light or dark")
	}
	switch q.Get("legend") {
	case "", "1":
	case "0":
		p.Legend = false
	default:
		return p, badRequest("legend must be 0 or 1")
	}
	if v := q.Get("focus"); v != "" {
		j, err := d.Jurisdiction(v)
		if err != nil {
			ids := make([]string, len(d.Jurisdictions))
			for i, j := range d.Jurisdictions {
				ids[i] = strings.ToLower(j.ID)
			}
			slices.Sort(ids)
			return p, badRequest("focus must be a jurisdiction id, one of %s", strings.Join(ids, ", "))
		}
		p.Focus = j.ID
	}
	if v := q.Get("sector"); v != "" {
		if _, err := d.Sector(v); err != nil {
			ids := make([]string, len(d.Sectors))
			for i, s := range d.Sectors {
				ids[i] = s.ID
			}
			return p, badRequest("sector must be one of %s", strings.Join(ids, ", "))
		}
		p.Sector = v
	}
	lo, hi := d.YearRange()
	var err error
	if p.Year, err = intParam(q, "year", 0, lo, hi); err != nil {
		return p, err
	}
	if p.View, err = parseView(q.Get("view")); err != nil {
		return p, err
	}
	return p, nil
}

func cmpOr(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// intParam reads the integer parameter name within lo..hi, or def if it is
// missing or empty.
func intParam(q url.Values, name string, def, lo, hi int) (int, error) {
	v := q.Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, badRequest("%s must be an integer within %d..%d", name, lo, hi)
	}
	return n, nil
}

// viewMaxY is the largest cy of a view: the map's height (about 520)
// rounded up, so that the bound the error message gives is exact.
var viewMaxY = math.Ceil(geo.Height)

// parseView reads the view parameter: four numbers are a bounding box
// "minLon,minLat,maxLon,maxLat" in degrees; three are "cx,cy,k" as the page
// writes it, the centre in map units and the zoom.
func parseView(s string) (View, error) {
	if s == "" {
		return View{}, nil
	}
	bad := badRequest("view must be minLon,minLat,maxLon,maxLat in degrees (longitudes within -180..180, latitudes within -90..90, each min below its max) or cx,cy,k as the map writes it (cx within 0..%s, cy within 0..%s, k within %d..%d)",
		num(geo.Width), num(viewMaxY), minZoom, maxZoom)
	parts := strings.Split(s, ",")
	if len(parts) != 3 && len(parts) != 4 {
		return View{}, bad
	}
	var v View
	for i, part := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(part), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return View{}, bad
		}
		v.N[i] = f
	}
	n := v.N
	if len(parts) == 3 {
		if n[0] < 0 || n[0] > geo.Width || n[1] < 0 || n[1] > viewMaxY || n[2] < minZoom || n[2] > maxZoom {
			return View{}, bad
		}
		v.Kind = ViewZoom
		return v, nil
	}
	if n[0] < -180 || n[2] > 180 || n[1] < -90 || n[3] > 90 || n[0] >= n[2] || n[1] >= n[3] {
		return View{}, bad
	}
	v.Kind = ViewBBox
	return v, nil
}

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
	dataTag string    // a hash of that dataset, part of every ETag
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
	data, _ := json.Marshal(snap.data) // plain values: cannot fail
	sum := sha256.Sum256(data)
	c.dataTag = hex.EncodeToString(sum[:8])
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
	p, err := ParseMapParams(r.URL.Query(), snap.data)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	contentType := "image/png"
	if kind == "svg" {
		contentType = "image/svg+xml"
	}
	key := kind + "?" + p.key()
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
		if wait, ok := s.limiter.allowN(s.clientOf(r), time.Now(), s.ImageRate, s.ImageBurst, drawCost(p)); !ok {
			w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
			s.writeError(w, r, &Error{Status: http.StatusTooManyRequests,
				Msg: fmt.Sprintf("too many map images drawn for this client; retry in %d s", int(math.Ceil(wait.Seconds())))})
			return
		}
		if err := drawing.acquire(r.Context()); err != nil {
			if err == errBusy { // never wrapped
				w.Header().Set("Retry-After", "1")
				s.writeError(w, r, &Error{Status: http.StatusServiceUnavailable, Msg: "too many map images are being drawn; retry in 1 s"})
			}
			return // or the client left while waiting
		}
		b, err = s.drawImage(snap.data, p, kind, tag)
		drawing.release()
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		s.images.put(snap, key, b)
	}
	s.writeBody(w, r, b, contentType, imageCacheControl)
}

// drawing holds a slot per picture being drawn, and lets only a few more
// wait for one. The rate limit bounds what one client may ask for, this
// bounds the CPU and memory of all of them at once: a 4096×4096 PNG takes
// about 150 MB while it is drawn.
var drawing = newDrawQueue(min(runtime.GOMAXPROCS(0), 4), maxDrawWaiting)

// drawImage draws the picture p as an SVG or a PNG, with the validator tag.
func (s *Server) drawImage(d *qcmap.Dataset, p MapParams, kind, tag string) (body, error) {
	sc, err := NewScene(s.Atlas, d, p)
	if err != nil {
		return body{}, err
	}
	if kind == "svg" {
		// Its encodings' ETags are tag with -br and -gz, as the stub's.
		return body{data: sc.SVG(), etag: tag}.withEncodings(), nil
	}
	data, err := sc.PNG()
	if err != nil {
		return body{}, err
	}
	return body{data: data, etag: tag}, nil
}

// SVG returns the scene as a standalone SVG document: width and height in
// pixels, a viewBox in pixels, presentation attributes only (no stylesheet),
// the basemap layers as compound paths inside the level's scale, and a
// data-id on every partner's shape and marker.
func (sc *Scene) SVG() []byte {
	w := svgWriter{}
	b := &w.buf
	b.Grow(256 << 10)
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-labelledby="map-title" font-family="Go, 'Helvetica Neue', Arial, sans-serif">`,
		sc.Width, sc.Height, sc.Width, sc.Height)
	fmt.Fprintf(b, `<title id="map-title">%s</title>`, esc(sc.Title))
	for _, it := range sc.Items {
		switch it := it.(type) {
		case *Rect:
			fill := w.pattern(it.Paint, 1)
			fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s"`, f2(it.X), f2(it.Y), f2(it.W), f2(it.H))
			if it.R > 0 {
				fmt.Fprintf(b, ` rx="%s"`, f2(it.R))
			}
			w.paint(it.Paint, 1, fill)
			b.WriteString(`/>`)
		case *Shapes:
			g := sc.Scale / float64(it.Factor)
			fill := w.pattern(it.Paint, 1/g)
			fmt.Fprintf(b, `<g transform="matrix(%s 0 0 %s %s %s)"><path`, f6(g), f6(g), f2(-sc.Origin[0]*sc.Scale), f2(-sc.Origin[1]*sc.Scale))
			if it.ID != "" {
				fmt.Fprintf(b, ` data-id="%s"`, it.ID)
			}
			fmt.Fprintf(b, ` class="%s"`, it.Class)
			w.paint(it.Paint, 1/g, fill)
			b.WriteString(` d="`)
			for _, d := range it.D {
				b.WriteString(d)
			}
			b.WriteString(`"/></g>`)
		case *Marker:
			b.WriteString(`<g`)
			if it.ID != "" {
				fmt.Fprintf(b, ` data-id="%s" class="marker"`, it.ID)
			}
			if op := it.opacity(); op < 1 {
				fmt.Fprintf(b, ` opacity="%s"`, f2(op))
			}
			fmt.Fprintf(b, `><circle cx="%s" cy="%s" r="%s"`, f2(it.X), f2(it.Y), f2(it.R))
			pt := it.Paint
			pt.Opacity = 0
			w.paint(pt, 1, "")
			b.WriteString(`/>`)
			if it.DotR > 0 {
				fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="%s" fill="%s"/>`, f2(it.X), f2(it.Y), f2(it.DotR), hexColor(it.DotColor))
			}
			b.WriteString(`</g>`)
		case *Polygon:
			fill := w.pattern(it.Paint, 1)
			b.WriteString(`<path`)
			if it.ID != "" {
				fmt.Fprintf(b, ` data-id="%s" class="office"`, it.ID)
			}
			w.paint(it.Paint, 1, fill)
			b.WriteString(` d="`)
			for i, q := range it.Points {
				if i == 0 {
					b.WriteString("M")
				} else {
					b.WriteString("L")
				}
				fmt.Fprintf(b, "%s %s", f2(q[0]), f2(q[1]))
			}
			b.WriteString(`Z"/>`)
		case *Text:
			anchor := it.Anchor
			fmt.Fprintf(b, `<text x="%s" y="%s" font-size="%s" text-anchor="%s"`, f2(it.X), f2(it.Y), f2(it.Size), anchor)
			if it.Bold {
				b.WriteString(` font-weight="bold"`)
			}
			fmt.Fprintf(b, ` fill="%s"`, hexColor(it.Fill))
			if it.Halo.A != 0 && it.HaloWidth > 0 {
				fmt.Fprintf(b, ` stroke="%s" stroke-width="%s" stroke-linejoin="round" paint-order="stroke"`, hexColor(it.Halo), f2(it.HaloWidth))
			}
			if op := it.opacity(); op < 1 {
				fmt.Fprintf(b, ` opacity="%s"`, f2(op))
			}
			fmt.Fprintf(b, `>%s</text>`, esc(it.S))
		default:
			panic(fmt.Sprintf("server: unknown scene item %T", it)) // every item type is listed above
		}
	}
	b.WriteString(`</svg>`)
	return w.buf.Bytes()
}

// svgWriter holds the document and numbers the hatch patterns.
type svgWriter struct {
	buf      bytes.Buffer
	patterns int
}

// pattern writes the hatch pattern of p, if it has one, and returns the
// fill that refers to it; otherwise it returns "". unit is the user units
// per pixel where p is used, so that the hatching stays in pixels inside a
// scaled group.
func (w *svgWriter) pattern(p Paint, unit float64) string {
	if p.Hatch.A == 0 {
		return ""
	}
	id := fmt.Sprintf("hatch%d", w.patterns)
	w.patterns++
	fmt.Fprintf(&w.buf, `<defs><pattern id="%s" width="%s" height="%s" patternUnits="userSpaceOnUse" patternTransform="scale(%s) rotate(45)"><rect width="%s" height="%s" fill="%s"/><rect width="%s" height="%s" fill="%s"/></pattern></defs>`,
		id, f2(hatchPeriod), f2(hatchPeriod), f6(unit), f2(hatchPeriod), f2(hatchPeriod), hexColor(p.Fill), f2(hatchLine), f2(hatchPeriod), hexColor(p.Hatch))
	return "url(#" + id + ")"
}

// paint writes the fill, stroke and opacity attributes of p; fill, if not
// "", replaces p's fill (a pattern). unit is the user units per pixel where
// the element is drawn, so that stroke widths stay in pixels.
func (w *svgWriter) paint(p Paint, unit float64, fill string) {
	b := &w.buf
	switch {
	case fill != "":
		fmt.Fprintf(b, ` fill="%s"`, fill)
	case p.Fill.A == 0:
		b.WriteString(` fill="none"`)
	default:
		fmt.Fprintf(b, ` fill="%s"`, hexColor(p.Fill))
	}
	if p.Stroke.A != 0 && p.StrokeWidth > 0 {
		fmt.Fprintf(b, ` stroke="%s" stroke-width="%s" stroke-linejoin="round"`, hexColor(p.Stroke), f6(p.StrokeWidth*unit))
	}
	if op := p.opacity(); op < 1 {
		fmt.Fprintf(b, ` opacity="%s"`, f2(op))
	}
}

func hexColor(c color.NRGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// f2 and f6 format a number with at most 2 or 6 decimals, never "-0".
func f2(f float64) string { return roundTo(f, 100) }
func f6(f float64) string { return roundTo(f, 1e6) }

func roundTo(f, scale float64) string {
	f = math.Round(f*scale) / scale
	if f == 0 {
		f = 0
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}
