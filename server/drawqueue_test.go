package server

import (
	"context"
	"fmt"
	"math"
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
	saved := drawing
	drawing = newDrawQueue(1, 2)
	t.Cleanup(func() { drawing = saved })
	if err := drawing.acquire(context.Background()); err != nil {
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
	drawing.release()
	wg.Wait()
	if codes[200] != 2 || codes[503] != n-2 || codes[429] != 0 || retry != n-2 {
		t.Errorf("%d clients, one picture each, all slots taken: %v (%d with Retry-After); want 2 × 200 and %d × 503, each with Retry-After", n, codes, retry, n-2)
	}
	if p := drawing.peak.Load(); p > 2 {
		t.Errorf("peak of %d waiting; want at most 2", p)
	}
}
