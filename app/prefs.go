package main

import (
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"qcmap/geo/carto"
)

// The language and the theme a person chose are remembered in the
// browser's localStorage, so the next visit opens the same way.
const (
	langKey  = "qcmap.lang"
	themeKey = "qcmap.theme"
)

// rememberLang stores the language when the URL names one (?lang=fr or
// ?lang=en): following a language switch is a choice.
func rememberLang(ctx app.Context, u *url.URL) {
	if l := carto.Lenient(u.Query(), nil).Lang; app.IsClient && l != "" {
		ctx.LocalStorage().Set(langKey, l)
	}
}

// preferredLang is the language for a URL that names none: the one chosen
// before, else on a first visit the browser's (English for any en-*), else
// French.
func preferredLang(ctx app.Context, u *url.URL) string {
	if l := carto.Lenient(u.Query(), nil).Lang; l != "" || !app.IsClient {
		return langOf(u)
	}
	var stored string
	if err := ctx.LocalStorage().Get(langKey, &stored); err == nil && (stored == langFR || stored == langEN) {
		return stored
	}
	if nav := app.Window().Get("navigator").Get("language"); nav.Truthy() && strings.HasPrefix(strings.ToLower(nav.String()), "en") {
		return langEN
	}
	return langFR
}

// storedTheme is the theme chosen with the toggle ("light", "dark"), or ""
// to follow the system.
func storedTheme(ctx app.Context) string {
	var th string
	if app.IsClient {
		if err := ctx.LocalStorage().Get(themeKey, &th); err != nil {
			return ""
		}
	}
	if th != "light" && th != "dark" {
		return ""
	}
	return th
}

// isDark reports whether the page shows dark: the theme chosen, else the
// system's preference.
func isDark(theme string) bool {
	switch theme {
	case "dark":
		return true
	case "light":
		return false
	}
	if !app.IsClient {
		return false
	}
	mq := app.Window().Call("matchMedia", "(prefers-color-scheme: dark)")
	return mq.Truthy() && mq.Get("matches").Bool()
}

// flipTheme returns the theme other than the one shown and remembers it.
func flipTheme(ctx app.Context, theme string) string {
	next := "dark"
	if isDark(theme) {
		next = "light"
	}
	ctx.LocalStorage().Set(themeKey, next)
	return next
}
