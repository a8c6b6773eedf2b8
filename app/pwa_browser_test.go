//go:build !wasm

package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// The PWA's browser tests: qcmap installs as an app, keeps working when its
// server is gone, and offers a reload when the data it serves changes. The
// server really stops: DevTools' offline emulation does not reach the
// service worker's fetches, so it would prove nothing.

// Lake Champlain's agreement, which Vermont and New York share, as a person
// reads it in the panel.
const (
	pwaChamplainID = "lake-champlain-2003"
	pwaChamplainFR = "Entente de coopération en matière d'environnement sur la gestion du lac Champlain"
	pwaChamplainEN = "Agreement on environmental cooperation regarding management of Lake Champlain"
)

// pwaServer serves a handler on a loopback port of its own, so that stop
// can take the site away: it closes the listener and every connection, and
// the browser finds nothing there.
type pwaServer struct {
	t    testing.TB
	h    http.Handler
	addr string
	hs   *http.Server
}

func newPWAServer(t testing.TB, h http.Handler) *pwaServer {
	t.Helper()
	wasmBuilt(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &pwaServer{t: t, h: h, addr: ln.Addr().String()}
	s.serve(ln)
	t.Cleanup(s.stop)
	return s
}

// url is the server's origin: http on 127.0.0.1, a secure context for the
// service worker.
func (s *pwaServer) url() string { return "http://" + s.addr }

func (s *pwaServer) serve(ln net.Listener) {
	s.hs = &http.Server{Handler: s.h}
	go s.hs.Serve(ln)
}

// stop takes the site offline.
func (s *pwaServer) stop() {
	if s.hs != nil {
		s.hs.Close()
		s.hs = nil
	}
}

// get fetches path from the running server.
func (s *pwaServer) get(path string) (*http.Response, []byte) {
	s.t.Helper()
	res, err := http.Get(s.url() + path)
	if err != nil {
		s.t.Fatalf("GET %s: %v", path, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		s.t.Fatalf("GET %s: %v", path, err)
	}
	if res.StatusCode != http.StatusOK {
		s.t.Fatalf("GET %s: status %d", path, res.StatusCode)
	}
	return res, body
}

// tryFiles serves dir as a static host does with nginx's
// `try_files $uri $uri.html $uri/index.html =404`, with http.ServeFile's
// semantics otherwise (types by extension, else sniffed; ranges;
// validators).
func tryFiles(dir string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := path.Clean("/" + r.URL.Path)
		for _, c := range []string{p, p + ".html", path.Join(p, "index.html")} {
			file := filepath.Join(dir, filepath.FromSlash(c))
			if fi, err := os.Stat(file); err == nil && !fi.IsDir() {
				http.ServeFile(w, r, file)
				return
			}
		}
		http.NotFound(w, r)
	})
}

// pwaReduceMotion makes the map's zooms instant, so a click lands where it
// was measured. It holds for every page the tab loads.
func pwaReduceMotion(b *browser) {
	b.t.Helper()
	b.do("emulating prefers-reduced-motion", chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}},
		})
		return err
	}))
}

// pwaWaitCached waits until the service worker controls the page and has
// kept app.wasm (by its content-hashed URL, /web/app.<hash>.wasm). The
// worker installs only once its whole precache is stored, so control means
// every listed file is there.
func pwaWaitCached(b *browser) {
	b.t.Helper()
	b.waitFor("the service worker to control the page with app.wasm cached",
		`(async () => navigator.serviceWorker.controller !== null && (await Promise.all((await caches.keys()).map(async (k) =>
			(await (await caches.open(k)).keys()).some((r) => /^\/web\/app\.[0-9a-f]{12}\.wasm$/.test(new URL(r.url).pathname))))).includes(true))()`)
}

// pwaOpen is b.open for a tab whose pages the service worker answers: they
// load so fast that chromedp may poll in the replaced document's context,
// which Chromium then reports gone; the poll starts again in the new one.
func pwaOpen(b *browser, url string) {
	b.t.Helper()
	b.do("navigating to "+url, chromedp.Navigate(url))
	deadline := time.Now().Add(30 * time.Second)
	for {
		_, err := chromedp.Run(b.ctx, chromedp.Poll[bool](`document.documentElement.dataset.wasm === "ready"`,
			chromedp.WithPollingTimeout(time.Until(deadline))))
		switch {
		case err == nil:
			return
		case !strings.Contains(err.Error(), "Cannot find context with specified id") || time.Now().After(deadline):
			b.mu.Lock()
			defer b.mu.Unlock()
			b.t.Fatalf("waiting for the wasm client to mount on %s: %v\npage errors: %q", url, err, b.errors)
		}
	}
}

// pwaClickMarker clicks a partner's marker with the mouse, as a person
// would: where other markers crowd it (Vermont's under New Hampshire's at
// the world view) it first turns the wheel over it to zoom in; where
// something outside the map covers it, the test fails.
func pwaClickMarker(b *browser, id string) {
	b.t.Helper()
	// A page just loaded may still be moving to its view: a click aimed at
	// where the marker was would land on the map, which closes the panel.
	mapIdle(b)
	type hit struct {
		X, Y    float64
		Top     string // what a click at the marker's centre hits, if not the marker
		Crowded bool   // the map itself covers it: zooming in separates them
	}
	for zooms := 0; ; zooms++ {
		h := eval[hit](b, `(() => {
			const m = document.querySelector('.markers a.marker[data-id="`+id+`"]');
			if (!m) return {X: 0, Y: 0, Top: "no marker", Crowded: false};
			const r = m.getBoundingClientRect();
			const x = r.left + r.width / 2, y = r.top + r.height / 2;
			const top = document.elementFromPoint(x, y);
			const owner = top && top.closest("[data-id]");
			if (owner === m) return {X: x, Y: y, Top: "", Crowded: false};
			const what = !top ? "nothing" : owner ? owner.tagName + " " + owner.dataset.id : top.tagName + "." + top.getAttribute("class");
			return {X: x, Y: y, Top: what, Crowded: !!top && document.getElementById("map").contains(top)};
		})()`)
		switch {
		case h.Top == "":
			b.do("clicking "+id+"'s marker", chromedp.MouseClickXY(h.X, h.Y))
			return
		case !h.Crowded || zooms == 8:
			b.t.Fatalf("clicking %s's marker: at its centre (%.0f, %.0f) a person hits %s", id, h.X, h.Y, h.Top)
		}
		// Chromium wants a deltaX too, and cdproto omits a zero one; the
		// map reads only deltaY.
		b.do("turning the wheel over "+id, chromedp.MouseEvent(chromedp.MouseWheel, h.X, h.Y,
			func(p *input.DispatchMouseEventParams) { p.DeltaX, p.DeltaY = 0.01, -240 }))
		b.settle() // the markers take their new size when the zoom settles
	}
}

// pwaAgreement returns "year title" of an agreement in the open panel of
// partner id, waiting for the panel.
func pwaAgreement(b *browser, id, agreement string) string {
	b.t.Helper()
	sel := `aside[data-panel="partner"][data-id="` + id + `"] li.agreement[data-agreement="` + agreement + `"]`
	b.waitFor(id+"'s panel listing "+agreement, `document.querySelector('`+sel+`') !== null`)
	// Read in one evaluation, and again if the panel was drawn anew
	// between the wait and the read (a reload of the data re-renders it).
	read := `(() => {
		const a = document.querySelector('` + sel + `');
		return a ? a.querySelector(".year").textContent + " " + a.querySelector(".title").textContent : "";
	})()`
	for range 50 {
		if s := eval[string](b, read); s != "" {
			return s
		}
		time.Sleep(100 * time.Millisecond)
	}
	return ""
}

// pwaPoll evaluates js until it gives want, for up to 10 seconds, and
// returns what it gave last.
func pwaPoll(b *browser, js, want string) string {
	b.t.Helper()
	var got string
	for deadline := time.Now().Add(10 * time.Second); ; {
		got = eval[string](b, js)
		if got == want || time.Now().After(deadline) {
			return got
		}
		b.do("waiting a frame", chromedp.Evaluate[chromedp.Void](`new Promise(r => requestAnimationFrame(() => r()))`, chromedp.EvalAwaitPromise))
	}
}

// pwaPage is a page to check with its server gone.
type pwaPage struct {
	name  string
	path  string
	lang  string
	click string // a partner whose marker to click on the map; "" for the list
	// partner is the partner the URL selects, whose panel opens on load.
	partner string
}

// pwaOffline loads / from s, waits for the service worker to keep the
// site, stops s and checks that each page works from the cache alone: it
// mounts, says it is offline, opens a partner's panel on a click, and
// zooms to Western Europe with the continent's level of detail.
func pwaOffline(t *testing.T, s *pwaServer, pages []pwaPage) {
	b := newBrowser(t, 1280, 900)
	pwaReduceMotion(b)
	b.open(s.url() + "/")
	pwaWaitCached(b)
	if got := eval[bool](b, `document.querySelector('[data-status="offline"]') !== null`); got {
		t.Error("the offline notice shows while the server is up")
	}

	s.stop()
	// Chromium takes navigator.onLine from the machine's network, not from
	// the server; overriding it is what a person who lost the network sees.
	// It changes navigator.onLine only, not the service worker's fetches.
	b.do("emulating a lost network", chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, network.OverrideNetworkState, network.OverrideNetworkStateParams{
			Offline: true, DownloadThroughput: -1, UploadThroughput: -1,
		})
		return err
	}))
	if _, err := http.Get(s.url() + "/"); err == nil {
		t.Fatal("the server still answers after stop")
	}

	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			parent := b.t
			b.t = t
			defer func() { b.t = parent }()
			pwaOpen(b, s.url()+p.path)
			if got := eval[string](b, `document.documentElement.lang`); got != p.lang {
				t.Errorf("<html lang> = %q; want %q", got, p.lang)
			}
			b.waitFor("the offline notice", `document.querySelector('[data-status="offline"]') !== null`)
			if got, want := eval[string](b, `document.querySelector('[data-status="offline"]').textContent`), pwaT(p.lang, "status.offline"); got != want {
				t.Errorf("offline notice = %q; want %q", got, want)
			}
			title := pwaChamplainFR
			if p.lang == langEN {
				title = pwaChamplainEN
			}
			if p.click == "" { // the list
				got := eval[string](b, `(() => {
					const a = document.querySelector('article[data-id="US-VT"] [data-agreement="`+pwaChamplainID+`"]');
					return a ? a.querySelector(".year").textContent + " " + a.querySelector(".title").textContent : "no Lake Champlain under Vermont";
				})()`)
				if want := "2003 " + title; got != want {
					t.Errorf("Vermont's agreement in the list = %q; want %q", got, want)
				}
				return
			}
			// The map speaks the page's language, whichever cached page
			// answered: New York's marker is named in it.
			ny, err := theSite.Data().Jurisdiction("US-NY")
			if err != nil {
				t.Fatal(err)
			}
			want := ny.Name.In(p.lang)
			if got := pwaPoll(b, `document.querySelector('.markers a.marker[data-id="US-NY"]').getAttribute("aria-label")`, want); got != want {
				t.Errorf("New York's marker is named %q; want %q, in the page's language", got, want)
			}
			if p.partner != "" {
				if got, want := pwaAgreement(b, p.partner, pwaChamplainID), "2003 "+title; got != want {
					t.Errorf("%s's panel on load lists %q; want %q", p.partner, got, want)
				}
			}
			pwaClickMarker(b, p.click)
			if got, want := pwaAgreement(b, p.click, pwaChamplainID), "2003 "+title; got != want {
				t.Errorf("after clicking %s, its panel lists %q; want %q", p.click, got, want)
			}
			b.do("zooming to Western Europe", chromedp.Click(chromedp.CSS(`[data-area="western-europe"]`)))
			if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](`document.getElementById("lod").dataset.level === "continent"`, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
				t.Fatalf("zooming to Western Europe: the continent level of detail never showed: %v; the map: %s", err,
					eval[string](b, `JSON.stringify({url: location.href, size: [document.getElementById("map-wrap").clientWidth, document.getElementById("map-wrap").clientHeight], viewBox: document.getElementById("map").getAttribute("viewBox"), transform: document.getElementById("map").style.transform, loading: document.getElementById("map-wrap").getAttribute("data-loading"), level: document.getElementById("lod").dataset.level, maps: document.querySelectorAll("#map").length})`))
			}
		})
	}
	// Every request the pages made was answered from the cache: nothing
	// failed, so nothing is excused but the page's icon, which Chromium
	// sometimes fetches over the network itself, past the service worker
	// that holds it.
	b.mu.Lock()
	kept := b.errors[:0]
	for _, e := range b.errors {
		if !(strings.Contains(e, "ERR_CONNECTION_REFUSED") && strings.Contains(e, "/web/icon.")) {
			kept = append(kept, e)
		}
	}
	b.errors = kept
	b.mu.Unlock()
	b.noErrors()
}

var pwaOfflinePages = []pwaPage{
	{name: "map", path: "/", lang: langFR, click: "US-VT"},
	{name: "partner-en", path: "/partners/us-vt?lang=en", lang: langEN, partner: "US-VT", click: "US-NY"},
	{name: "list-en", path: "/list?lang=en", lang: langEN},
}

// TestOffline checks that the site keeps working from the service worker's
// cache once its server is gone.
func TestOffline(t *testing.T) {
	srv, err := newServer("")
	if err != nil {
		t.Fatal(err)
	}
	pwaOffline(t, newPWAServer(t, srv.Handler()), pwaOfflinePages)
}

// TestOfflineStatic checks the same from the static export, served as a
// static host serves it.
func TestOfflineStatic(t *testing.T) {
	wasmBuilt(t)
	defer func(q int) { exportBrotli = q }(exportBrotli)
	exportBrotli = 1 // quality 11 takes a minute over every page; the level is no matter here
	srv, err := newServer("")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := exportStatic(srv, dir, ""); err != nil {
		t.Fatal(err)
	}
	pwaOffline(t, newPWAServer(t, tryFiles(dir)), pwaOfflinePages[:2])
}

// pwaT is the catalogue's t, which a test's t hides.
var pwaT = t

// TestWorkerAnswersPagesOnly checks which navigations the service worker
// answers from its shell: the app's pages, and nothing else. A file, the
// API or an image opened in a tab is that file, from the network or, when
// the worker keeps it, from its cache, offline too. (Every navigation used
// to get the shell: /web/robots.txt opened the map.)
func TestWorkerAnswersPagesOnly(t *testing.T) {
	srv, err := newServer("")
	if err != nil {
		t.Fatal(err)
	}
	s := newPWAServer(t, srv.Handler())
	b := newBrowser(t, 1280, 900)
	b.open(s.url() + "/")
	workerKeeps(b, "/web/app.wasm") // and controls the page
	type doc struct {
		Type, Text string
		Mounted    bool
		Worker     bool
	}
	visit := func(path string) doc {
		t.Helper()
		b.do("navigating to "+path, chromedp.Navigate(s.url()+path))
		return eval[doc](b, `({
			Type: document.contentType,
			Text: document.body ? document.body.innerText.slice(0, 200) : "",
			Mounted: document.documentElement.dataset.wasm === "ready" || !!document.querySelector("#map, .partner-list, [data-wasm]"),
			Worker: !!navigator.serviceWorker && !!navigator.serviceWorker.controller,
		})`)
	}
	for _, tc := range []struct{ path, typ, text string }{
		{"/web/robots.txt", "text/plain", "User-agent"},
		{"/api/partners", "application/json", `"id":"CA-QC"`},
		{"/web/icon.svg", "image/svg+xml", ""},
	} {
		got := visit(tc.path)
		if got.Type != tc.typ || !strings.Contains(got.Text, tc.text) || got.Mounted {
			t.Errorf("navigating to %s gave a %s document (app mounted: %v), starting %q; want the file itself, %s, with %q", tc.path, got.Type, got.Mounted, got.Text, tc.typ, tc.text)
		}
	}
	// The pages themselves still come from the shell, offline as well;
	// and a file the worker keeps opens offline.
	s.stop()
	for _, path := range []string{"/list?lang=en", "/partners/us-vt", "/present"} {
		b.open(s.url() + path)
		if got := eval[bool](b, `!!navigator.serviceWorker.controller`); !got {
			t.Errorf("%s offline: no service worker controls the page", path)
		}
	}
	if got := visit("/web/icon.svg"); got.Type != "image/svg+xml" {
		t.Errorf("/web/icon.svg offline gave a %s document; want the kept image/svg+xml", got.Type)
	}
}
