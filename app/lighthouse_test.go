//go:build !wasm

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// Lighthouse, the audit behind Chrome's DevTools "Lighthouse" panel, must
// score the pages 100 for accessibility. It runs in Debian's Chromium; the
// CLI is pinned in package-lock.json at the repository root and installed by
// `npm ci` (make test-deps). `make audit` prints all four category scores.

// lighthousePath is the Lighthouse CLI, relative to app/ where tests run.
const lighthousePath = "../node_modules/.bin/lighthouse"

// lighthouseFlags start headless Chromium as root with nothing reaching
// beyond the loopback server; each run adds a fresh --user-data-dir.
const lighthouseFlags = "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run " +
	"--disable-background-networking --disable-component-update --disable-sync " +
	"--disable-features=" + chromiumFeaturesOff

// lighthouseItemsShown is how many failing elements an audit lists.
const lighthouseItemsShown = 5

// lighthouseReport is the part of Lighthouse's JSON report the test reads.
type lighthouseReport struct {
	FinalURL     string `json:"finalDisplayedUrl"`
	RuntimeError *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"runtimeError"`
	RunWarnings []string `json:"runWarnings"`
	Categories  map[string]struct {
		Score     *float64 `json:"score"`
		AuditRefs []struct {
			ID     string  `json:"id"`
			Weight float64 `json:"weight"`
		} `json:"auditRefs"`
	} `json:"categories"`
	Audits map[string]lighthouseAudit `json:"audits"`
}

type lighthouseAudit struct {
	ID           string   `json:"id"`
	Title        string   `json:"title"`
	Score        *float64 `json:"score"`
	DisplayValue string   `json:"displayValue"`
	NumericValue *float64 `json:"numericValue"`
	Details      struct {
		Items []struct {
			Node *struct {
				Selector    string `json:"selector"`
				Snippet     string `json:"snippet"`
				Explanation string `json:"explanation"`
			} `json:"node"`
		} `json:"items"`
	} `json:"details"`
}

// String prints the audit as a person fixing it needs it: what it checks,
// and where and why each element fails.
func (a lighthouseAudit) String() string {
	var s strings.Builder
	fmt.Fprintf(&s, "%s (score %g): %s", a.ID, *a.Score, a.Title)
	if a.DisplayValue != "" {
		fmt.Fprintf(&s, " — %s", a.DisplayValue)
	}
	shown, nodes := 0, 0
	for _, it := range a.Details.Items {
		if it.Node == nil {
			continue
		}
		nodes++
		if shown == lighthouseItemsShown {
			continue
		}
		shown++
		fmt.Fprintf(&s, "\n    - %s\n      %s", it.Node.Selector, it.Node.Snippet)
		for line := range strings.Lines(it.Node.Explanation) {
			fmt.Fprintf(&s, "\n      %s", strings.TrimRight(line, "\n"))
		}
	}
	if more := nodes - shown; more > 0 {
		fmt.Fprintf(&s, "\n    … and %d more", more)
	}
	return s.String()
}

// lighthouseCLI returns the Lighthouse CLI, or stops the test when `npm ci`
// has not run or Node.js is missing.
func lighthouseCLI(t testing.TB) string {
	t.Helper()
	missing := ""
	if _, err := os.Stat(lighthousePath); err != nil {
		missing = fmt.Sprintf("Lighthouse is not installed (%v)", err)
	} else if _, err := exec.LookPath("node"); err != nil {
		missing = "Node.js is not installed"
	}
	if missing != "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s; `make test-deps` installs npm and runs npm ci", missing)
		}
		t.Skipf("%s; run `npm ci` at the repository root", missing)
	}
	return lighthousePath
}

// lighthouse audits url for the given categories in a fresh Chromium
// profile and returns the report. A run whose trace Lighthouse could not
// read (NO_NAVSTART: "Please run Lighthouse again") is run once more.
func lighthouse(t testing.TB, cli, chromium, url string, categories ...string) *lighthouseReport {
	t.Helper()
	r := lighthouseRun(t, cli, chromium, url, categories...)
	if r.RuntimeError != nil && r.RuntimeError.Code == "NO_NAVSTART" {
		t.Logf("lighthouse %s: %s; running it again", url, r.RuntimeError.Code)
		r = lighthouseRun(t, cli, chromium, url, categories...)
	}
	if r.RuntimeError != nil {
		t.Fatalf("lighthouse %s: %s: %s", url, r.RuntimeError.Code, r.RuntimeError.Message)
	}
	for _, w := range r.RunWarnings {
		t.Logf("lighthouse %s: warning: %s", url, w)
	}
	return r
}

// lighthouseRun is one run of lighthouse.
func lighthouseRun(t testing.TB, cli, chromium, url string, categories ...string) *lighthouseReport {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, cli, url,
		"--output=json", "--output-path=stdout", "--quiet",
		"--only-categories="+strings.Join(categories, ","),
		"--chrome-flags="+lighthouseFlags+" --user-data-dir="+t.TempDir(),
	)
	cmd.Env = append(os.Environ(), "CHROME_PATH="+chromium)
	// Chromium runs in its own process group; on SIGINT Lighthouse closes
	// it before exiting, where a kill would leave it behind.
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 15 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	t.Logf("lighthouse %s: %s", url, time.Since(start).Round(100*time.Millisecond))
	if ctx.Err() != nil {
		t.Fatalf("lighthouse %s did not finish in time: %v\nstderr:\n%s", url, ctx.Err(), stderr.String())
	}
	if err != nil && strings.Contains(stderr.String(), "(NO_NAVSTART)") {
		var r lighthouseReport
		r.RuntimeError = &struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		}{"NO_NAVSTART", stderr.String()}
		return &r
	}
	if err != nil {
		t.Fatalf("lighthouse %s: %v\nstderr:\n%s", url, err, stderr.String())
	}
	var r lighthouseReport
	if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
		t.Fatalf("lighthouse %s: reading its JSON report: %v\nstderr:\n%s", url, err, stderr.String())
	}
	return &r
}

func TestLighthouseAccessibility(t *testing.T) {
	cli := lighthouseCLI(t)
	chromium := chromiumPath(t)
	base := startApp(t)
	for _, tc := range []struct{ name, path string }{
		{"map-fr", "/?lang=fr"},
		{"vermont-fr", "/partners/us-vt?lang=fr"},
		{"vermont-en", "/partners/us-vt?lang=en"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := lighthouse(t, cli, chromium, base+tc.path, "accessibility")
			cat, ok := r.Categories["accessibility"]
			if !ok || cat.Score == nil {
				t.Fatalf("%s: the report has no accessibility score", tc.path)
			}
			if *cat.Score == 1 {
				return
			}
			var failed []string
			for _, ref := range cat.AuditRefs {
				if a, ok := r.Audits[ref.ID]; ok && a.Score != nil && *a.Score < 1 {
					failed = append(failed, a.String())
				}
			}
			t.Errorf("%s: Lighthouse accessibility score %.0f; want 100. Failing audits:\n  %s",
				tc.path, *cat.Score*100, strings.Join(failed, "\n  "))
		})
	}
}

// lighthouseTurns is how many times make bench scores each page. On the
// shared machines one page's score moves by ten points and more from one
// run to the next, so the report takes the median of the turns.
const lighthouseTurns = 5

// BenchmarkLighthouse scores the performance of / and /partners/us-vt with
// Lighthouse's mobile defaults (a throttled mid-range phone), as make bench
// reports it, beside the smallest go-app page's (app/internal/minimal, the
// floor of BenchmarkBrowserPage) scored in the same turns: the three pages
// in turn, a fresh browser each, lighthouseTurns times. performance-home,
// performance-us-vt and performance-minimal-goapp are the medians of the
// category scores out of 100; the Total Blocking Time of each, which most
// of a wasm app's loss is, is reported beside them (tbt-*-ms).
func BenchmarkLighthouse(b *testing.B) {
	cli := lighthouseCLI(b)
	chromium := chromiumPath(b)
	base := startApp(b)
	_, floorBase := buildFloor(b).start(b, "minimal-lighthouse")
	for b.Loop() {
	}
	pages := []struct{ name, url string }{
		{"home", base + "/"},
		{"us-vt", base + "/partners/us-vt"},
		{"minimal-goapp", floorBase + "/"},
	}
	for _, p := range pages {
		servedBefore(b, p.url)
	}
	var runs pageRuns
	for turn := range lighthouseTurns {
		for _, p := range pages {
			r := lighthouse(b, cli, chromium, p.url, "performance")
			cat, ok := r.Categories["performance"]
			if !ok || cat.Score == nil {
				b.Fatalf("%s: the report has no performance score", p.url)
			}
			runs.add("performance-"+p.name, *cat.Score*100)
			var shown []string
			for _, id := range []string{"total-blocking-time", "first-contentful-paint", "largest-contentful-paint", "speed-index"} {
				if a, ok := r.Audits[id]; ok {
					shown = append(shown, id+" "+a.DisplayValue)
				}
			}
			b.Logf("turn %d, %s: performance %.0f; %s", turn+1, p.name, *cat.Score*100, strings.Join(shown, ", "))
			a, ok := r.Audits["total-blocking-time"]
			if !ok || a.NumericValue == nil {
				b.Fatalf("%s: the report has no Total Blocking Time", p.url)
			}
			runs.add("tbt-"+p.name+"-ms", *a.NumericValue)
		}
	}
	for _, n := range runs.names {
		med, _ := perfMedian(runs.xs[n])
		b.ReportMetric(med, n)
		b.Logf("%-30s median %6.0f  turns %.0f", n, med, runs.xs[n])
	}
	b.ReportMetric(0, "ns/op") // the runs are timed by Lighthouse
}
