// Package server is qcmap's HTTP backend: the JSON API, the static files and
// the security headers, in front of the go-app handler that serves the pages.
//
// The server is stateless: everything it serves comes from the embedded
// assets or from one data file, so any number of copies can run behind a load
// balancer. It never imports go-app; the page handler is passed in as a plain
// http.Handler, which keeps this package testable with httptest alone.
package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/paulmach/orb"

	"qcmap"
	"qcmap/geo"
)

// Server serves qcmap. Its exported fields are set before Handler is called.
type Server struct {
	// Pages serves every path the routes below do not claim: the go-app pages,
	// app.js, the manifest and the service worker.
	Pages http.Handler
	// Web holds the static files served under /web/ (app.wasm, styles, icons).
	Web fs.FS
	// Places answers /api/where; nil makes the route answer 503.
	Places Locator
	// Atlas is the boundaries the map is drawn from; nil serves no map.
	Atlas *geo.Atlas
	// Origin is where the map's arcs start, (lon, lat) in degrees.
	Origin orb.Point
	// Enrich, if set, adds derived fields to each dataset before it is
	// served (the offices' state names, from the boundaries).
	Enrich func(*qcmap.Dataset)
	// OnChange, if set, is called after a reload swapped in new data.
	OnChange func()
	// Log receives request errors and reloads; nil means slog.Default().
	Log *slog.Logger
	// ImageRate is how many map images a second one client may have drawn
	// by GET /map.svg and /map.png, after a burst of ImageBurst; zero means
	// 2 a second (DefaultImageRate) and a burst of 10, and a negative rate
	// turns the limit off. Images served from the cache or answered with
	// 304 are not counted.
	ImageRate  float64
	ImageBurst int
	// TrustProxy makes the image rate limit tell clients apart by the last
	// address of X-Forwarded-For, the one a proxy in front appends, and
	// takes the scheme and host of the links the server writes from
	// X-Forwarded-Proto and X-Forwarded-Host. Leave it false when clients
	// reach the server directly: they could send any of these headers.
	TrustProxy bool
	// BaseURL, if set ("https://qcmap.example"), starts every absolute link
	// the server writes (oEmbed's html, url and thumbnail, the pages'
	// oEmbed discovery link) instead of the request's scheme and Host.
	BaseURL string
	// PageHead, if set, returns the link-preview elements of the page r
	// asks for (Open Graph and Twitter meta, canonical and hreflang links),
	// every URL in them starting with origin (see origin). They replace
	// go-app's og:url and og:image, which go-app writes from one fixed
	// domain, so never right for the request.
	PageHead func(r *http.Request, origin string) string
	// Static says the pages are being written to files for a static host
	// (qcmap -static), which has no /oembed: their heads name none.
	Static bool
	// PageParams are the query parameters the pages read. A page is
	// rendered once per dataset for each combination of their values and
	// kept (see PageCacheBytes); other parameters are dropped before it is
	// rendered, so that /?n=1 is the page / is. Nil keeps every parameter.
	PageParams []string
	// PageCacheBytes, if positive, replaces PageCacheBytes as the bound of
	// the page cache, from the next SetData or DropPages.
	PageCacheBytes int64

	data    atomic.Pointer[snapshot]
	images  imageCache  // map images drawn for the current dataset
	limiter rateLimiter // per-client budget of map images drawn

	web     staticFiles   // the files of Web read so far
	encoded encodingCache // compressed pages and API answers, by ETag
}

// Locator finds what lies at a point. geo.Atlas implements it.
type Locator interface {
	// Where returns the layer ("partners", "admin1" or "countries") and the id
	// of the most specific shape containing (lon, lat), in degrees.
	Where(lon, lat float64) (layer, id string, ok bool)
}

// snapshot is one loaded dataset with its JSON encodings, swapped as a whole
// on reload so that a request never sees half of an old and half of a new file.
type snapshot struct {
	data    *qcmap.Dataset
	loaded  time.Time
	version string // a hash of data's JSON: DataVersion

	mu    sync.Mutex
	cache map[string]body // drawn map markup, by kind, level, area and language

	pages atomic.Pointer[pageCache] // the pages rendered for this data
}

// New returns a Server serving d.
func New(d *qcmap.Dataset) *Server {
	s := &Server{}
	s.SetData(d)
	return s
}

// SetData replaces the dataset being served. It is safe to call while the
// server runs.
func (s *Server) SetData(d *qcmap.Dataset) {
	if s.Enrich != nil {
		s.Enrich(d)
	}
	emptyLists(d)
	snap := &snapshot{data: d, loaded: time.Now(), version: dataVersion(d), cache: map[string]body{}}
	snap.pages.Store(newPageCache(s.pageCacheBytes()))
	s.data.Store(snap)
}

// Data returns the dataset being served.
func (s *Server) Data() *qcmap.Dataset {
	return s.data.Load().data
}

// DataVersion returns the version of the dataset being served: 16 hex
// digits of the SHA-256 of its JSON, which change with any fact. It is in
// every map image's ETag, and the image URLs the pages write carry it
// (&v=), so that a new dataset is a new image URL for those who copy an
// image once (Google Slides, a chat's preview).
func (s *Server) DataVersion() string {
	return s.data.Load().version
}

func dataVersion(d *qcmap.Dataset) string {
	data, _ := json.Marshal(d) // plain values: cannot fail
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:8])
}

// pagesPattern is the route of the pages: every path no other route claims.
const pagesPattern = "GET /"

// Handler returns the root handler with every route registered.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/relations", s.handleRelationsGet)
	mux.HandleFunc("GET /api/partners", s.handlePartnersGet)
	mux.HandleFunc("GET /api/partners/{id}", s.handlePartnerGet)
	mux.HandleFunc("GET /api/offices", s.handleOfficesGet)
	mux.HandleFunc("GET /api/where", s.handleWhereGet)
	mux.HandleFunc("GET /healthz", s.handleHealthGet)
	mux.HandleFunc("GET /geo/{level}/{area}", s.handleGeoGet)
	mux.HandleFunc("GET /geo/map/{lang}", s.handleMapGet)
	mux.HandleFunc("GET /map.svg", s.handleMapSVGGet)
	mux.HandleFunc("GET /map.png", s.handleMapPNGGet)
	mux.HandleFunc("GET /oembed", s.handleOEmbedGet)
	mux.HandleFunc("GET /api/", s.handleNotFound)
	mux.HandleFunc("GET /geo/", s.handleNotFound)
	if s.Web != nil {
		static := s.staticHandler()
		mux.Handle("GET /web/", http.StripPrefix("/web", static))
		// go-app would fetch these from /web/ over HTTP itself; the files
		// are here already. /embed.js, the script for pages that frame the
		// map, keeps one URL that they name, so it is revalidated on every
		// use (no-cache, a 304 mostly) rather than cached for long.
		for _, name := range []string{"/robots.txt", "/sitemap.xml", "/ads.txt", "/embed.js"} {
			mux.Handle("GET "+name, static)
		}
	}
	if s.Pages != nil {
		mux.Handle(pagesPattern, s.cachePages(s.embedPages(s.finishPages(s.partnerPages(s.Pages)))))
	}
	return handler{s.headers(s.programErrors(mux)), s}
}

// ListenAndServe serves h on addr until ctx is done, then shuts down
// gracefully (see Serve), logging to slog.Default().
func ListenAndServe(ctx context.Context, addr string, h http.Handler, grace time.Duration) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return Serve(ctx, ln, h, grace, slog.Default())
}

func (s *Server) log() *slog.Logger {
	if s.Log != nil {
		return s.Log
	}
	return slog.Default()
}
