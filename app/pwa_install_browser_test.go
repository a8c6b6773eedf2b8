//go:build !wasm

package main

import (
	"bytes"
	"encoding/json"
	"image"
	_ "image/png"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// pwaManifest is the part of the web app manifest that installing uses.
type pwaManifest struct {
	Name        string `json:"name"`
	ShortName   string `json:"short_name"`
	Description string `json:"description"`
	StartURL    string `json:"start_url"`
	Scope       string `json:"scope"`
	Display     string `json:"display"`
	Icons       []struct {
		Src     string `json:"src"`
		Type    string `json:"type"`
		Sizes   string `json:"sizes"`
		Purpose string `json:"purpose"`
	} `json:"icons"`
}

// TestInstallable checks that Chromium finds qcmap installable from its
// pages, and that the manifest names it in both languages with local icons.
func TestInstallable(t *testing.T) {
	srv, err := newServer("")
	if err != nil {
		t.Fatal(err)
	}
	s := newPWAServer(t, srv.Handler())

	for _, tc := range []struct{ name, path string }{
		{"map", "/"},
		{"partner", "/partners/us-vt"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newBrowser(t, 1280, 900)
			b.open(s.url() + tc.path)
			pwaWaitCached(b)
			res, err := chromedp.Call(b.ctx, page.GetInstallabilityErrors, cdp.Empty{})
			if err != nil {
				t.Fatalf("Page.getInstallabilityErrors: %v", err)
			}
			for _, e := range res.InstallabilityErrors {
				var args []string
				for _, a := range e.ErrorArguments {
					args = append(args, a.Name+"="+a.Value)
				}
				t.Errorf("installability error %s %v", e.ErrorID, args)
			}
			b.noErrors()
		})
	}

	_, body := s.get("/manifest.webmanifest")
	var m pwaManifest
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("decoding the manifest: %v\n%s", err, body)
	}
	if m.Display != "standalone" {
		t.Errorf("manifest display = %q; want standalone", m.Display)
	}
	for _, lang := range []string{langFR, langEN} {
		if want := pwaT(lang, "app.title"); !strings.Contains(m.Name, want) {
			t.Errorf("manifest name = %q; want it to hold the %s title %q", m.Name, lang, want)
		}
		if want := pwaT(lang, "app.description"); !strings.Contains(m.Description, want) {
			t.Errorf("manifest description = %q; want it to hold the %s description %q", m.Description, lang, want)
		}
	}
	if m.ShortName == "" {
		t.Error("manifest short_name is empty")
	}

	// Each icon is served from the site itself, is of the type it claims,
	// and a PNG has the size it claims.
	var png192, png512, svg, maskable bool
	for _, ic := range m.Icons {
		if !strings.HasPrefix(ic.Src, "/") || strings.HasPrefix(ic.Src, "//") {
			t.Errorf("icon %q is not a path on the site", ic.Src)
			continue
		}
		res, data := s.get(ic.Src)
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, ic.Type) {
			t.Errorf("icon %s is served as %q; the manifest says %q", ic.Src, ct, ic.Type)
		}
		switch ic.Type {
		case "image/png":
			cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
			if err != nil {
				t.Errorf("icon %s: %v", ic.Src, err)
				continue
			}
			if got := strconv.Itoa(cfg.Width) + "x" + strconv.Itoa(cfg.Height); got != ic.Sizes {
				t.Errorf("icon %s is %s; the manifest says %s", ic.Src, got, ic.Sizes)
			}
			maskable = maskable || strings.Contains(ic.Purpose, "maskable")
			if !strings.Contains(ic.Purpose, "maskable") {
				png192 = png192 || ic.Sizes == "192x192"
				png512 = png512 || ic.Sizes == "512x512"
			}
		case "image/svg+xml":
			svg = true
			if !bytes.Contains(data, []byte("<svg")) {
				t.Errorf("icon %s is no SVG", ic.Src)
			}
		}
	}
	for _, c := range []struct {
		what string
		ok   bool
	}{{"a 192×192 PNG", png192}, {"a 512×512 PNG", png512}, {"an SVG", svg}, {"a maskable icon", maskable}} {
		if !c.ok {
			t.Errorf("the manifest has no %s; icons: %+v", c.what, m.Icons)
		}
	}
}
