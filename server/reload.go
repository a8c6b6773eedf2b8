package server

import (
	"context"
	"os"
	"time"

	"qcmap"
)

// WatchFile reloads the dataset from path whenever reload receives a value
// (the caller sends one on SIGHUP) or the file's size or modification time
// changes (checked every poll). A file that fails to load is rejected: its
// errors are logged and the last good data keeps being served. WatchFile
// returns when ctx is done.
func (s *Server) WatchFile(ctx context.Context, path string, reload <-chan os.Signal, poll time.Duration) {
	last := stat(path)
	tick := time.NewTicker(poll)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-reload:
			last = stat(path)
			s.reload(path, "signal")
		case <-tick.C:
			if cur := stat(path); cur != last {
				last = cur
				s.reload(path, "file changed")
			}
		}
	}
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

type fileStamp struct {
	size int64
	mod  time.Time
}

func stat(path string) fileStamp {
	fi, err := os.Stat(path)
	if err != nil {
		return fileStamp{}
	}
	return fileStamp{fi.Size(), fi.ModTime()}
}
