//go:build !wasm

package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"math"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/paulmach/orb"

	"qcmap"
	"qcmap/assets"
	"qcmap/geo"
	"qcmap/geo/carto"
	"qcmap/server"
)

// bootstrapData does nothing on the server: theSite reads the server.
func bootstrapData() {}

// partnerRoutes routes every partner page to the map on the server, by its
// pattern: the dataset may change while it runs.
func partnerRoutes(page func() app.Composer) { app.RouteWithRegexp(partnerPattern, page) }

// yieldToBrowser does nothing on the server.
func yieldToBrowser() {}

// workerTemplate is the service worker's template with the app's pages
// written in: the exact paths of pages and partnerPattern, the navigations
// the worker answers from its shell. Any other (a file, the API, an image)
// goes to its cache or the network, as any request does.
func workerTemplate() string {
	var paths []string
	for _, p := range appPages {
		paths = append(paths, p.path)
	}
	jsonOf := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			panic(err) // a []string and a string
		}
		return string(b)
	}
	return strings.NewReplacer(
		"QCMAP_PAGE_PATHS", jsonOf(paths),
		"QCMAP_PARTNER_PATTERN", jsonOf(partnerPattern),
	).Replace(assets.WorkerTemplate)
}

// paceCollector is the client's (data_wasm.go); the server keeps Go's
// default, or GOGC and GOMEMLIMIT from its environment.
func paceCollector() {}

// gcCycles is the client's (data_wasm.go); the server has no marks.
func gcCycles() int { return 0 }

// serve runs the HTTP server until SIGINT or SIGTERM. A bad data file makes
// it exit with status 1 and the errors on stderr.
func serve() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	if err := run(context.Background(), os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// memoryLimit is the Go runtime's soft memory limit unless GOMEMLIMIT sets
// another: the garbage collector works harder as the heap nears it rather
// than let it double, which keeps the peak RSS of the server drawing a
// 4096×4096 PNG (about 200 MB while drawn) under 400 MB.
const memoryLimit = 300 << 20

func run(ctx context.Context, args []string) error {
	fset := flag.NewFlagSet("qcmap", flag.ContinueOnError)
	addr := fset.String("addr", defaultAddr(), "address to listen on (env PORT sets the port)")
	dataFile := fset.String("data", "", "serve this relations YAML file instead of the embedded one; reloaded on SIGHUP or change")
	static := fset.String("static", "", "write the site as static files into this directory, then exit")
	imageRate := fset.Float64("image-rate", server.DefaultImageRate, "map images /map.svg and /map.png draw per second per client, after a burst of 10; 0 turns the limit off")
	trustEnv, err := envBool("QCMAP_TRUST_PROXY")
	if err != nil {
		return err
	}
	trustProxy := fset.Bool("trust-proxy", trustEnv, "believe X-Forwarded-For, -Proto and -Host from a proxy in front (env QCMAP_TRUST_PROXY)")
	baseURL := fset.String("base-url", os.Getenv("QCMAP_BASE_URL"), "start every absolute link the server writes with this URL, such as https://qcmap.example (env QCMAP_BASE_URL)")
	if err := fset.Parse(args); err != nil {
		return err
	}
	if err := checkBaseURL(*baseURL); err != nil {
		return err
	}
	if *imageRate < 0 || math.IsNaN(*imageRate) {
		return fmt.Errorf("qcmap: -image-rate %v: want a rate of 0 (no limit) or more", *imageRate)
	}

	srv, err := newServer(*dataFile)
	if err != nil {
		return err
	}
	if *static != "" {
		return exportStatic(srv, *static, strings.TrimSuffix(*baseURL, "/"))
	}
	srv.ImageRate = *imageRate
	srv.TrustProxy = *trustProxy
	srv.BaseURL = strings.TrimSuffix(*baseURL, "/")
	if *imageRate == 0 {
		srv.ImageRate = -1 // the server's "no limit"; its zero is the default
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if *dataFile != "" {
		hup := make(chan os.Signal, 1)
		signal.Notify(hup, syscall.SIGHUP)
		go srv.WatchFile(ctx, *dataFile, hup, 2*time.Second)
	}
	slog.Info("qcmap listening", "addr", *addr, "data", dataName(*dataFile))
	return server.ListenAndServe(ctx, *addr, srv.Handler(), 10*time.Second)
}

// newServer loads the data (the embedded file when dataFile is empty) and
// wires the API server to the go-app page handler.
func newServer(dataFile string) (*server.Server, error) {
	d, err := loadData(dataFile)
	if err != nil {
		return nil, err
	}
	atlas, err := geo.Load(assets.Geo())
	if err != nil {
		return nil, err
	}
	srv := server.New(d)
	srv.Web = assets.Web()
	srv.Atlas = atlas
	srv.Places = atlas
	srv.Origin = orb.Point{d.Capital.Lon, d.Capital.Lat}
	srv.Enrich = officeNames(atlas)
	srv.PageParams = pageParams
	srv.PageHead = linkPreview{srv: srv}.head
	srv.SetData(d)
	theSite = serverSite{srv}

	if _, err := fs.Stat(srv.Web, "app.wasm"); err != nil {
		slog.Warn("web/app.wasm is not built: pages render but do not become interactive; run make wasm")
	}
	pages := &swapHandler{}
	srv.Pages = pages
	// A new dataset makes a new version, so installed apps update to it.
	srv.OnChange = func() {
		h, err := pageHandler(srv)
		if err != nil {
			slog.Error("preparing the pages for the new data failed", "err", err)
			return
		}
		pages.h.Store(h)
		srv.DropPages() // rendered by the handler of the old version
	}
	h, err := pageHandler(srv)
	if err != nil {
		return nil, err
	}
	pages.h.Store(h)
	return srv, nil
}

// pageHandler is go-app's handler for the data srv serves: the PWA's
// manifest, icons and service worker, the prerendered pages, and qcmap's
// loader (app/loader.go).
func pageHandler(srv *server.Server) (*pages, error) {
	version, err := contentVersion(srv)
	if err != nil {
		return nil, err
	}
	return newPages(&app.Handler{
		Name:            "Relations bilatérales du Québec · Québec's bilateral relations",
		ShortName:       "qcmap",
		Author:          "qcmap",
		Title:           t(langFR, "app.title"),
		Description:     t(langFR, "app.description") + " / " + t(langEN, "app.description"),
		Lang:            langFR,
		BackgroundColor: carto.Light.Bg.Hex(),
		ThemeColor:      carto.Light.Accent.Hex(),
		Styles:          []string{"/web/qcmap.css"},
		Icon: app.Icon{
			Default:  "/web/icon-192.png",
			Large:    "/web/icon-512.png",
			Maskable: "/web/icon-maskable-512.png",
			SVG:      "/web/icon.svg",
		},
		LoadingLabel:          " ",
		Resources:             webResolver{srv},
		Version:               version,
		ServiceWorkerTemplate: workerTemplate(),
		CacheableResources:    append(append([]string{"/web/icon.svg"}, fontPaths()...), precachedGeo()...),

		// No preload of app.wasm: its loader (app/loader.go) asks for it
		// once the prerendered map is painted, so that the first paint
		// shares neither the network nor the main thread with it.
		// The fonts the first view draws (the header's) are preloaded, which
		// the browser would otherwise ask for only once the stylesheet is
		// applied; the others load when text needs them.
		RawHeaders: fontPreloads(srv),

		// app.wasm comes in brotli or gzip: go-app's loader shows its
		// progress against its length before that, sent in this header.
		WasmContentLengthHeader: server.UncompressedLengthHeader,
	})
}

// pageParams are the query parameters the pages read, the key of their
// cache beside the path and the language: the map's grammar
// (carto.Params) but the images' size, and the page's own (urlState's
// office, steps and step). Any other parameter leaves the page as it is.
var pageParams = append(slices.DeleteFunc(slices.Clone(carto.Names), func(n string) bool {
	return n == "width" || n == "height"
}), "office", "steps", "step")

// fontPaths are the interface's fonts, which the service worker keeps on
// install, so that the map offline looks as it does online.
func fontPaths() []string {
	var paths []string
	for _, f := range carto.Fonts {
		paths = append(paths, f.FontPath())
	}
	return paths
}

// fontPreloads are the preload links of the fonts the first view draws,
// by the URLs the stylesheet's @font-face rules name (a font is fetched
// with CORS, hence crossorigin, even from its own origin).
func fontPreloads(srv *server.Server) []string {
	var links []string
	for _, f := range carto.Fonts {
		if f.Preload {
			links = append(links, `<link rel="preload" href="`+srv.WebURL(f.FontPath())+`" as="font" type="font/woff2" crossorigin>`)
		}
	}
	return links
}

// precachedGeo is what the service worker keeps of the map on install: the
// world and continent levels and both languages' maps. The closeup
// fragments (most of the bytes) it keeps when first fetched.
func precachedGeo() []string {
	var paths []string
	for _, p := range server.GeoPaths() {
		if !strings.HasPrefix(p, "/geo/closeup/") {
			paths = append(paths, p)
		}
	}
	return paths
}

// swapHandler serves through the handler it holds, which a data reload
// replaces.
type swapHandler struct{ h atomic.Pointer[pages] }

func (s *swapHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.h.Load().ServeHTTP(w, r)
}

func defaultAddr() string {
	if p := os.Getenv("PORT"); p != "" {
		return ":" + p
	}
	return "localhost:8080"
}

func loadData(file string) (*qcmap.Dataset, error) {
	if file == "" {
		return qcmap.Load(assets.RelationsFile, assets.Relations)
	}
	return qcmap.LoadFile(file)
}

func dataName(file string) string {
	if file == "" {
		return "embedded"
	}
	return file
}

// contentVersion hashes what the pages and the service worker deliver: the
// files under /web/ (app.wasm among them), the dataset, the boundaries and
// the map as drawn in both languages. The version, and with it the service
// worker's cache, changes exactly when any of them does.
func contentVersion(srv *server.Server) (string, error) {
	h := sha256.New()
	if err := json.NewEncoder(h).Encode(srv.Data()); err != nil {
		return "", fmt.Errorf("qcmap: hashing the data: %w", err)
	}
	for _, fsys := range []fs.FS{srv.Web, assets.Geo()} {
		err := fs.WalkDir(fsys, ".", func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() || server.PrecompressedForm(fsys, path) {
				// A build's F.br and F.gz follow from F, hashed already.
				return err
			}
			b, err := fs.ReadFile(fsys, path)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%s %d\n", path, len(b))
			h.Write(b)
			return nil
		})
		if err != nil {
			return "", fmt.Errorf("qcmap: hashing files: %w", err)
		}
	}
	for _, lang := range []string{langFR, langEN} {
		svg, err := srv.MapSVG(lang)
		if err != nil {
			return "", err
		}
		io.WriteString(h, svg)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// webResolver maps each file under /web/ to its immutable, content-hashed
// URL (/web/app.wasm to /web/app.<hash>.wasm), which the server, not go-app,
// serves with a year-long Cache-Control. The pages, the manifest, app.js
// (app.wasm) and the service worker's precache all name files by those
// URLs, so a new build is fetched at once and an unchanged file never
// again. Other locations, /web itself (go-app's base for static files)
// among them, stay as they are.
type webResolver struct{ srv *server.Server }

func (r webResolver) Resolve(location string) string {
	if location == "" {
		return "/"
	}
	return r.srv.WebURL(location)
}

// officeNames returns the enrichment that names the state each office stands
// in, from the boundary data's admin-1 names.
func officeNames(a *geo.Atlas) func(*qcmap.Dataset) {
	world, err := a.Level(geo.World)
	return func(d *qcmap.Dataset) {
		if err != nil {
			return
		}
		for i, o := range d.Offices {
			if s, ok := world.Shape(geo.LayerAdmin1, o.Jurisdiction); ok {
				d.Offices[i].JurisdictionName = qcmap.Text{FR: s.Name("fr"), EN: s.Name("en")}
			}
		}
	}
}

// serverSite is the site the server serves: its current dataset, and the
// map drawn for it.
type serverSite struct{ srv *server.Server }

func (s serverSite) Data() *qcmap.Dataset   { return s.srv.Data() }
func (s serverSite) Lang(u *url.URL) string { return langOf(u) }

// TakeMap: the server renders the map as markup.
func (s serverSite) TakeMap() (app.Value, bool) { return nil, false }
func (s serverSite) Map(lang string) string {
	svg, err := s.srv.MapSVG(lang)
	if err != nil {
		slog.Error("drawing the map failed", "err", err)
	}
	return svg
}

// envBool reads the environment variable name as a boolean; unset is false.
func envBool(name string) (bool, error) {
	v := os.Getenv(name)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("qcmap: %s=%q: want true or false", name, v)
	}
	return b, nil
}

// checkBaseURL accepts "" or an absolute http or https URL with a host and
// nothing after its path.
func checkBaseURL(raw string) error {
	if raw == "" {
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("qcmap: -base-url %q: want an absolute http or https URL such as https://qcmap.example", raw)
	}
	return nil
}
