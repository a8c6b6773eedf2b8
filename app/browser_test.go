//go:build !wasm

package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"qcmap/server"
)

// The browser tests drive the real page in Debian's Chromium. Outside CI they
// skip when Chromium is missing; with CI set they fail, so a missing browser
// never passes for a green run.

func TestMain(m *testing.M) {
	routes()
	os.Exit(m.Run())
}

// chromiumPath returns the browser to drive, or stops the test.
func chromiumPath(t testing.TB) string {
	t.Helper()
	for _, name := range []string{os.Getenv("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"} {
		if name == "" {
			continue
		}
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("Chromium is not installed; `make test` installs it (apt-get install chromium)")
	}
	t.Skip("Chromium is not installed; run `make test` to install it")
	return ""
}

// wasmBuilt stops the test when app.wasm is missing: the page would never
// become interactive.
func wasmBuilt(t testing.TB) {
	t.Helper()
	if _, err := os.Stat("../assets/web/app.wasm"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("assets/web/app.wasm is not built; run `make test`, which builds it first")
		}
		t.Skip("assets/web/app.wasm is not built; run `make wasm`")
	}
}

// startApp serves qcmap with the embedded data on a loopback port, as the
// binary does: through server.Serve, whose fasthttp answers the kept
// pages itself and hands the rest to the net/http handler.
func startApp(t testing.TB) string {
	t.Helper()
	wasmBuilt(t)
	srv, err := newServer("")
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- server.Serve(ctx, ln, srv.Handler(), time.Second, slog.New(slog.DiscardHandler)) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serving the app: %v", err)
		}
	})
	return "http://" + ln.Addr().String()
}

// browser is one tab in a fresh headless Chromium with its own profile.
type browser struct {
	ctx context.Context
	t   testing.TB

	mu     sync.Mutex
	errors []string // console errors and uncaught exceptions
}

func newBrowser(t testing.TB, width, height int) *browser {
	t.Helper()
	return newBrowserLang(t, width, height, "fr-CA")
}

// newBrowserLang is newBrowser for a browser set to another language.
func newBrowserLang(t testing.TB, width, height int, lang string) *browser {
	t.Helper()
	return newBrowserProfile(t, width, height, lang, t.TempDir())
}

// newBrowserProfile is newBrowserLang with the profile in dir: a second
// browser on the same dir is a returning visitor, with the first one's
// HTTP cache, code cache and service worker.
// chromiumFeaturesOff are the features every test's and benchmark's Chromium
// starts without: chromedp's own two, and the omnibox's WebUI popups, which
// Chromium 156 loads as it starts (two chrome:// documents, some 60
// scripts, a renderer of their own). In traces of a cold load that renderer
// ran as long as the page's own main thread, on the same two cores, during
// the page's load; a person's browser has done that long before they open
// a page.
const chromiumFeaturesOff = "Translate,BlinkGenPropertyTrees,WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup"

func newBrowserProfile(t testing.TB, width, height int, lang, dir string) *browser {
	t.Helper()
	path := chromiumPath(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("disable-features", chromiumFeaturesOff),
		// A French-speaking browser: on a first visit qcmap follows the
		// browser's language, and most tests expect the French default.
		chromedp.Flag("lang", lang),
		chromedp.Flag("accept-lang", lang),
		chromedp.UserDataDir(dir),
		chromedp.WindowSize(width, height),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	b := &browser{ctx: ctx, t: t}
	console := chromedp.Console(ctx) // subscribes now, before the first page
	go func() {
		for msg, err := range console {
			if err != nil {
				return
			}
			if msg.Type == chromedp.ConsoleError || msg.Type == chromedp.ConsoleException {
				b.addError(fmt.Sprintf("%s: %s (%s:%d)", msg.Type, msg.Text, msg.URL, msg.Line+1))
			}
		}
	}()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), int64(height))); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return b
}

// close closes the browser, so that another can open its profile.
func (b *browser) close() {
	if err := chromedp.Cancel(b.ctx); err != nil && !errors.Is(err, context.Canceled) {
		b.t.Fatalf("closing Chromium: %v", err)
	}
}

func (b *browser) addError(s string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.errors = append(b.errors, s)
}

// noErrors fails the test if the page logged an error or threw.
func (b *browser) noErrors() {
	b.t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, e := range b.errors {
		b.t.Errorf("page error: %s", e)
	}
}

// do runs actions, failing the test on error.
func (b *browser) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression and decodes its value.
func eval[T any](b *browser, js string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		b.t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// evalAwait evaluates a JavaScript expression whose value is a promise and
// decodes what it resolves to.
func evalAwait[T any](b *browser, js string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// waitFor polls a JavaScript condition until it is true.
func (b *browser) waitFor(what, js string) {
	b.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		_, err := chromedp.Run(b.ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(time.Until(deadline))))
		if err == nil {
			return
		}
		// A document that replaced the one being polled (a navigation
		// the page made itself) ends the poll with its context: poll the
		// new document for the rest of the time.
		if contextGone(err) && time.Now().Before(deadline) {
			continue
		}
		b.mu.Lock()
		defer b.mu.Unlock()
		b.t.Fatalf("waiting for %s (%s): %v\npage errors: %q", what, js, err, b.errors)
	}
}

// contextGone reports whether err is the browser saying that the document
// a script ran in is gone.
func contextGone(err error) bool {
	s := err.Error()
	return strings.Contains(s, "Cannot find context with specified id") || strings.Contains(s, "Execution context was destroyed")
}

// open loads url and waits until the wasm client has mounted.
func (b *browser) open(url string) {
	b.t.Helper()
	b.do("navigating to "+url, chromedp.Navigate(url))
	b.waitFor("the wasm client to mount", `document.documentElement.dataset.wasm === "ready"`)
}

func TestBrowserListShowsLakeChamplain(t *testing.T) {
	base := startApp(t)
	for _, tc := range []struct {
		lang, path, want string
	}{
		{"fr", "/list", "Entente de coopération en matière d'environnement sur la gestion du lac Champlain"},
		{"en", "/list?lang=en", "Agreement on environmental cooperation regarding management of Lake Champlain"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			b := newBrowser(t, 1280, 900)
			b.open(base + tc.path)
			got := eval[string](b, `(() => {
				const vt = document.querySelector('article[data-id="US-VT"]');
				if (!vt) return "no Vermont article";
				const a = vt.querySelector('[data-agreement="lake-champlain-2003"]');
				if (!a) return "no Lake Champlain agreement under Vermont";
				return a.querySelector('.year').textContent + " " + a.querySelector('.title').textContent;
			})()`)
			if want := "2003 " + tc.want; got != want {
				t.Errorf("Vermont's agreement = %q; want %q", got, want)
			}
			if lang := eval[string](b, `document.documentElement.lang`); lang != tc.lang {
				t.Errorf("<html lang> = %q; want %q", lang, tc.lang)
			}
			b.noErrors()
		})
	}
}
