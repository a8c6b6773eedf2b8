//go:build !wasm

package main

import (
	"fmt"
	"math"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// wrkResult is what one wrk run measured.
type wrkResult struct {
	rps, p99ms float64
	rounds     []int // the requests per second of each round combined
}

// runWrk loads url for d on conns connections and parses wrk's report.
// Any non-2xx or 3xx response or socket error fails the benchmark, the
// warm-up's too.
func runWrk(b *testing.B, wrk, url string, d time.Duration, conns int) wrkResult {
	b.Helper()
	cmd := exec.Command(wrk, "-t"+strconv.Itoa(loadThreads), "-c"+strconv.Itoa(conns),
		"-d"+strconv.Itoa(int(d.Seconds()))+"s", "--latency", "-H", "Accept-Encoding: "+loadAcceptEncoding, url)
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.Fatalf("wrk %s: %v\n%s", url, err, out)
	}
	r, err := parseWrk(string(out))
	if err != nil {
		b.Fatalf("wrk %s: %v\n%s", url, err, out)
	}
	return r
}

// combineWrk sums up rounds of the same length: the mean requests per
// second, the worst round's 99th percentile, and each round's rate.
func combineWrk(rounds []wrkResult) wrkResult {
	var c wrkResult
	for _, r := range rounds {
		c.rps += r.rps / float64(len(rounds))
		c.p99ms = max(c.p99ms, r.p99ms)
		c.rounds = append(c.rounds, int(math.Round(r.rps)))
	}
	return c
}

var (
	wrkRPS     = regexp.MustCompile(`(?m)^Requests/sec:\s+([0-9.]+)`)
	wrkP99     = regexp.MustCompile(`(?m)^\s+99(?:\.0+)?%\s+([0-9.]+)(us|ms|s|m|h)\s*$`)
	wrkCount   = regexp.MustCompile(`(?m)^\s+(\d+) requests in `)
	wrkNon2xx  = regexp.MustCompile(`(?m)^\s+Non-2xx or 3xx responses: (\d+)`)
	wrkSockErr = regexp.MustCompile(`(?m)^\s+Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)`)
)

// parseWrk reads the requests per second and the 99th percentile latency
// out of wrk's --latency report, and refuses a run with errors.
func parseWrk(out string) (wrkResult, error) {
	if m := wrkNon2xx.FindStringSubmatch(out); m != nil && m[1] != "0" {
		return wrkResult{}, fmt.Errorf("%s responses were not 2xx or 3xx", m[1])
	}
	if m := wrkSockErr.FindStringSubmatch(out); m != nil {
		return wrkResult{}, fmt.Errorf("socket errors: connect %s, read %s, write %s, timeout %s", m[1], m[2], m[3], m[4])
	}
	if m := wrkCount.FindStringSubmatch(out); m == nil || m[1] == "0" {
		return wrkResult{}, fmt.Errorf("no request completed")
	}
	m := wrkRPS.FindStringSubmatch(out)
	if m == nil {
		return wrkResult{}, fmt.Errorf("no Requests/sec line")
	}
	rps, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return wrkResult{}, err
	}
	m = wrkP99.FindStringSubmatch(out)
	if m == nil {
		return wrkResult{}, fmt.Errorf("no 99%% latency line (was --latency given?)")
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return wrkResult{}, err
	}
	scale := map[string]float64{"us": 1e-3, "ms": 1, "s": 1e3, "m": 60e3, "h": 3600e3}[m[2]]
	return wrkResult{rps: rps, p99ms: v * scale}, nil
}

// TestParseWrk checks the reading of wrk's report, and that a run with
// failed requests is refused rather than reported.
func TestParseWrk(t *testing.T) {
	const report = `Running 5s test @ http://127.0.0.1:40000/map.svg
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.52ms    2.01ms  40.12ms   91.00%
    Req/Sec     5.56k     2.49k   10.65k    65.00%
  Latency Distribution
     50%    1.02ms
     75%    1.51ms
     90%    2.60ms
     99%   21.99ms
  55123 requests in 5.01s, 1.54GB read
Requests/sec:  10991.83
Transfer/sec:    315.12MB
`
	r, err := parseWrk(report)
	if err != nil || r.rps != 10991.83 || r.p99ms != 21.99 {
		t.Errorf("parseWrk = %+v, %v; want 10991.83 req/s, p99 21.99 ms", r, err)
	}
	if r, err := parseWrk(strings.Replace(report, "21.99ms", "1.20s", 1)); err != nil || r.p99ms != 1200 {
		t.Errorf("p99 of 1.20s = %v ms, %v; want 1200", r.p99ms, err)
	}
	for _, bad := range []string{
		strings.Replace(report, "Requests/sec", "  Non-2xx or 3xx responses: 17\nRequests/sec", 1),
		strings.Replace(report, "Requests/sec", "  Socket errors: connect 0, read 3, write 0, timeout 0\nRequests/sec", 1),
		strings.Replace(report, "55123 requests", "0 requests", 1),
		strings.Replace(report, "     99%   21.99ms\n", "", 1),
	} {
		if r, err := parseWrk(bad); err == nil {
			t.Errorf("parseWrk accepted a bad run (%+v):\n%s", r, bad)
		}
	}
}
