package main

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// pageHeader is the bar at the top of the map and the list, built as the
// design system's qc-piv-header is, without the government's signature
// (only a public body may show it): the "skip to content" link first, then
// the piv-top row with the site's title on the left and the links on the
// right (the views, the theme and the language, which keeps the current
// URL), and between them, on the map, the search. Its height at each size
// class is carto.SizeClasses' Header.
func pageHeader(lang, skipTo, skipText string, search app.UI, links ...app.UI) app.UI {
	return app.Header().Class("topbar qc-piv-header").Body(
		app.Div().Class("go-to-content").Body(
			app.A().Class("skip-link").Href(skipTo).Text(skipText),
		),
		app.Div().Class("piv-top").Body(
			app.Div().Class("title").Body(
				app.A().Class("brand page-title").Href(homeURL(lang)).Text(t(lang, "app.title")),
			),
			search,
			app.Div().Class("right-section").Body(
				app.Nav().Class("lang links").Aria("label", t(lang, "nav.label")).Body(links...),
			),
		),
	)
}

// langLink is the link to the same page in the other language.
func langLink(lang, url string) app.UI {
	other := otherLang(lang)
	return app.A().Class("lang-link").Href(langSwitchURL(url, lang)).Lang(other).Attr("hreflang", other).Text(t(lang, "lang.switch"))
}
