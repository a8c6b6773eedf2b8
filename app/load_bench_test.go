//go:build !wasm

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// BenchmarkServerLoad measures the qcmap binary under load on loopback,
// side by side with nginx serving the same bytes from disk: wrk with
// loadThreads threads and each target's connections, asking for brotli or gzip,
// loadRounds rounds of loadRound after a warm-up of loadWarmup, per target,
// the rounds on qcmap and on nginx taking turns. It reports the
// requests per second and the 99th percentile latency of each, the ratio to
// nginx where nginx has the same file, and the server's peak RSS at the end.
//
// nginx (the Debian package, with Debian's brotli_static module) runs with
// a config of its own on another loopback port: root the site that
// `qcmap -static` exports, try_files $uri $uri.html, gzip_static and
// brotli_static, sendfile, no access log, a worker per core. The export
// has app.wasm with its .br and .gz siblings, api/partners.json, and the
// pages / and /partners/us-vt (index.html, partners/us-vt.html, rendered
// by the export: the same page, its attributes in another order); where
// it has no file for what the server sends (/map.svg is not exported), the
// benchmark writes the server's own bytes, plain and in the coding it
// chose for "br, gzip" (map.svg, map.svg.br), so that both send the same
// bytes; the log line says so, and flags a target where they differ.
// /map.png has no nginx counterpart. Both /map.* URLs are fixed, so after the first
// request they are served from the server's image cache; the server runs
// with -image-rate 0 all the same.
//
// The binary measured is $QCMAP_BIN if set (an absolute path: make's
// bin/qcmap, say), else one built from this directory into a temp dir.
// Every response must be a 200: a run with a non-2xx response or a socket
// error fails the benchmark. wrk and nginx come from `make bench-deps`;
// without them it skips, or fails when CI is set.
//
// server/benchreport holds the budgets: on static files (app.wasm) and on
// the pages the server does at least 0.8× the requests per second of
// nginx, and a page's 99th percentile is under 50 ms at 64 connections.
// It is a report, not a test: the two share the machine's cores with wrk.
// Beside them it measures, in rounds that take turns with the server's and
// nginx's on /, Go's net/http alone sending the bytes of / (page-floor-rps):
// what the server could do before its kept pages went to fasthttp
// (server/fast.go), and what any net/http server does on the machine.
func BenchmarkServerLoad(b *testing.B) {
	wrk := loadTool(b, "wrk")
	nginx := loadTool(b, "nginx")
	brotliModule := nginxBrotliModule(b, nginx)
	wasmBuilt(b)
	for b.Loop() {
	}

	dir := b.TempDir()
	bin := loadBinary(b, dir)
	dist := filepath.Join(dir, "dist")
	if out, err := exec.Command(bin, "-static", dist).CombinedOutput(); err != nil {
		b.Fatalf("exporting the static site: %v\n%s", err, out)
	}

	qcmapAddr := freeAddr(b)
	srv := startLoadProc(b, dir, "qcmap", exec.Command(bin, "-addr", qcmapAddr, "-image-rate", "0"))
	waitLoadUp(b, srv, "http://"+qcmapAddr+"/healthz")

	// The same bytes for nginx as the server sends, where the export has
	// no file for them.
	supplied := map[string]bool{} // targets whose nginx files are the server's responses
	for _, tg := range loadTargets {
		if tg.file == "" {
			continue
		}
		plain := loadFetch(b, "http://"+qcmapAddr+tg.path, "")
		encoded := loadFetch(b, "http://"+qcmapAddr+tg.path, loadAcceptEncoding)
		if writeIfMissing(b, filepath.Join(dist, tg.file), plain.body) {
			supplied[tg.slug] = true
		}
		if ext := map[string]string{"br": ".br", "gzip": ".gz"}[encoded.encoding]; ext != "" {
			if writeIfMissing(b, filepath.Join(dist, tg.file+ext), encoded.body) {
				supplied[tg.slug] = true
			}
		}
	}

	nginxAddr := freeAddr(b)
	conf := filepath.Join(dir, "nginx.conf")
	if err := os.Mkdir(filepath.Join(dir, "nginx-tmp"), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(conf, []byte(nginxConf(dir, dist, nginxAddr, brotliModule)), 0o644); err != nil {
		b.Fatal(err)
	}
	ngx := startLoadProc(b, dir, "nginx", exec.Command(nginx, "-p", dir, "-c", conf,
		"-e", filepath.Join(dir, "nginx-error.log"), "-g", "daemon off;"))
	waitLoadUp(b, ngx, "http://"+nginxAddr+"/index.html")

	// The floor of the pages: Go's net/http alone, in this process,
	// sending the bytes the server sends for / with their coding; its
	// rounds take turns with the server's and nginx's on /.
	home := loadFetch(b, "http://"+qcmapAddr+"/", loadAcceptEncoding)
	floorAddr := freeAddr(b)
	floor := &http.Server{Addr: floorAddr, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Content-Encoding", home.encoding)
		h.Set("Content-Length", strconv.Itoa(len(home.body)))
		w.Write(home.body)
	})}
	go floor.ListenAndServe()
	b.Cleanup(func() { floor.Close() })
	waitLoadUp(b, &loadProc{name: "floor", exited: make(chan struct{})}, "http://"+floorAddr+"/")
	var floorRun wrkResult

	sent := map[string]loadResponse{}  // what the server sent, by target
	measured := map[string]wrkResult{} // the server's load, by target
	for _, tg := range loadTargets {
		ours := loadFetch(b, "http://"+qcmapAddr+tg.path, loadAcceptEncoding)
		sent[tg.slug] = ours
		line := fmt.Sprintf("%-13s -c%-3d qcmap", tg.slug, tg.conns)
		// Both warm, then rounds that alternate between the two, so that
		// what else the machine does weighs on both alike.
		urls := []string{"http://" + qcmapAddr + tg.path}
		if tg.file != "" {
			urls = append(urls, "http://"+nginxAddr+tg.file)
		}
		if tg.slug == "page-home" {
			urls = append(urls, "http://"+floorAddr+"/")
		}
		for _, u := range urls {
			runWrk(b, wrk, u, loadWarmup, tg.conns)
		}
		rounds := make([][]wrkResult, len(urls))
		for range loadRounds {
			for i, u := range urls {
				rounds[i] = append(rounds[i], runWrk(b, wrk, u, loadRound, tg.conns))
			}
		}
		q := combineWrk(rounds[0])
		measured[tg.slug] = q
		if tg.slug == "page-home" {
			floorRun = combineWrk(rounds[len(urls)-1])
		}
		b.ReportMetric(q.rps, tg.slug+"-rps")
		b.ReportMetric(q.p99ms, tg.slug+"-p99-ms")
		line += fmt.Sprintf(" %6.0f req/s %v p99 %6.1f ms (%s)", q.rps, q.rounds, q.p99ms, ours.describe())
		if tg.file != "" {
			theirs := loadFetch(b, "http://"+nginxAddr+tg.file, loadAcceptEncoding)
			n := combineWrk(rounds[1])
			ratio := q.rps / n.rps
			b.ReportMetric(n.rps, tg.slug+"-nginx-rps")
			b.ReportMetric(n.p99ms, tg.slug+"-nginx-p99-ms")
			b.ReportMetric(ratio, tg.slug+"-vs-nginx")
			line += fmt.Sprintf(" | nginx %6.0f req/s %v p99 %6.1f ms (%s) | %.2f× nginx",
				n.rps, n.rounds, n.p99ms, theirs.describe(), ratio)
			if supplied[tg.slug] {
				line += " [nginx's file: the server's response, not in the export]"
			}
			if !bytes.Equal(ours.body, theirs.body) {
				line += " [NOT THE SAME BYTES]"
			}
		}
		b.Log(line)
	}

	f := floorRun
	b.ReportMetric(f.rps, "page-floor-rps")
	b.ReportMetric(f.p99ms, "page-floor-p99-ms")
	b.ReportMetric(measured["page-home"].rps/f.rps, "page-home-vs-floor")
	b.Logf("%-13s -c%-3d Go's net/http alone, the bytes of / %6.0f req/s %v p99 %6.1f ms | / does %.2f× it",
		"page-floor", loadPageConns, f.rps, f.rounds, f.p99ms, measured["page-home"].rps/f.rps)

	rss := peakRSS(b, srv.pid)
	b.ReportMetric(rss, "server-peak-rss-mb")
	b.ReportMetric(0, "ns/op") // one pass, timed by wrk: no meaningful ns/op
	b.Logf("qcmap peak RSS (VmHWM) after the load: %.1f MB", rss)
}

// The load: wrk's threads, the connections of the files' targets and of
// the pages' (the wrk -c64), and how long it runs: shorter than
// the issue's -d20s, in rounds that take turns with nginx's.
const (
	loadThreads        = 2
	loadConns          = 16
	loadPageConns      = 64
	loadWarmup         = time.Second
	loadRounds         = 3
	loadRound          = 2 * time.Second // wrk takes whole seconds
	loadAcceptEncoding = "br, gzip"
)

// loadTargets are the URLs measured; file is what nginx serves for it (a
// path under the exported site), empty for none, and conns wrk's
// connections.
var loadTargets = []struct {
	slug, path, file string
	conns            int
}{
	{"api-partners", "/api/partners", "/api/partners.json", loadConns},
	{"app-wasm-br", "/web/app.wasm", "/web/app.wasm", loadConns},
	{"map-svg", "/map.svg", "/map.svg", loadConns},
	{"map-png", "/map.png", "", loadConns},
	{"page-home", "/", "/index.html", loadPageConns},
	{"page-us-vt", "/partners/us-vt", "/partners/us-vt.html", loadPageConns},
}

// loadTool returns the path of a program the benchmark needs, or stops it:
// skipped outside CI, failed in CI.
func loadTool(b *testing.B, name string) string {
	b.Helper()
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	if p := "/usr/sbin/" + name; name == "nginx" {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		b.Fatalf("%s is not installed; `make bench-deps` installs it (apt-get install wrk nginx libnginx-mod-http-brotli-static)", name)
	}
	b.Skipf("%s is not installed; run `make bench-deps` to install it", name)
	return ""
}

// nginxBrotliModule returns the path of Debian's brotli_static module, in
// the modules directory nginx was built with.
func nginxBrotliModule(b *testing.B, nginx string) string {
	b.Helper()
	out, _ := exec.Command(nginx, "-V").CombinedOutput()
	dir := "/usr/lib/nginx/modules"
	if m := regexp.MustCompile(`--modules-path=(\S+)`).FindSubmatch(out); m != nil {
		dir = string(m[1])
	}
	p := filepath.Join(dir, "ngx_http_brotli_static_module.so")
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			b.Fatalf("nginx's brotli_static module is not installed (%v); `make bench-deps` installs it (apt-get install libnginx-mod-http-brotli-static)", err)
		}
		b.Skip("nginx's brotli_static module is not installed; run `make bench-deps` to install it")
	}
	return p
}

// nginxConf is the config of the reference nginx: everything under dir.
func nginxConf(dir, root, addr, brotliModule string) string {
	user := ""
	if os.Geteuid() == 0 {
		user = "user root;" // the workers read the test's private temp dir
	}
	tmp := filepath.Join(dir, "nginx-tmp")
	return fmt.Sprintf(`load_module %s;
%s
worker_processes %d;
pid %s;
error_log %s warn;
events { worker_connections 1024; }
http {
	types {
		text/html html;
		text/css css;
		application/javascript js;
		application/json json;
		application/manifest+json webmanifest;
		application/wasm wasm;
		image/svg+xml svg;
		image/png png;
	}
	default_type application/octet-stream;
	access_log off;
	sendfile on;
	tcp_nopush on;
	keepalive_requests 1000000;
	client_body_temp_path %[6]s/body;
	proxy_temp_path %[6]s/proxy;
	fastcgi_temp_path %[6]s/fastcgi;
	uwsgi_temp_path %[6]s/uwsgi;
	scgi_temp_path %[6]s/scgi;
	server {
		listen %s;
		root %s;
		gzip_static on;
		brotli_static on;
		location / { try_files $uri $uri.html =404; }
	}
}
`, brotliModule, user, runtime.NumCPU(), filepath.Join(dir, "nginx.pid"),
		filepath.Join(dir, "nginx-error.log"), tmp, addr, root)
}

// loadProc is a server the benchmark started.
type loadProc struct {
	name, log string // its name and the file with its output
	pid       int
	exited    chan struct{}
}

// startLoadProc starts cmd in a process group of its own, its output in
// dir/<name>.log, and stops the whole group when the benchmark ends,
// however it ends.
func startLoadProc(b testing.TB, dir, name string, cmd *exec.Cmd) *loadProc {
	b.Helper()
	p := &loadProc{name: name, log: filepath.Join(dir, name+".log"), exited: make(chan struct{})}
	logf, err := os.Create(p.log)
	if err != nil {
		b.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		logf.Close()
		b.Fatalf("starting %s: %v", name, err)
	}
	p.pid = cmd.Process.Pid
	go func() {
		cmd.Wait()
		logf.Close()
		close(p.exited)
	}()
	b.Cleanup(p.stop) // the group: nginx's workers too
	return p
}

// waitLoadUp waits until url answers 200, failing with the process's log
// if it exits first or takes more than 30 s.
func waitLoadUp(b testing.TB, p *loadProc, url string) {
	b.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		select {
		case <-p.exited:
			deadline = time.Time{}
		case <-time.After(50 * time.Millisecond):
		}
	}
	log, _ := os.ReadFile(p.log)
	if p.name == "nginx" {
		elog, _ := os.ReadFile(filepath.Join(filepath.Dir(p.log), "nginx-error.log"))
		log = append(log, elog...)
	}
	b.Fatalf("%s did not answer %s with 200 within 30 s; its log:\n%s", p.name, url, log)
}

// loadResponse is one response read in full, as sent (no decompression).
type loadResponse struct {
	encoding string
	body     []byte
}

func (r loadResponse) describe() string {
	enc := r.encoding
	if enc == "" {
		enc = "identity"
	}
	return fmt.Sprintf("%s, %s", enc, loadSize(len(r.body)))
}

func loadSize(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.2f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

var loadClient = &http.Client{
	Timeout:   30 * time.Second,
	Transport: &http.Transport{DisableCompression: true},
}

// loadFetch gets url with Accept-Encoding acceptEncoding, and requires a 200.
func loadFetch(b *testing.B, url, acceptEncoding string) loadResponse {
	b.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		b.Fatal(err)
	}
	if acceptEncoding != "" {
		req.Header.Set("Accept-Encoding", acceptEncoding)
	}
	resp, err := loadClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		b.Fatalf("GET %s: %v", url, err)
	}
	if resp.StatusCode != http.StatusOK {
		b.Fatalf("GET %s: status %d: %.200s", url, resp.StatusCode, body)
	}
	return loadResponse{resp.Header.Get("Content-Encoding"), body}
}

// writeIfMissing writes file unless it exists, and reports whether it did.
func writeIfMissing(b *testing.B, file string, data []byte) bool {
	b.Helper()
	if _, err := os.Stat(file); err == nil {
		return false
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		b.Fatal(err)
	}
	return true
}

// peakRSS returns the process's peak resident set (VmHWM), in MB.
func peakRSS(b *testing.B, pid int) float64 {
	b.Helper()
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			if err != nil {
				b.Fatalf("VmHWM %q: %v", rest, err)
			}
			return kb / 1024
		}
	}
	b.Fatalf("no VmHWM in /proc/%d/status", pid)
	return 0
}
