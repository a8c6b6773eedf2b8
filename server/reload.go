package server

import (
	"context"
	"crypto/sha256"
	"io"
	"os"
	"time"

	"qcmap"
)

// WatchFile reloads the dataset from path whenever reload receives a value
// (the caller sends one on SIGHUP), at once, or when the file's content
// changes. The poller compares a sha256 of the content, not its size and
// modification time, which a same-length edit may leave as they were; and it
// loads a new content only once it has read the same hash on two polls in a
// row, so that a file being written in place is not loaded half done. A file
// that fails to load is rejected: its errors are logged and the last good data
// keeps being served. WatchFile returns when ctx is done.
func (s *Server) WatchFile(ctx context.Context, path string, reload <-chan os.Signal, poll time.Duration) {
	w := settle{loaded: contentHash(path)}
	tick := time.NewTicker(poll)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-reload:
			w = settle{loaded: contentHash(path)}
			s.reload(path, "signal")
		case <-tick.C:
			if w.poll(contentHash(path)) {
				s.reload(path, "file changed")
			}
		}
	}
}

// settle decides when a polled file has changed and stopped changing.
type settle struct {
	loaded fileHash // what was last loaded, or tried
	seen   fileHash // what the last poll read, when it differs from loaded
}

// poll takes the hash read by one poll and reports whether to load the file:
// when it differs from what was loaded and the previous poll read it too.
func (w *settle) poll(cur fileHash) bool {
	switch {
	case cur == w.loaded:
		w.seen = fileHash{}
		return false
	case cur != w.seen:
		w.seen = cur // changed: wait one more poll for it to settle
		return false
	}
	w.loaded, w.seen = cur, fileHash{}
	return true
}

// reload loads path and swaps it in if it is valid.
func (s *Server) reload(path, why string) {
	d, err := qcmap.LoadFile(path)
	if err != nil {
		s.log().Error("data reload rejected; still serving the previous data", "file", path, "why", why, "errors", err.Error())
		return
	}
	s.SetData(d)
	if s.OnChange != nil {
		s.OnChange()
	}
	s.log().Info("data reloaded", "file", path, "why", why, "jurisdictions", len(d.Jurisdictions), "agreements", len(d.Agreements))
}

// fileHash is the sha256 of a file's content; missing marks a file that
// could not be read, so that a removal is a change too.
type fileHash struct {
	sum     [sha256.Size]byte
	missing bool
}

func contentHash(path string) fileHash {
	f, err := os.Open(path)
	if err != nil {
		return fileHash{missing: true}
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return fileHash{missing: true}
	}
	var fh fileHash
	h.Sum(fh.sum[:0])
	return fh
}
