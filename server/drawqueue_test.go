package server

import (
	"context"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"qcmap/geo/carto"
)

func TestDrawCost(t *testing.T) {
	for _, tt := range []struct {
		w, h int
		want float64
	}{
		{1920, 1080, 1}, {200, 200, 1}, {3840, 2160, 4}, {4096, 4096, 8.09},
	} {
		if got := drawCost(carto.Params{Width: tt.w, Height: tt.h}); math.Abs(got-tt.want) > 0.01 {
			t.Errorf("drawCost(%d×%d) = %.2f; want %.2f", tt.w, tt.h, got, tt.want)
		}
	}
}

// TestAllowNCost charges a 4096×4096 picture about 8 tokens of a burst of 10.
func TestAllowNCost(t *testing.T) {
	var l rateLimiter
	t0 := time.Now()
	big := drawCost(carto.Params{Width: 4096, Height: 4096})
	if _, ok := l.allowN("a", t0, 1, 10, big); !ok {
		t.Fatal("first 4096×4096 picture refused; want it drawn")
	}
	wait, ok := l.allowN("a", t0, 1, 10, big)
	if ok || wait < 6*time.Second || wait > 7*time.Second {
		t.Errorf("second 4096×4096 picture: allowed %v, wait %v; want refused with about 6.2 s", ok, wait)
	}
	if _, ok := l.allowN("a", t0, 1, 10, 1); !ok {
		t.Errorf("a 1920×1080 picture after one 4096×4096 refused; want the 1.9 tokens left to allow it")
	}
	if _, ok := l.allowN("b", t0, 1, 5, 50); !ok {
		t.Errorf("a picture costing more than the burst was refused; want it charged the burst")
	}
}

// TestDrawQueueBound holds the only slot and asks for six more: two wait,
// four are busy at once, and the two get their slot in turn.
func TestDrawQueueBound(t *testing.T) {
	q := newDrawQueue(1, 2)
	if err := q.acquire(context.Background()); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	results := make(chan error, 6)
	for range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := q.acquire(context.Background())
			results <- err
			if err == nil {
				q.release()
			}
		}()
	}
	waitFor(t, "four busy answers", func() bool { return len(results) == 4 })
	q.release()
	wg.Wait()
	close(results)
	busy, got := 0, 0
	for err := range results {
		switch err {
		case nil:
			got++
		case errBusy:
			busy++
		default:
			t.Errorf("acquire = %v", err)
		}
	}
	if busy != 4 || got != 2 || q.peak.Load() > 2 {
		t.Errorf("%d busy, %d slots, peak of %d waiting; want 4, 2 and at most 2", busy, got, q.peak.Load())
	}
}

// TestMapImageBurst sends bursts of new pictures: one client past its budget
// gets 429s; many clients (one loopback address each) within theirs, while
// every slot is taken, get 503s past the few that may wait, and never 429.
func TestMapImageBurst(t *testing.T) {
	s := imageServer(t)
	s.ImageRate, s.ImageBurst = 0.01, 10
	h := s.Handler()
	get := func(target, remote string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", target, nil)
		r.RemoteAddr = remote
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}

	// One client: a 4096×4096 picture costs 8 of its 10 tokens.
	codes := map[int]int{}
	for i := range 3 {
		codes[get(fmt.Sprintf("/map.svg?width=4096&height=%d", 4096-i), "127.0.0.1:1").Code]++
	}
	if codes[200] != 1 || codes[429] != 2 {
		t.Errorf("one client, three 4096×4096 pictures: %v; want one 200 and two 429", codes)
	}

	// Many clients while every slot is taken.
	saved := drawingSmall
	drawingSmall = newDrawQueue(1, 2)
	t.Cleanup(func() { drawingSmall = saved })
	if err := drawingSmall.acquire(context.Background()); err != nil {
		t.Fatal(err)
	}
	const n = 12
	var wg sync.WaitGroup
	var mu sync.Mutex
	codes = map[int]int{}
	retry := 0
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := get(fmt.Sprintf("/map.svg?width=%d", 400+i), fmt.Sprintf("127.0.1.%d:1", i+1))
			mu.Lock()
			defer mu.Unlock()
			codes[w.Code]++
			if w.Code == http.StatusServiceUnavailable && w.Header().Get("Retry-After") != "" {
				retry++
			}
		}()
	}
	waitFor(t, "the busy answers", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return codes[503] == n-2
	})
	drawingSmall.release()
	wg.Wait()
	if codes[200] != 2 || codes[503] != n-2 || codes[429] != 0 || retry != n-2 {
		t.Errorf("%d clients, one picture each, all slots taken: %v (%d with Retry-After); want 2 × 200 and %d × 503, each with Retry-After", n, codes, retry, n-2)
	}
	if p := drawingSmall.peak.Load(); p > 2 {
		t.Errorf("peak of %d waiting; want at most 2", p)
	}
}

// TestImageAttack has 40 loopback addresses (127.0.0.2 and on, real TCP,
// one client each to the server) ask at once for a new 4096×4096 PNG, and
// each for another when answered, while a normal client asks for a new
// 800×450 one: the large ones are drawn one at a time with at most
// maxDrawWaiting waiting, the rest refused with 503 past the queue and
// 429 past each address's budget, and the small picture is drawn, not
// refused. BenchmarkImageAttack (in app) measures the same for seconds,
// with its time and the server's memory.
func TestImageAttack(t *testing.T) {
	if testing.Short() {
		t.Skip("draws 4096×4096 pictures")
	}
	s := imageServer(t)
	s.ImageBurst = 0 // the default budget: 10, refilled at 2 a second
	saved := drawingLarge
	drawingLarge = newDrawQueue(1, maxDrawWaiting)
	t.Cleanup(func() { drawingLarge = saved })
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()

	const attackers = 40
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var (
		mu    sync.Mutex
		codes = map[int]int{}
		wg    sync.WaitGroup
	)
	for i := range attackers {
		c := clientFrom(t, fmt.Sprintf("127.0.0.%d", 2+i))
		wg.Go(func() {
			for n := range 2 {
				url := fmt.Sprintf("%s/map.png?width=4096&height=4096&view=%d.%d,250,2", ts.URL, 300+i, n)
				req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
				resp, err := c.Do(req)
				if err != nil {
					return // cut off once the small picture is drawn
				}
				resp.Body.Close()
				mu.Lock()
				codes[resp.StatusCode]++
				mu.Unlock()
			}
		})
	}
	waitFor(t, "the large pictures' queue to fill", func() bool { return drawingLarge.waiting.Load() >= maxDrawWaiting })

	start := time.Now()
	resp, err := clientFrom(t, "127.0.0.1").Get(ts.URL + "/map.png?width=800&height=450&view=400.5,250,3")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	took := time.Since(start)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/png" {
		t.Errorf("a new 800×450 PNG during the attack = %d %s; want it drawn", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	// One drawn and maxDrawWaiting waiting: the others are busy answers,
	// and their second picture is past their budget (8 of 10 tokens
	// spent on the first).
	refusedMin := attackers - 1 - maxDrawWaiting
	waitFor(t, "the refused attackers' second answers", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return codes[503] >= refusedMin && codes[429] >= refusedMin
	})
	cancel()
	wg.Wait()
	t.Logf("%d addresses, two new 4096×4096 PNGs each: %v; the 800×450 PNG took %v", attackers, codes, took.Round(time.Millisecond))
	if codes[503] > attackers || codes[200] > 1+maxDrawWaiting {
		t.Errorf("answers %v; want at most %d × 503 and %d drawn", codes, attackers, 1+maxDrawWaiting)
	}
	if p := drawingLarge.peak.Load(); p > maxDrawWaiting {
		t.Errorf("peak of %d large pictures waiting; want at most %d", p, maxDrawWaiting)
	}
}

// clientFrom returns a client whose connections start from the loopback
// address ip (Linux routes all of 127.0.0.0/8 to loopback).
func clientFrom(t *testing.T, ip string) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}, Timeout: 5 * time.Second}
	tr := &http.Transport{DialContext: d.DialContext}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Timeout: 30 * time.Second, Transport: tr}
}
