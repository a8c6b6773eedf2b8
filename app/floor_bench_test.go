//go:build !wasm

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The floor under qcmap's start-up times is the smallest go-app page
// (app/internal/minimal: one route, a heading and a button), measured by
// BenchmarkBrowserPage in the same runs, with the same browser, marks and
// visits:
//
//	text-page-visible                    first paint of a 6-byte text file
//	minimal-goapp-visible-cold           its first paint, first visit
//	minimal-goapp-interactive-cold       mounted, first visit
//	minimal-goapp-interactive-warm       mounted, a returning visitor (a new
//	                                     browser on the first one's profile)
//	minimal-goapp-click                  a click on its button to the paragraph
//	                                     it shows, five clicks a run
//	minimal-goapp-click-painted          the same to the end of the frame
//	                                     that shows it (clickTimes)
//	minimal-goapp-offline-interactive    mounted with its server gone
//
// It is a fair floor: its icons are its own files (go-app's default icon
// is a remote URL, which fails the service worker's precache), and each
// turn waits until its service worker keeps app.wasm before the warm visit,
// as qcmap's does. The program is built as app.wasm is (-trimpath
// -ldflags="-s -w") and served by go-app's own handler and loader, which
// sends app.wasm uncompressed: on loopback that costs less than the
// brotli decoding it saves.

// floorPage is the minimal program, built, with the directory it serves.
type floorPage struct{ dir, bin string }

func buildFloor(b *testing.B) *floorPage {
	b.Helper()
	dir := b.TempDir()
	web := filepath.Join(dir, "web")
	if err := os.Mkdir(web, 0o755); err != nil {
		b.Fatal(err)
	}
	files := map[string]string{"hello.txt": "", "icon.png": "../assets/web/icon-192.png", "icon-512.png": "../assets/web/icon-512.png", "icon.svg": "../assets/web/icon.svg"}
	for name, from := range files {
		data := []byte("Hello\n")
		if from != "" {
			var err error
			if data, err = os.ReadFile(from); err != nil {
				b.Fatal(err)
			}
		}
		if err := os.WriteFile(filepath.Join(web, name), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	wasm := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(web, "app.wasm"), "./internal/minimal")
	wasm.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := wasm.CombinedOutput(); err != nil {
		b.Fatalf("building the minimal go-app wasm: %v\n%s", err, out)
	}
	bin := filepath.Join(dir, "minimal")
	if out, err := exec.Command("go", "build", "-trimpath", "-o", bin, "./internal/minimal").CombinedOutput(); err != nil {
		b.Fatalf("building the minimal go-app server: %v\n%s", err, out)
	}
	return &floorPage{dir: dir, bin: bin}
}

// start serves the minimal page on a loopback port, its log named name,
// and returns the server and its base URL once it answers.
func (f *floorPage) start(b *testing.B, name string) (*loadProc, string) {
	addr := freeAddr(b)
	cmd := exec.Command(f.bin, "-addr", addr)
	cmd.Dir = f.dir
	srv := startLoadProc(b, f.dir, name, cmd)
	base := "http://" + addr
	waitLoadUp(b, srv, base+"/web/hello.txt")
	return srv, base
}

// run is one turn of the minimal page's visits, as qcmapRun makes qcmap's.
func (f *floorPage) run(b *testing.B, runs *pageRuns) {
	srv, base := f.start(b, "minimal-"+strconv.Itoa(len(runs.xs["minimal-goapp-interactive-cold"])))
	servedBefore(b, base+"/")
	profile := b.TempDir()

	br := newBrowserProfile(b, 1440, 900, "fr-CA", profile)
	br.do("opening a text file", chromedp.Navigate(base+"/web/hello.txt"))
	br.waitFor("the text file's first paint", `performance.getEntriesByName("first-contentful-paint").length > 0`)
	runs.add("text-page-visible", perfMark(br, "first-contentful-paint"))
	br.open(base + "/")
	runs.add("minimal-goapp-visible-cold", perfMark(br, "first-contentful-paint"))
	runs.add("minimal-goapp-interactive-cold", perfMark(br, "qcmap-interactive"))
	workerKeeps(br, "/web/app.wasm")
	br.close()

	br = newBrowserProfile(b, 1440, 900, "fr-CA", profile)
	br.do("opening a text file", chromedp.Navigate(base+"/web/hello.txt"))
	br.open(base + "/")
	runs.add("minimal-goapp-interactive-warm", perfMark(br, "qcmap-interactive"))
	for i := range 5 {
		c := clickToShow(br, 2*i+1)
		runs.add("minimal-goapp-click", c.Shown)
		runs.add("minimal-goapp-click-painted", c.Painted)
		clickToShow(br, 2*i+2) // hides it again
	}

	srv.stop()
	br.open(base + "/")
	runs.add("minimal-goapp-offline-interactive", perfMark(br, "qcmap-interactive"))
	br.close()
}

// stop ends the process's group and waits for it.
func (p *loadProc) stop() {
	syscall.Kill(-p.pid, syscall.SIGTERM)
	select {
	case <-p.exited:
	case <-time.After(5 * time.Second):
		syscall.Kill(-p.pid, syscall.SIGKILL)
		<-p.exited
	}
}

// clickToShow clicks the minimal page's button for the n-th time and
// returns the milliseconds until the frame after the page shows that click
// (its paragraph in, or out on even clicks), as clickToPanel does.
func clickToShow(br *browser, n int) clickTimes {
	seen := `!document.querySelector("p[data-panel]")`
	if n%2 == 1 {
		seen = `document.querySelector('p[data-panel="` + strconv.Itoa(n) + `"]')`
	}
	return clickUntil(br, `document.getElementById("toggle")`, seen)
}
