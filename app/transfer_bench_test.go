//go:build !wasm

package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// BenchmarkBrowserTransfer measures what a visitor downloads: the bytes that
// cross the network, compressed as sent, headers included, on a first visit
// to / with an empty profile (until the page is interactive and the service
// worker has kept the site), then on a second visit with the worker warm.
//
// Chromium's network events give the bytes of each request, once: the
// page's own requests and the service worker's (its precache runs in the
// worker, a target of its own that the benchmark attaches to). A response
// that the service worker or the HTTP cache gave is no transfer. The server
// counts too, at the socket and per request, as a cross-check: a request
// that Chromium makes outside both targets (the worker script's update
// check, say) shows up there only.
//
// Budgets: first visit ≤ 2.6 MB, app.wasm as sent ≤ 2.4 MB, second visit
// ≤ 30 KB. make bench checks them; here they are only logged.
func BenchmarkBrowserTransfer(b *testing.B) {
	wasmBuilt(b)
	srv, err := newServer("")
	if err != nil {
		b.Fatal(err)
	}
	sc := newXferServer(srv.Handler())
	ts := httptest.NewUnstartedServer(sc)
	ts.Listener = &xferListener{Listener: ts.Listener, n: &sc.wire}
	ts.Start()
	b.Cleanup(ts.Close)
	base := ts.URL

	for b.Loop() {
	}

	br := newBrowser(b, 1440, 900)
	log := &xferLog{}
	log.reset()
	if err := chromedp.Listen(br.ctx, log.listener("page")); err != nil {
		b.Fatal(err)
	}
	// Attach to the service worker as soon as Chromium starts it. Its
	// fetches wait at the server's gate until the benchmark listens to the
	// worker's network events, so none is missed.
	var attachOnce sync.Once
	attached := make(chan error, 1)
	err = chromedp.ListenBrowser(br.ctx, func(ev any) {
		var info *target.Info
		switch ev := ev.(type) {
		case *target.EventTargetCreated:
			info = ev.TargetInfo
		case *target.EventTargetInfoChanged:
			info = ev.TargetInfo
		default:
			return
		}
		if info.Type != "service_worker" || !strings.HasPrefix(info.URL, base+"/") {
			return
		}
		attachOnce.Do(func() {
			go func() {
				ctx, _ := chromedp.NewContext(br.ctx, chromedp.WithTargetID(info.TargetID),
					chromedp.WithListener(log.listener("worker")), chromedp.WithDetachOnCancel())
				attached <- chromedp.Do(ctx)
				close(sc.gate)
			}()
		})
	})
	if err != nil {
		b.Fatal(err)
	}

	// First visit: cold profile.
	br.do("loading the map", chromedp.Navigate(base+"/"))
	br.waitFor("the wasm to mount", `document.documentElement.dataset.wasm === "ready"`)
	select {
	case err := <-attached:
		if err != nil {
			b.Fatalf("attaching to the service worker: %v", err)
		}
	case <-time.After(30 * time.Second):
		b.Fatal("no service worker started within 30 s")
	}
	br.waitFor("the service worker to control the page with its precache stored", `(async () => {
		const reg = await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller || !reg.active || reg.active.state !== "activated") return false;
		for (const name of await caches.keys()) {
			const keys = await (await caches.open(name)).keys();
			if (keys.some(r => new URL(r.url).pathname.endsWith(".wasm"))) return true;
		}
		return false;
	})()`)
	xferQuiet(b, sc, log)
	if sc.gateTimedOut.Load() {
		b.Fatal("a request of the service worker passed the gate before the benchmark listened to the worker: its bytes may be missing")
	}
	first, firstServer := log.reset(), sc.reset()

	// Second visit: the worker is warm.
	pwaOpen(br, base+"/")
	xferQuiet(b, sc, log)
	second, secondServer := log.reset(), sc.reset()

	// The report.
	firstKinds := xferByKind(first)
	var total float64
	for _, k := range xferKinds {
		total += firstKinds[k]
		b.ReportMetric(firstKinds[k], "first-visit-"+k+"-bytes")
	}
	b.ReportMetric(total, "first-visit-bytes")
	b.ReportMetric(float64(firstServer.wire), "first-visit-server-bytes")
	var secondTotal float64
	for _, v := range xferByKind(second) {
		secondTotal += v
	}
	b.ReportMetric(secondTotal, "second-visit-bytes")
	b.ReportMetric(float64(secondServer.wire), "second-visit-server-bytes")

	wasm, enc := xferWasm(first, firstServer)
	b.ReportMetric(wasm, "app-wasm-bytes")
	dup := xferDuplicates(firstServer)
	b.ReportMetric(float64(dup), "first-visit-resent-bytes")

	var t strings.Builder
	fmt.Fprintf(&t, "\nfirst visit, bytes over the network (Chromium: page + service worker)\n")
	fmt.Fprintf(&t, "  %-12s %12s %12s\n", "kind", "bytes", "server body")
	serverKinds := firstServer.byKind()
	for _, k := range xferKinds {
		fmt.Fprintf(&t, "  %-12s %12.0f %12d\n", k, firstKinds[k], serverKinds[k])
	}
	fmt.Fprintf(&t, "  %-12s %12.0f\n", "total", total)
	fmt.Fprintf(&t, "  server socket bytes (headers, bodies, framing): %d\n", firstServer.wire)
	fmt.Fprintf(&t, "app.wasm as sent: %.0f bytes, Content-Encoding %q\n", wasm, enc)
	fmt.Fprintf(&t, "first visit, bodies sent again (the worker's precache repeating the page's downloads): %d bytes\n", dup)
	fmt.Fprintf(&t, "the gate held the worker's first fetch %v while the benchmark attached to it\n", time.Duration(sc.held.Load()).Round(time.Millisecond))
	fmt.Fprintf(&t, "second visit: %.0f bytes (Chromium), %d bytes at the server socket\n",
		secondTotal, secondServer.wire)
	fmt.Fprintf(&t, "\nfirst visit, requests:\n%s", xferRequests(first, firstServer))
	fmt.Fprintf(&t, "\nsecond visit, requests:\n%s", xferRequests(second, secondServer))
	b.Log(t.String())
	br.noErrors()
}

// xferKinds are the groups of the report, in its order.
var xferKinds = []string{"wasm", "html", "js", "css", "data", "boundaries", "images", "other"}

// xferKind groups a request by its path (and Chromium's resource type, when
// known): /api is data, /geo/ boundaries; a page's own JSON is part of it.
func xferKind(rawURL string, typ network.ResourceType) string {
	p := rawURL
	if u, err := url.Parse(rawURL); err == nil {
		p = u.Path
	}
	switch ext := path.Ext(p); {
	case ext == ".wasm":
		return "wasm"
	case ext == ".js":
		return "js"
	case ext == ".css":
		return "css"
	case strings.HasPrefix(p, "/api/") || ext == ".json":
		return "data"
	case strings.HasPrefix(p, "/geo/"):
		return "boundaries"
	case ext == ".png" || ext == ".svg" || ext == ".ico" || ext == ".jpg" || ext == ".webp":
		return "images"
	case ext == ".html" || typ == network.ResourceTypeDocument ||
		(ext == "" && (p == "/" || p == "/list" || strings.HasPrefix(p, "/partners/"))):
		return "html"
	}
	return "other"
}

// xferReq is one request as Chromium reports it.
type xferReq struct {
	target string // page or worker
	url    string
	typ    network.ResourceType
	status int64
	enc    string
	// served is why it was no transfer: "worker" or "cache".
	served string
	bytes  float64 // on the wire, headers included
	body   float64 // on the wire, body only
}

// xferLog collects the network events of the page and of the worker.
type xferLog struct {
	mu       sync.Mutex
	reqs     map[string]*xferReq
	order    []string
	inflight map[string]bool
	last     time.Time
}

// reset returns the requests so far and starts afresh.
func (l *xferLog) reset() []*xferReq {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []*xferReq
	for _, id := range l.order {
		out = append(out, l.reqs[id])
	}
	l.reqs, l.order, l.inflight = map[string]*xferReq{}, nil, map[string]bool{}
	return out
}

// busy reports the requests in flight and the time of the last event.
func (l *xferLog) busy() (int, time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.inflight), l.last
}

func (l *xferLog) listener(tgt string) func(ev any) {
	return func(ev any) {
		l.mu.Lock()
		defer l.mu.Unlock()
		get := func(id network.RequestID) *xferReq {
			key := tgt + "/" + string(id)
			r := l.reqs[key]
			if r == nil {
				r = &xferReq{target: tgt}
				l.reqs[key] = r
				l.order = append(l.order, key)
			}
			return r
		}
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			r := get(ev.RequestID)
			r.url, r.typ = ev.Request.URL, ev.Type
			l.inflight[tgt+"/"+string(ev.RequestID)] = true
		case *network.EventResponseReceived:
			r := get(ev.RequestID)
			if r.url == "" {
				r.url = ev.Response.URL
			}
			r.typ, r.status = ev.Type, ev.Response.Status
			for k, v := range ev.Response.Headers {
				if strings.EqualFold(k, "Content-Encoding") {
					r.enc = fmt.Sprint(v)
				}
			}
			switch {
			case ev.Response.FromServiceWorker:
				r.served = "worker"
			case ev.Response.FromDiskCache || ev.Response.FromPrefetchCache:
				r.served = "cache"
			}
		case *network.EventRequestServedFromCache:
			get(ev.RequestID).served = "cache"
		case *network.EventLoadingFinished:
			r := get(ev.RequestID)
			r.bytes, r.body = ev.EncodedDataLength, ev.EncodedBodyLength
			delete(l.inflight, tgt+"/"+string(ev.RequestID))
		case *network.EventLoadingFailed:
			get(ev.RequestID) // a failed request is listed, with no bytes
			delete(l.inflight, tgt+"/"+string(ev.RequestID))
		default:
			return
		}
		l.last = time.Now()
	}
}

// xferByKind sums the bytes that crossed the network, by kind.
func xferByKind(reqs []*xferReq) map[string]float64 {
	m := map[string]float64{}
	for _, r := range reqs {
		if r.served == "" {
			m[xferKind(r.url, r.typ)] += r.bytes
		}
	}
	return m
}

// xferWasm returns app.wasm's body as sent and its encoding: Chromium's
// count, else the server's.
func xferWasm(reqs []*xferReq, s xferServed) (float64, string) {
	var n float64
	var enc string
	for _, r := range reqs {
		if r.served == "" && r.status == http.StatusOK && xferKind(r.url, r.typ) == "wasm" && r.body > n {
			n, enc = r.body, r.enc
		}
	}
	if n == 0 {
		for _, r := range s.reqs {
			if r.status == http.StatusOK && strings.HasSuffix(r.path, ".wasm") && float64(r.body) > n {
				n, enc = float64(r.body), r.enc
			}
		}
	}
	return n, enc
}

// xferRequests lists the requests of a visit as Chromium reports them,
// then as the server answered them: Chromium shows a revalidation (304)
// as the cached 200, so only the server tells a body sent twice from a
// round trip of headers.
func xferRequests(reqs []*xferReq, s xferServed) string {
	var t strings.Builder
	for _, r := range reqs {
		p := r.url
		if u, err := url.Parse(r.url); err == nil {
			if u.Scheme != "http" && u.Scheme != "https" {
				continue
			}
			p = u.RequestURI()
		}
		how := "network"
		if r.served != "" {
			how = "from " + r.served
		}
		fmt.Fprintf(&t, "  %-6s %-36s %3d %-5s %9.0f  %s\n", r.target, p, r.status, r.enc, r.bytes, how)
	}
	if len(s.reqs) > 0 {
		fmt.Fprintf(&t, "  as the server answered them:\n")
	}
	full := map[string]int{}
	var fullBytes = map[string]int64{}
	for _, r := range s.reqs {
		fmt.Fprintf(&t, "  %-6s %-36s %3d %-5s %9d body bytes  (Accept-Encoding %q)\n", r.from, r.path, r.status, r.enc, r.body, r.accept)
		if r.status == http.StatusOK && r.body > 0 {
			full[r.path]++
			fullBytes[r.path] += r.body
		}
	}
	keys := make([]string, 0, len(full))
	for k, n := range full {
		if n > 1 {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&t, "  SENT %d TIMES: %s (%d body bytes in all)\n", full[k], k, fullBytes[k])
	}
	return t.String()
}

// xferDuplicates sums the body bytes the server sent again for a path it
// had sent in full already.
func xferDuplicates(s xferServed) int64 {
	seen := map[string]bool{}
	var n int64
	for _, r := range s.reqs {
		if r.status != http.StatusOK || r.body == 0 {
			continue
		}
		if seen[r.path] {
			n += r.body
		}
		seen[r.path] = true
	}
	return n
}

// xferQuiet waits until nothing has been in flight, in Chromium or at the
// server, for a second.
func xferQuiet(b *testing.B, s *xferServer, l *xferLog) {
	b.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		n, last := l.busy()
		sn, slast := s.busy()
		if slast.After(last) {
			last = slast
		}
		if n == 0 && sn == 0 && time.Since(last) >= time.Second {
			return
		}
		if time.Now().After(deadline) {
			b.Fatalf("the network is still busy after 30 s: %d requests in flight in Chromium, %d at the server", n, sn)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
