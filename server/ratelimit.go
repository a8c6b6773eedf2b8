package server

import (
	"math"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Drawing a map image costs tens of milliseconds of CPU, so each client
// may have only so many drawn: a token bucket per client, refilled at a
// steady rate. Images served from the cache or answered with 304 cost no
// token. The bucket is written here rather than taken from
// golang.org/x/time/rate, which the module does not depend on: a few lines
// do, and they also bound the memory per client (see sweep).

// Default budget of images drawn per client.
const (
	DefaultImageRate  = 2  // per second
	defaultImageBurst = 10 // drawn at once after a rest
)

// maxClients bounds the buckets kept; see sweep.
const maxClients = 10000

// rateLimiter is a token bucket per client key. The zero value is ready.
type rateLimiter struct {
	mu        sync.Mutex
	buckets   map[string]*bucket
	lastSweep time.Time
}

type bucket struct {
	tokens float64
	last   time.Time // when tokens was counted
}

// allow takes a token from key's bucket at now, with rate tokens a second
// and burst at most; zero rate or burst take the defaults, and a negative
// rate allows everything. If the bucket is empty it returns false and how
// long until a token is back.
func (l *rateLimiter) allow(key string, now time.Time, rate float64, burst int) (wait time.Duration, ok bool) {
	return l.allowN(key, now, rate, burst, 1)
}

// allowN is allow for a request that costs cost tokens (at most the burst,
// so that any request can pass after a rest).
func (l *rateLimiter) allowN(key string, now time.Time, rate float64, burst int, cost float64) (wait time.Duration, ok bool) {
	if rate < 0 {
		return 0, true
	}
	if rate == 0 {
		rate = DefaultImageRate
	}
	if burst <= 0 {
		burst = defaultImageBurst
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.buckets == nil {
		l.buckets = map[string]*bucket{}
	}
	l.sweep(now, float64(burst)/rate)
	b, found := l.buckets[key]
	if !found {
		b = &bucket{tokens: float64(burst), last: now}
		l.buckets[key] = b
	}
	if elapsed := now.Sub(b.last).Seconds(); elapsed > 0 {
		b.tokens = math.Min(float64(burst), b.tokens+elapsed*rate)
		b.last = now
	}
	cost = min(cost, float64(burst))
	if b.tokens < cost {
		return time.Duration((cost - b.tokens) / rate * float64(time.Second)), false
	}
	b.tokens -= cost
	return 0, true
}

// sweep forgets the buckets idle for longer than refill seconds, at most
// once a minute or whenever there are too many: they are full again, the
// same as no bucket. If a flood of clients still leaves too many, it drops
// arbitrary ones down to half the bound, which only lets those start
// afresh, and leaves room for many clients before the next sweep (so a
// flood costs no sweep per request). It must be called with mu held.
func (l *rateLimiter) sweep(now time.Time, refill float64) {
	if now.Sub(l.lastSweep) < time.Minute && len(l.buckets) < maxClients {
		return
	}
	l.lastSweep = now
	idle := time.Duration(refill * float64(time.Second))
	for k, b := range l.buckets {
		if now.Sub(b.last) > idle {
			delete(l.buckets, k)
		}
	}
	if len(l.buckets) < maxClients {
		return
	}
	for k := range l.buckets {
		if len(l.buckets) <= maxClients/2 {
			break
		}
		delete(l.buckets, k)
	}
}

// clientOf returns the key the rate limit counts a request under: the
// client's IP address, or for IPv6 its /64, which one subscriber usually
// holds whole. X-Forwarded-For is believed only when TrustProxy is set, and
// then only its last address, the one the proxy itself appended: the ones
// before it are whatever the client sent.
func (s *Server) clientOf(r *http.Request) string {
	if s.TrustProxy {
		if xff := r.Header.Values("X-Forwarded-For"); len(xff) > 0 {
			last := xff[len(xff)-1]
			if i := strings.LastIndexByte(last, ','); i >= 0 {
				last = last[i+1:]
			}
			if ip := net.ParseIP(strings.TrimSpace(last)); ip != nil {
				return clientKey(ip)
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if ip := net.ParseIP(host); ip != nil {
		return clientKey(ip)
	}
	return host
}

// clientKey is an IPv4 address as it is, and an IPv6 address's /64.
func clientKey(ip net.IP) string {
	if ip.To4() != nil {
		return ip.String()
	}
	return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
}
