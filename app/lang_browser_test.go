//go:build !wasm

package main

import "testing"

// TestBrowserLanguageChoice checks French by default, the browser's
// language on a first visit, and that a chosen language is remembered.
func TestBrowserLanguageChoice(t *testing.T) {
	base := startApp(t)

	b := newBrowserLang(t, 1280, 800, "en-US")
	b.open(base + "/")
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
	fr.open(base + "/")
	if got := eval[string](fr, `document.documentElement.lang`); got != "fr" {
		t.Errorf("<html lang> for a French browser = %q; want fr", got)
	}
	fr.noErrors()
}
