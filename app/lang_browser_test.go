//go:build !wasm

package main

import (
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// recordFirstLang is run before the page's scripts: it keeps the page's
// language and title as the server sent them, before app.wasm runs.
const recordFirstLang = `document.addEventListener("DOMContentLoaded", () => {
	window.qcmapFirstLang = document.documentElement.lang + " " + document.querySelector(".brand").textContent;
});`

// TestBrowserLanguageChoice checks French by default, the browser's
// language on a first visit (in the page the server sends, so the first
// paint is in it, and after the mount), and that a chosen language is
// remembered.
func TestBrowserLanguageChoice(t *testing.T) {
	base := startApp(t)

	b := newBrowserLang(t, 1280, 800, "en-US")
	if _, err := chromedp.Call(b.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: recordFirstLang}); err != nil {
		t.Fatal(err)
	}
	b.open(base + "/")
	if got := eval[string](b, `window.qcmapFirstLang`); got != "en Québec's bilateral relations" {
		t.Errorf("the page as sent to an English browser: %q; want it in English", got)
	}
	b.waitFor("English for an English browser", `document.documentElement.lang === "en" && document.querySelector(".brand").textContent === "Québec's bilateral relations"`)
	b.waitFor("the map drawn in English", `document.querySelector('.markers [data-id="BE-VLG"]').getAttribute("aria-label") === "Flanders"`)

	// Choosing French is remembered over the browser's language.
	b.open(base + "/?lang=fr")
	b.open(base + "/list")
	if got := eval[string](b, `document.documentElement.lang`); got != "fr" {
		t.Errorf("after choosing French, <html lang> on /list = %q; want fr", got)
	}
	// A name in the other language carries its own lang (WCAG 3.1.2).
	if got := eval[string](b, `document.querySelector('article[data-id="BE-VLG"] .other-name').lang`); got != "en" {
		t.Errorf("Flanders' English name has lang %q; want en", got)
	}
	b.noErrors()

	fr := newBrowser(t, 1280, 800)
	if _, err := chromedp.Call(fr.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: recordFirstLang}); err != nil {
		t.Fatal(err)
	}
	fr.open(base + "/")
	if got := eval[string](fr, `window.qcmapFirstLang`); got != "fr Relations bilatérales du Québec" {
		t.Errorf("the page as sent to a French browser: %q; want it in French", got)
	}
	if got := eval[string](fr, `document.documentElement.lang`); got != "fr" {
		t.Errorf("<html lang> for a French browser = %q; want fr", got)
	}
	fr.noErrors()
}
