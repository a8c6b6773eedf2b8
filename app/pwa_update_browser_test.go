//go:build !wasm

package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// pwaCacheName reads the service worker's cache name, which carries the
// content version, from the served worker.
var pwaCacheName = regexp.MustCompile(`const cacheName = "([^"]+)"`)

func pwaVersion(s *pwaServer) string {
	s.t.Helper()
	_, body := s.get("/app-worker.js")
	m := pwaCacheName.FindSubmatch(body)
	if m == nil {
		s.t.Fatalf("no cacheName in /app-worker.js:\n%s", body)
	}
	return string(m[1])
}

// TestUpdateNotice checks that a page kept by the service worker offers a
// reload once the server's data changes (-data reloaded on SIGHUP), and
// that the reload shows the new data.
func TestUpdateNotice(t *testing.T) {
	const renewed = "Renewed agreement on the management of Lake Champlain"
	orig, err := os.ReadFile("../assets/data/relations.yaml")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "relations.yaml")
	if err := os.WriteFile(file, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	srv, err := newServer(file)
	if err != nil {
		t.Fatal(err)
	}
	s := newPWAServer(t, srv.Handler())
	reload := make(chan os.Signal, 1)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { srv.WatchFile(ctx, file, reload, time.Hour); close(done) }()
	t.Cleanup(func() { cancel(); <-done })

	b := newBrowser(t, 1280, 900)
	pwaReduceMotion(b)
	b.open(s.url() + "/?lang=en")
	pwaWaitCached(b)
	pwaClickMarker(b, "US-VT")
	if got, want := pwaAgreement(b, "US-VT", pwaChamplainID), "2003 "+pwaChamplainEN; got != want {
		t.Fatalf("before the change, Vermont's panel lists %q; want %q", got, want)
	}

	// Nothing has changed yet: the first visit installed the app, which is
	// no update to offer.
	if eval[bool](b, `document.querySelector('[data-status="update"]') !== null`) {
		t.Errorf("the first visit shows the update notice %q before any update",
			eval[string](b, `document.querySelector('[data-status="update"]').textContent`))
	}

	// Change the English title and reload the data as SIGHUP does.
	changed := bytes.Replace(orig, []byte(`en: "`+pwaChamplainEN+`"`), []byte(`en: "`+renewed+`"`), 1)
	if bytes.Equal(changed, orig) {
		t.Fatal("the fixture edit did not apply; update the test to the data file")
	}
	if err := os.WriteFile(file, changed, 0o644); err != nil {
		t.Fatal(err)
	}
	old := pwaVersion(s)
	reload <- syscall.SIGHUP
	for deadline := time.Now().Add(20 * time.Second); pwaVersion(s) == old; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the served version is still %s 20s after the reload", old)
		}
	}
	next := pwaVersion(s)

	// go-app checks for a new worker on load; goappTryUpdate asks now. The
	// notice is to come once the new worker has taken over, which deletes
	// the old version's cache.
	b.do("asking for an update", chromedp.Evaluate[chromedp.Void](`goappTryUpdate()`))
	b.waitFor("the new version's worker to take over", `(async () => {
		const keys = await caches.keys();
		return keys.length === 1 && keys[0] === `+strconv.Quote(next)+`;
	})()`)
	b.waitFor("the update notice", `document.querySelector('[data-status="update"]') !== null`)
	if got, want := eval[string](b, `document.querySelector('[data-status="update"]').textContent`), pwaT(langEN, "status.update"); got != want {
		t.Errorf("update notice = %q; want %q", got, want)
	}
	if _, err := chromedp.Run(b.ctx, chromedp.WaitEvent(page.LoadEventFired, nil,
		chromedp.Click(chromedp.CSS(`[data-status="update"]`)))); err != nil {
		t.Fatalf("clicking the update notice: %v", err)
	}
	b.waitFor("the wasm client to mount after the reload", `document.documentElement.dataset.wasm === "ready"`)
	keys, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](`caches.keys()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("reading the cache names: %v", err)
	}
	if got := keys; len(got) != 1 || got[0] != next {
		t.Errorf("caches after the update = %q; want only %q", got, next)
	}
	if eval[bool](b, `document.querySelector('[data-status="update"]') !== null`) {
		t.Error("the update notice still shows after the reload")
	}
	pwaClickMarker(b, "US-VT")
	if got, want := pwaAgreement(b, "US-VT", pwaChamplainID), "2003 "+renewed; got != want {
		t.Errorf("after the update, Vermont's panel lists %q; want %q", got, want)
	}
	b.noErrors()
}
