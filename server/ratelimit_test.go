package server

import (
	"fmt"
	"net/http/httptest"
	"testing"
	"time"
)

func TestRateLimiter(t *testing.T) {
	var l rateLimiter
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		key      string
		at       time.Duration // after t0
		want     bool
		wantWait time.Duration // when refused
	}{
		{"a", 0, true, 0},
		{"a", 0, true, 0},
		{"a", 0, true, 0},
		{"a", 0, false, 500 * time.Millisecond}, // burst of 3 spent; 2 a second
		{"b", 0, true, 0},                       // another client
		{"a", 250 * time.Millisecond, false, 250 * time.Millisecond},
		{"a", 500 * time.Millisecond, true, 0},
		{"a", 600 * time.Millisecond, false, 400 * time.Millisecond},
		{"a", 10 * time.Second, true, 0}, // refilled to the burst, no more
		{"a", 10 * time.Second, true, 0},
		{"a", 10 * time.Second, true, 0},
		{"a", 10 * time.Second, false, 500 * time.Millisecond},
	}
	for i, tt := range tests {
		wait, ok := l.allow(tt.key, t0.Add(tt.at), 2, 3)
		if ok != tt.want || (!ok && (wait-tt.wantWait).Abs() > time.Millisecond) {
			t.Errorf("step %d: allow(%s, +%v) = %v, %v; want %v, %v", i, tt.key, tt.at, wait, ok, tt.wantWait, tt.want)
		}
	}
}

// TestRateLimiterOff checks that a negative rate, what -image-rate 0 sets,
// allows every request, far past the burst.
func TestRateLimiterOff(t *testing.T) {
	var l rateLimiter
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 100 {
		if wait, ok := l.allow("a", t0, -1, 3); !ok {
			t.Fatalf("request %d: refused (retry in %v); want no limit", i, wait)
		}
	}
}

// TestRateLimiterMemory checks that idle clients are forgotten and that a
// flood of clients keeps the buckets bounded.
func TestRateLimiterMemory(t *testing.T) {
	var l rateLimiter
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 3 * maxClients {
		l.allow(fmt.Sprint("client", i), t0, 2, 10)
	}
	if n := len(l.buckets); n > maxClients {
		t.Errorf("after %d clients: %d buckets; want at most %d", 3*maxClients, n, maxClients)
	}
	l.allow("late", t0.Add(2*time.Minute), 2, 10)
	if n := len(l.buckets); n != 1 {
		t.Errorf("two minutes later: %d buckets; want only the new client's", n)
	}
}

func TestClientOf(t *testing.T) {
	tests := []struct {
		trust  bool
		remote string
		xff    []string
		want   string
	}{
		{false, "192.0.2.1:1234", nil, "192.0.2.1"},
		{false, "192.0.2.1:1234", []string{"203.0.113.9"}, "192.0.2.1"},
		{true, "10.0.0.1:80", []string{"203.0.113.9"}, "203.0.113.9"},
		{true, "10.0.0.1:80", []string{"6.6.6.6, 203.0.113.9"}, "203.0.113.9"},
		{true, "10.0.0.1:80", []string{"6.6.6.6", "203.0.113.9"}, "203.0.113.9"},
		{true, "10.0.0.1:80", []string{"not an address"}, "10.0.0.1"},
		{true, "[2001:db8::1]:443", nil, "2001:db8::/64"},
		{false, "[2001:db8:0:0:ffff::2]:443", nil, "2001:db8::/64"},
		{false, "[2001:db8:0:1::2]:443", nil, "2001:db8:0:1::/64"},
		{true, "10.0.0.1:80", []string{"2001:db8:a:b:c:d:e:f"}, "2001:db8:a:b::/64"},
		{false, "10.0.0.1:80", []string{"2001:db8:a:b:c:d:e:f"}, "10.0.0.1"},
		{false, "[::ffff:192.0.2.7]:80", nil, "192.0.2.7"},
	}
	for _, tt := range tests {
		s := &Server{TrustProxy: tt.trust}
		r := httptest.NewRequest("GET", "/map.png", nil)
		r.RemoteAddr = tt.remote
		for _, v := range tt.xff {
			r.Header.Add("X-Forwarded-For", v)
		}
		if got := s.clientOf(r); got != tt.want {
			t.Errorf("clientOf(trust %v, %s, X-Forwarded-For %q) = %s; want %s", tt.trust, tt.remote, tt.xff, got, tt.want)
		}
	}
}

// TestImageLimitPerIPv6Prefix checks that the addresses of one IPv6 /64
// share one budget, and that another /64 has its own.
func TestImageLimitPerIPv6Prefix(t *testing.T) {
	var l rateLimiter
	s := &Server{}
	now := time.Now()
	key := func(remote string) string {
		r := httptest.NewRequest("GET", "/map.png", nil)
		r.RemoteAddr = remote
		return s.clientOf(r)
	}
	for i := range 3 {
		if _, ok := l.allow(key(fmt.Sprintf("[2001:db8::%x]:1", i+1)), now, 1, 2); ok != (i < 2) {
			t.Errorf("request %d from 2001:db8::/64: allowed %v; want %v", i+1, ok, i < 2)
		}
	}
	if _, ok := l.allow(key("[2001:db8:0:1::1]:1"), now, 1, 2); !ok {
		t.Errorf("first request from 2001:db8:0:1::/64 was refused; want it allowed")
	}
}
