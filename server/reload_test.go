package server

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The data files the reload tests write: the real one, a broken copy and a
// changed copy, told apart by /healthz's dataUpdated.
var (
	realData    = mustRead(realFile)
	badData     = replace(realData, "parties: [US-VT]", "parties: [US-VTT]")
	changedData = replace(realData, `updated: "2019-04-18"`, `updated: "2020-02-29"`)
)

func mustRead(name string) string {
	b, err := os.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func replace(s, old, new string) string {
	if !strings.Contains(s, old) {
		panic("reload_test: " + old + " is not in " + realFile)
	}
	return strings.Replace(s, old, new, 1)
}

// writeFile replaces the file at name in one step, so that the watcher
// never reads half of it.
func writeFile(t *testing.T, name, data string) {
	t.Helper()
	tmp := name + ".tmp"
	if err := os.WriteFile(tmp, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, name); err != nil {
		t.Fatal(err)
	}
}

// watch starts s.WatchFile on name and stops it when the test ends. It
// returns once the watcher runs and has reloaded the file once, so that a
// change the test makes next is seen as one.
func watch(t *testing.T, s *Server, name string, poll time.Duration, log *syncBuffer) chan<- os.Signal {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	reload := make(chan os.Signal)
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.WatchFile(ctx, name, reload, poll)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Error("WatchFile did not return after its context was cancelled")
		}
	})
	reload <- syscall.SIGHUP
	waitFor(t, "the first reload", func() bool { return strings.Contains(log.String(), "data reloaded") })
	return reload
}

// waitFor polls cond until it holds or a few seconds have passed.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// served returns the dataUpdated that /healthz reports and the ETag of
// /api/relations, and checks that Vermont is served with its two agreements.
func served(t *testing.T, s *Server) (updated, etag string) {
	t.Helper()
	h := s.Handler()
	w := do(h, "GET", "/healthz", nil)
	var health struct {
		Updated string `json:"dataUpdated"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &health); err != nil || w.Code != 200 {
		t.Fatalf("GET /healthz = %d %q", w.Code, w.Body)
	}
	w = do(h, "GET", "/api/partners/US-VT", nil)
	var vt PartnerDetail
	if err := json.Unmarshal(w.Body.Bytes(), &vt); err != nil || w.Code != 200 || len(vt.Agreements) != 2 {
		t.Fatalf("GET /api/partners/US-VT = %d %q; want 200 and two agreements", w.Code, w.Body)
	}
	return health.Updated, do(h, "GET", "/api/relations", nil).Header().Get("ETag")
}

func TestWatchFileKeepsLastGoodData(t *testing.T) {
	name := filepath.Join(t.TempDir(), "relations.yaml")
	writeFile(t, name, realData)
	s, log := newTestServer(t)
	watch(t, s, name, 10*time.Millisecond, log)
	updated, etag := served(t, s)
	if updated != "2019-04-18" {
		t.Fatalf("dataUpdated = %q; want 2019-04-18", updated)
	}

	writeFile(t, name, badData)
	waitFor(t, "the bad file to be rejected", func() bool {
		return strings.Contains(log.String(), "data reload rejected")
	})
	if got := log.String(); !strings.Contains(got, `unknown partner \"US-VTT\"`) || !strings.Contains(got, name+":") {
		t.Errorf("log = %q; want the file:line:col of the unknown partner", got)
	}
	if u, e := served(t, s); u != updated || e != etag {
		t.Errorf("after a bad file: dataUpdated, ETag = %q, %q; want the old %q, %q", u, e, updated, etag)
	}

	writeFile(t, name, changedData)
	waitFor(t, "the changed file to be served", func() bool {
		u, _ := served(t, s)
		return u == "2020-02-29"
	})
	if _, e := served(t, s); e == etag {
		t.Errorf("after a good change: ETag of /api/relations = %q; want a new one", e)
	}
	if got := log.String(); !strings.Contains(got, "data reloaded") {
		t.Errorf("log = %q; want data reloaded", got)
	}
}

func TestWatchFileRemoved(t *testing.T) {
	name := filepath.Join(t.TempDir(), "relations.yaml")
	writeFile(t, name, realData)
	s, log := newTestServer(t)
	watch(t, s, name, 10*time.Millisecond, log)
	before := s.Data()

	if err := os.Remove(name); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the missing file to be rejected", func() bool {
		return strings.Contains(log.String(), "data reload rejected")
	})
	if s.Data() != before {
		t.Errorf("after the file was removed, the data changed; want the last good data")
	}
}

// TestWatchFileSignal reloads on a value from the reload channel (SIGHUP in
// the real server) without waiting for the poll.
func TestWatchFileSignal(t *testing.T) {
	name := filepath.Join(t.TempDir(), "relations.yaml")
	writeFile(t, name, realData)
	s, log := newTestServer(t)
	reload := watch(t, s, name, time.Hour, log) // the poll never fires

	tests := []struct {
		name        string
		data        string
		wantUpdated string
		wantLog     string
	}{
		{"bad file", badData, "2019-04-18", "data reload rejected"},
		{"good file", changedData, "2020-02-29", "data reloaded"},
		{"back to the original", realData, "2019-04-18", "data reloaded"},
	}
	for _, tt := range tests {
		writeFile(t, name, tt.data)
		before := strings.Count(log.String(), tt.wantLog)
		reload <- syscall.SIGHUP
		waitFor(t, tt.name+": "+tt.wantLog, func() bool {
			return strings.Count(log.String(), tt.wantLog) > before
		})
		if got, _ := served(t, s); got != tt.wantUpdated {
			t.Errorf("%s: after SIGHUP dataUpdated = %q; want %q", tt.name, got, tt.wantUpdated)
		}
	}
	if got := log.String(); !strings.Contains(got, "why=signal") {
		t.Errorf("log = %q; want why=signal", got)
	}
}

// TestWatchFileTruncated writes the real file cut before each list item, as
// a non-atomic write leaves it, and checks that every cut is rejected and the
// old data keeps being served.
func TestWatchFileTruncated(t *testing.T) {
	name := filepath.Join(t.TempDir(), "relations.yaml")
	writeFile(t, name, realData)
	s, log := newTestServer(t)
	reload := watch(t, s, name, time.Hour, log)
	updated, etag := served(t, s)
	off, cuts := 0, 0
	for i, line := range strings.SplitAfter(realData, "\n") {
		if strings.HasPrefix(strings.TrimLeft(line, " "), "- ") {
			cuts++
			writeFile(t, name, realData[:off])
			before := strings.Count(log.String(), "data reload rejected")
			reload <- syscall.SIGHUP
			waitFor(t, "the cut file to be rejected", func() bool {
				return strings.Count(log.String(), "data reload rejected") > before
			})
			if u, e := served(t, s); u != updated || e != etag {
				t.Errorf("cut before line %d: dataUpdated, ETag = %q, %q; want the old %q, %q", i+1, u, e, updated, etag)
			}
		}
		off += len(line)
	}
	if cuts < 50 {
		t.Errorf("%d cuts; want one per list item", cuts)
	}
}

func TestSettlePoll(t *testing.T) {
	a, b, c := fileHash{sum: [32]byte{1}}, fileHash{sum: [32]byte{2}}, fileHash{sum: [32]byte{3}}
	gone := fileHash{missing: true}
	tests := []struct {
		name  string
		polls []fileHash
		want  []bool
	}{
		{"unchanged", []fileHash{a, a, a}, []bool{false, false, false}},
		{"changed once", []fileHash{b, b, b}, []bool{false, true, false}},
		{"still being written", []fileHash{b, c, b, c, c}, []bool{false, false, false, false, true}},
		{"changed back before settling", []fileHash{b, a, a}, []bool{false, false, false}},
		{"removed", []fileHash{gone, gone}, []bool{false, true}},
	}
	for _, tt := range tests {
		w := settle{loaded: a}
		for i, h := range tt.polls {
			if got := w.poll(h); got != tt.want[i] {
				t.Errorf("%s: poll %d = %v; want %v", tt.name, i+1, got, tt.want[i])
			}
		}
	}
}

// TestWatchFileSameLengthEdit changes the file in place without changing its
// length or, once restored, its modification time: the poller must still see it.
func TestWatchFileSameLengthEdit(t *testing.T) {
	name := filepath.Join(t.TempDir(), "relations.yaml")
	writeFile(t, name, realData)
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	s, log := newTestServer(t)
	watch(t, s, name, 10*time.Millisecond, log)

	edited := replace(realData, `updated: "2019-04-18"`, `updated: "2019-04-19"`)
	if len(edited) != len(realData) {
		t.Fatal("the edit changed the length")
	}
	if err := os.WriteFile(name, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(name, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the same-length edit to be served", func() bool {
		u, _ := served(t, s)
		return u == "2019-04-19"
	})
}
