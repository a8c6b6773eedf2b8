// Command precompress writes F.br (brotli, quality 11) and F.gz (gzip, best
// compression) beside each compressible file F (by compress.ByExt, the rule
// the server and the static export use too) of a directory tree, for the
// server to send as they are instead of compressing on demand. An output is
// kept only when smaller than F, and a file whose outputs are newer than it
// is skipped. The Makefile runs it after building app.wasm:
//
//	go run ./assets/precompress assets/web
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"qcmap/assets/compress"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: precompress DIR")
		os.Exit(2)
	}
	start := time.Now()
	var files []string
	err := filepath.WalkDir(os.Args[1], func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && compress.ByExt(p) {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "precompress:", err)
		os.Exit(1)
	}
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		failed bool
		wrote  []string
	)
	for _, f := range files {
		for _, coding := range compress.Codings {
			wg.Add(1)
			go func() {
				defer wg.Done()
				did, err := write(f, coding)
				mu.Lock()
				defer mu.Unlock()
				if err != nil {
					fmt.Fprintln(os.Stderr, "precompress:", err)
					failed = true
				} else if did != "" {
					wrote = append(wrote, did)
				}
			}()
		}
	}
	wg.Wait()
	if failed {
		os.Exit(1)
	}
	if len(wrote) > 0 {
		fmt.Printf("precompress: %s in %.1fs\n", strings.Join(wrote, ", "), time.Since(start).Seconds())
	}
}

// write makes src's form in coding (src.br, src.gz) unless it is newer than
// src already. It returns what it did, for the log, or "" when there was
// nothing to do.
func write(src, coding string) (string, error) {
	out := src + compress.Ext(coding)
	fi, err := os.Stat(src)
	if err != nil {
		return "", err
	}
	if o, err := os.Stat(out); err == nil && !o.ModTime().Before(fi.ModTime()) {
		return "", nil // up to date
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return "", err
	}
	z, err := compress.Best(coding, data)
	if err != nil {
		return "", fmt.Errorf("%s: %w", out, err)
	}
	if len(z) >= len(data) {
		// Not worth it: the server sends src as it is. An old output
		// would be stale now.
		if err := os.Remove(out); err != nil && !os.IsNotExist(err) {
			return "", err
		}
		return "", nil
	}
	// Write beside, then rename, so that a build never embeds half a file.
	tmp := out + ".tmp"
	if err := os.WriteFile(tmp, z, 0o644); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, out); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s %d → %d bytes", filepath.Base(out), len(data), len(z)), nil
}
