package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// input is `go test -bench -v` output as make bench tees it: the log lines
// and test chatter between the results are no benchmark lines.
const input = `goos: linux
goarch: amd64
pkg: qcmap/app
cpu: Test CPU @ 3.0GHz
BenchmarkBrowserTransfer
    transfer_bench_test.go:149: first visit, bytes over the network
        kind   bytes
BenchmarkBrowserTransfer-2   	       1	      1432 ns/op	   2226484 app-wasm-bytes	   3726272 first-visit-bytes	      8287 first-visit-css-bytes	     12000 second-visit-bytes
--- BENCH: BenchmarkBrowserTransfer-2
BenchmarkBrowserPage-2   	       1	      1000 ns/op	       120.0 prerendered-visible-cold-median-ms	   900.0 interactive-cold-median-ms	   250 interactive-warm-median-ms	        30 click-to-panel-p95-ms	     18.0 zoom-frame-interval-p95-median-ms	    16.0 idle-frame-interval-median-ms	   160.0 minimal-goapp-visible-cold-median-ms	   500.0 minimal-goapp-interactive-cold-median-ms	   400 minimal-goapp-interactive-warm-median-ms	   25 minimal-goapp-click-p95-ms	   320 offline-interactive-median-ms	   120.0 partner-visible-cold-median-ms	   100.0 leaflet-partner-visible-cold-median-ms
BenchmarkLighthouse-2   	       1	      1000 ns/op	        93 performance-home	        88 performance-us-vt	   900 tbt-home-ms	   700 tbt-us-vt-ms	   500 tbt-minimal-goapp-ms
PASS
ok  	qcmap/app	22.190s
BenchmarkImageAttack-2   	       1	 65 normal-image-max-ms	 0 normal-image-refused	 366.6 attack-peak-rss-mb	 105 attack-503
pkg: qcmap/server
BenchmarkMapPNG-2   	       5	 240000000 ns/op	 1234 B/op	      10 allocs/op
BenchmarkMapPNG-2   	       5	 260000000 ns/op	 1234 B/op	      10 allocs/op
BenchmarkMapPNG-2   	       5	 200000000 ns/op	 1234 B/op	      10 allocs/op
BenchmarkServerLoad-2   	       1	 0.91 app-wasm-br-vs-nginx	 0.5 api-partners-vs-nginx	 0.95 page-home-vs-nginx	 12.5 page-home-p99-ms	 0.85 page-us-vt-vs-nginx	 14 page-us-vt-p99-ms
pkg: qcmap/geo
BenchmarkLevel/world-2         	     100	  12000000 ns/op	    412345 d-bytes
ok  	qcmap/geo	3.1s
`

func TestRead(t *testing.T) {
	rep, err := read(strings.NewReader(input), "input")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]Row{}
	for _, r := range rep.Rows {
		rows[r.Benchmark+" "+r.Unit] = r
	}
	for _, tc := range []struct {
		key    string
		status string
		value  float64
	}{
		{"BenchmarkBrowserTransfer first-visit-bytes", "FAIL", 3726272},
		{"BenchmarkBrowserTransfer app-wasm-bytes", "pass", 2226484},
		{"BenchmarkBrowserTransfer second-visit-bytes", "pass", 12000},
		// Ratios of two medians of the same run: 120/160, 900/500,
		// 250/400, 30/25, 18/16; offline has no divisor, drag no figure.
		{"BenchmarkBrowserPage prerendered-visible-cold-median-ms", "pass", 0.75},
		{"BenchmarkBrowserPage interactive-cold-median-ms", "FAIL", 1.8},
		{"BenchmarkBrowserPage interactive-warm-median-ms", "pass", 0.625},
		{"BenchmarkBrowserPage click-to-panel-p95-ms", "pass", 1.2},
		{"BenchmarkBrowserPage zoom-frame-interval-p95-median-ms", "pass", 1.125},
		{"BenchmarkBrowserPage offline-interactive-median-ms", "missing", 0},
		{"BenchmarkBrowserPage drag-frame-interval-p95-median-ms", "missing", 0},
		{"BenchmarkLighthouse performance-home", "pass", 93},
		{"BenchmarkLighthouse performance-us-vt", "FAIL", 88},
		{"BenchmarkServerLoad app-wasm-br-vs-nginx", "pass", 0.91},
		{"BenchmarkServerLoad page-home-vs-nginx", "pass", 0.95},
		{"BenchmarkServerLoad page-home-p99-ms", "pass", 12.5},
		{"BenchmarkServerLoad page-us-vt-vs-nginx", "pass", 0.85},
		{"BenchmarkServerLoad page-us-vt-p99-ms", "pass", 14},
		{"BenchmarkImageAttack normal-image-max-ms", "pass", 65},
		{"BenchmarkImageAttack normal-image-refused", "pass", 0},
		{"BenchmarkImageAttack attack-peak-rss-mb", "pass", 366.6},
		{"BenchmarkImageAttack attack-503", "info", 105},
		// The proposals: ratios too, 120/100, 900/500, 700/500, in no total.
		{"BenchmarkBrowserPage partner-visible-cold-median-ms", "proposed: pass", 1.2},
		{"BenchmarkLighthouse tbt-home-ms", "proposed: FAIL", 1.8},
		{"BenchmarkLighthouse tbt-us-vt-ms", "proposed: pass", 1.4},
		// Not a static file: a measure, not a budget.
		{"BenchmarkServerLoad api-partners-vs-nginx", "info", 0.5},
		// The median of three runs, in the benchmark's own unit.
		{"BenchmarkMapPNG ns/op", "pass", 240e6},
		{"BenchmarkBrowserTransfer first-visit-css-bytes", "info", 8287},
		{"BenchmarkMapPNG allocs/op", "info", 10},
		{"BenchmarkLevel/world d-bytes", "info", 412345},
	} {
		r, ok := rows[tc.key]
		if !ok {
			t.Errorf("no row for %s", tc.key)
			continue
		}
		if r.Status != tc.status {
			t.Errorf("%s: status %s; want %s", tc.key, r.Status, tc.status)
		}
		switch {
		case tc.status == "missing" && r.Value != nil:
			t.Errorf("%s: value %v; want none", tc.key, *r.Value)
		case tc.status != "missing" && (r.Value == nil || *r.Value != tc.value):
			t.Errorf("%s: value %v; want %v", tc.key, r.Value, tc.value)
		}
	}
	// The budgets come first, in the table's order, then the proposals.
	for i, b := range slices.Concat(budgets, proposals) {
		if got := rep.Rows[i]; got.Benchmark != b.Bench || got.Unit != b.Unit {
			t.Errorf("row %d is %s %s; want the budget %s %s", i, got.Benchmark, got.Unit, b.Bench, b.Unit)
		}
	}
	if got := rows["BenchmarkMapPNG ns/op"].Package; got != "qcmap/server" {
		t.Errorf("BenchmarkMapPNG's package = %q; want qcmap/server", got)
	}
	if rep.CPU != "Test CPU @ 3.0GHz" || rep.GOOS != "linux" || rep.GOARCH != "amd64" {
		t.Errorf("machine = %q %s/%s; want the benchmark output's", rep.CPU, rep.GOOS, rep.GOARCH)
	}
	if n := failed(rep.Rows); n != 5 {
		t.Errorf("failed = %d; want 5 (three FAIL, two missing)", n)
	}

	// A ratio keeps its two figures; its divisor is no row of its own.
	if r := rows["BenchmarkBrowserPage interactive-cold-median-ms"]; r.Figure == nil || *r.Figure != 900 || r.Per == nil || *r.Per != 500 ||
		r.PerUnit != "minimal-goapp-interactive-cold-median-ms" {
		t.Errorf("interactive cold's figures = %v / %v (%s); want 900 / 500 of minimal-goapp-interactive-cold-median-ms", r.Figure, r.Per, r.PerUnit)
	}
	if _, ok := rows["BenchmarkBrowserPage minimal-goapp-interactive-cold-median-ms"]; ok {
		t.Error("a ratio's divisor has a row of its own")
	}
	if r := rows["BenchmarkBrowserPage offline-interactive-median-ms"]; r.Figure != nil || r.Per != nil {
		t.Errorf("offline without its divisor has figures %v / %v; want none", r.Figure, r.Per)
	}

	var out bytes.Buffer
	printTable(&out, rep)
	for _, want := range []string{
		"first visit, total compressed transfer",
		"3.73 MB", "≤ 2.60 MB", "FAIL",
		"/map.png 1920×1080 uncached", "240 ms", "≤ 250 ms",
		"frame interval during drag (p95)", "missing",
		"0.91×", "≥ 0.80×",
		"1.80×", "≤ 1.50×", "900 ms / 500 ms",
		"Lighthouse Total Blocking Time, / ÷ smallest go-app page's", "proposed: FAIL",
		fmt.Sprintf("%d of %d budgets pass", len(budgets)-5, len(budgets)),
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the table has no %q:\n%s", want, out.String())
		}
	}

	file := filepath.Join(t.TempDir(), "bench", "latest.json")
	if err := writeJSON(file, rep); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	backRows := map[string]Row{}
	for _, r := range back.Rows {
		backRows[r.Benchmark+" "+r.Unit] = r
	}
	if len(back.Rows) != len(rep.Rows) || backRows["BenchmarkBrowserTransfer first-visit-bytes"].Status != "FAIL" ||
		backRows["BenchmarkBrowserPage drag-frame-interval-p95-median-ms"].Value != nil {
		t.Errorf("the JSON does not read back as written:\n%s", b)
	}
}

// TestMarkdown checks -md's table: a header line naming the run, one row
// per measure, and, in a file with the markers, only the block between them
// rewritten.
func TestMarkdown(t *testing.T) {
	rep, err := read(strings.NewReader(input), "input")
	if err != nil {
		t.Fatal(err)
	}
	rep.Commit, rep.Date, rep.Go, rep.GOOS, rep.GOARCH, rep.CPU, rep.Cores = "abc1234", "2026-12-01T22:00:00Z", "go1.26.0", "linux", "amd64", "Some CPU", 2
	md := markdown(rep)
	for _, want := range []string{
		"`make bench` on 2026-12-01T22:00:00Z at commit abc1234, go1.26.0 linux/amd64, Some CPU, 2 cores.\n\n",
		"| measure | value | budget | status | qcmap / same run's divisor |\n|---|---|---|---|---|\n",
		"| first visit, total compressed transfer | 3.73 MB | ≤ 2.60 MB | **FAIL** |",
		"| frame interval during drag (p95) ÷ display's frame interval | - |",
		"| interactive, cold (median) ÷ smallest go-app page's | 1.80× | ≤ 1.50× | **FAIL** | 900 ms / 500 ms |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown(rep) has no %q:\n%s", want, md)
		}
	}
	if n, want := strings.Count(md, "\n| "), len(rep.Rows)+1; n != want {
		t.Errorf("markdown(rep) has %d rows; want %d (the header and one per measure):\n%s", n, want, md)
	}

	dir := t.TempDir()
	whole := filepath.Join(dir, "new.md")
	if err := writeMarkdown(whole, rep); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(whole); string(b) != mdBegin+"\n\n"+md+"\n"+mdEnd+"\n" {
		t.Errorf("writeMarkdown(new file) wrote:\n%s", b)
	}
	marked := filepath.Join(dir, "last-run.md")
	prose := "# The last run\n\nBefore.\n\n" + mdBegin + "\nold table\n" + mdEnd + "\n\nAfter.\n"
	if err := os.WriteFile(marked, []byte(prose), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeMarkdown(marked, rep); err != nil {
		t.Fatal(err)
	}
	want := "# The last run\n\nBefore.\n\n" + mdBegin + "\n\n" + md + "\n" + mdEnd + "\n\nAfter.\n"
	if b, _ := os.ReadFile(marked); string(b) != want {
		t.Errorf("writeMarkdown(marked file) wrote:\n%s\nwant:\n%s", b, want)
	}
}
