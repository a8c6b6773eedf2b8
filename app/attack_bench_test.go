//go:build !wasm

package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"
)

// BenchmarkImageAttack runs the qcmap binary with its default image limits
// while attackAddrs loopback addresses (127.0.0.2 and on, one client each
// to the server) ask for new 4096×4096 PNGs as fast as they are answered,
// for attackFor; meanwhile a normal client (127.0.0.1) asks for a new
// 800×450 PNG every attackNormalEvery. It reports how the attackers were
// answered (drawn, 429 past their budget, 503 past the draw queue), how
// long the normal client's pictures took (the slowest and the median) and
// whether any was refused, and the server's peak RSS (VmHWM).
//
// server/benchreport budgets the normal picture at 1 s at most and the
// peak RSS at 400 MB. The binary is $QCMAP_BIN, or one built here, as in
// BenchmarkServerLoad. Linux routes all of 127.0.0.0/8 to loopback, so
// each attacker dials from its own address.
func BenchmarkImageAttack(b *testing.B) {
	for b.Loop() {
	}
	dir := b.TempDir()
	bin := loadBinary(b, dir)
	addr := freeAddr(b)
	srv := startLoadProc(b, dir, "qcmap", exec.Command(bin, "-addr", addr))
	waitLoadUp(b, srv, "http://"+addr+"/healthz")
	base := "http://" + addr

	ctx, stop := context.WithTimeout(context.Background(), attackFor)
	defer stop()
	var (
		mu      sync.Mutex
		attacks = map[int]int{} // the attackers' answers, by status
		normal  []time.Duration // the normal client's pictures drawn
		refused = map[int]int{} // and refused, by status
		wg      sync.WaitGroup
	)
	for i := range attackAddrs {
		c := clientFrom(fmt.Sprintf("127.0.0.%d", 2+i))
		wg.Go(func() {
			for n := 0; ctx.Err() == nil; n++ {
				url := fmt.Sprintf("%s/map.png?width=4096&height=4096&view=%d.%03d,%d,2", base, 300+i, n%1000, 200+n/1000)
				status, _ := attackGet(ctx, c, url)
				if status == 0 {
					continue // cut off at the end
				}
				mu.Lock()
				attacks[status]++
				mu.Unlock()
				if status != http.StatusOK {
					// What a client told to retry may do at once; not a
					// spin on loopback.
					sleepCtx(ctx, 10*time.Millisecond)
				}
			}
		})
	}
	wg.Go(func() {
		c := clientFrom("127.0.0.1")
		sleepCtx(ctx, time.Second) // the attack first
		for n := 0; ctx.Err() == nil; n++ {
			url := fmt.Sprintf("%s/map.png?width=800&height=450&view=%d.5,250,3", base, 400+n)
			start := time.Now()
			status, _ := attackGet(context.Background(), c, url)
			took := time.Since(start)
			mu.Lock()
			if status == http.StatusOK {
				normal = append(normal, took)
			} else {
				refused[status]++
			}
			mu.Unlock()
			sleepCtx(ctx, attackNormalEvery)
		}
	})
	wg.Wait()

	rss := peakRSS(b, srv.pid)
	slices.Sort(normal)
	if len(normal) == 0 {
		b.Fatalf("no picture of the normal client was drawn in %v of attack (refused: %v)", attackFor, refused)
	}
	worst, median := normal[len(normal)-1], normal[len(normal)/2]
	nRefused := 0
	for _, n := range refused {
		nRefused += n
	}
	b.ReportMetric(float64(attacks[http.StatusOK]), "attack-drawn")
	b.ReportMetric(float64(attacks[http.StatusTooManyRequests]), "attack-429")
	b.ReportMetric(float64(attacks[http.StatusServiceUnavailable]), "attack-503")
	b.ReportMetric(float64(worst.Milliseconds()), "normal-image-max-ms")
	b.ReportMetric(float64(median.Milliseconds()), "normal-image-median-ms")
	b.ReportMetric(float64(nRefused), "normal-image-refused")
	b.ReportMetric(rss, "attack-peak-rss-mb")
	b.ReportMetric(0, "ns/op")
	b.Logf("%d addresses, new 4096×4096 PNGs for %v: %v (drawn 200, 429 past the budget, 503 past the queue)", attackAddrs, attackFor, attacks)
	b.Logf("normal client, a new 800×450 PNG every %v: %d drawn, median %v, slowest %v; refused %v",
		attackNormalEvery, len(normal), median.Round(time.Millisecond), worst.Round(time.Millisecond), refused)
	b.Logf("qcmap peak RSS (VmHWM) during the attack: %.1f MB", rss)
}

// The attack: how many addresses, for how long, and how often the normal
// client asks for its picture.
const (
	attackAddrs       = 40
	attackFor         = 10 * time.Second
	attackNormalEvery = 500 * time.Millisecond
)

// clientFrom returns a client whose connections start from the local
// address ip.
func clientFrom(ip string) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}, Timeout: 5 * time.Second}
	return &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		DialContext: d.DialContext, DisableCompression: true, MaxIdleConnsPerHost: 1,
	}}
}

// attackGet gets url and reads its body, returning the status, or 0 when
// ctx ended first or the request failed.
func attackGet(ctx context.Context, c *http.Client, url string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

func sleepCtx(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}

// loadBinary returns the qcmap binary to measure: $QCMAP_BIN if set, else
// one built from this directory into dir.
func loadBinary(b *testing.B, dir string) string {
	b.Helper()
	if bin := os.Getenv("QCMAP_BIN"); bin != "" {
		return bin
	}
	bin := filepath.Join(dir, "qcmap")
	build := exec.Command("go", "build", "-trimpath", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("building the server: %v\n%s", err, out)
	}
	return bin
}
