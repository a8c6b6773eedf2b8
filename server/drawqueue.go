package server

import (
	"context"
	"errors"
	"runtime"
	"sync/atomic"

	"qcmap/geo/carto"
)

// costUnit is the pixels of a picture that costs one token of the image
// rate limit: the default 1920×1080. A picture costs its pixels in these
// units, and at least one (drawing has a fixed cost too): a 4096×4096 PNG
// costs about 8.
const costUnit = 1920 * 1080

// drawCost returns the tokens drawing p takes from its client's budget.
func drawCost(p carto.Params) float64 {
	return max(1, float64(p.Width)*float64(p.Height)/costUnit)
}

// maxDrawWaiting is how many pictures may wait for a drawing slot, in
// each lane; the ones past it are answered 503 at once rather than pile up
// in memory.
const maxDrawWaiting = 4

// The two lanes pictures are drawn in. A large picture (more than one
// unit of cost, 1920×1080) is drawn one at a time: a 4096×4096 PNG holds
// about 200 MB while it is drawn, so that the server's memory stays
// bounded whoever asks. The others have a lane of their own, as many at
// once as there are cores (at most 4), so that a flood of large pictures,
// from however many addresses, never makes a small one wait behind them
// or be refused.
var (
	drawingLarge = newDrawQueue(1, maxDrawWaiting)
	drawingSmall = newDrawQueue(min(runtime.GOMAXPROCS(0), 4), maxDrawWaiting)
)

// drawLane returns the lane a picture of cost is drawn in.
func drawLane(cost float64) *drawQueue {
	if cost > 1 {
		return drawingLarge
	}
	return drawingSmall
}

// errBusy is the answer of drawQueue.acquire when too many wait already.
var errBusy = errors.New("server: too many pictures waiting to be drawn")

// drawQueue is a semaphore of slots with a bounded number of waiters.
type drawQueue struct {
	slots   chan struct{}
	waiting atomic.Int32
	maxWait int32
	peak    atomic.Int32 // the most that have waited at once, for tests
}

func newDrawQueue(slots, maxWait int) *drawQueue {
	return &drawQueue{slots: make(chan struct{}, slots), maxWait: int32(maxWait)}
}

// acquire takes a slot, waiting for one only if fewer than maxWait wait
// already (else errBusy), and only as long as ctx lives (else its error).
func (q *drawQueue) acquire(ctx context.Context) error {
	select {
	case q.slots <- struct{}{}:
		return nil
	default:
	}
	n := q.waiting.Add(1)
	defer q.waiting.Add(-1)
	if n > q.maxWait {
		return errBusy
	}
	for {
		p := q.peak.Load()
		if n <= p || q.peak.CompareAndSwap(p, n) {
			break
		}
	}
	select {
	case q.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// release gives back a slot taken by acquire.
func (q *drawQueue) release() { <-q.slots }
