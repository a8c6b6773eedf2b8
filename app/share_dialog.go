package main

import (
	"html"
	"math"
	"net/url"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"qcmap"
	"qcmap/geo/carto"
)

// shareDialog gives what a slide deck or a web page needs: the link to the
// current view, an iframe snippet of it (fixed 16:9 or responsive), and the
// current view as SVG or PNG (1×, 2×, 4× of 1920×1080), drawn in the browser
// from the map on screen, so it works offline.
type shareDialog struct {
	app.Compo

	Lang string
	// Theme is "light", "dark" or "" (the system's, drawn light): the
	// export's legend takes its palette.
	Theme string
	// URL is the path and query of the current view ("/partners/us-vt?lang=en").
	URL string

	open       bool
	responsive bool
	status     string
}

const (
	exportW = 1920
	exportH = 1080
)

func (s *shareDialog) Render() app.UI {
	lang := s.Lang
	return app.Div().Class("share").Body(
		app.Button().Type("button").Class("share-open").Aria("haspopup", "dialog").Text(t(lang, "share.open")).OnClick(s.onOpen),
		app.If(s.open, func() app.UI {
			link := origin() + s.URL
			return app.Div().Class("share-backdrop").Body(
				app.Div().Class("share-dialog").Role("dialog").Aria("modal", true).Aria("labelledby", "share-title").Body(
					app.H2().ID("share-title").TabIndex(-1).Text(t(lang, "share.title")),
					app.Label().For("share-link").Text(t(lang, "share.link")),
					app.Div().Class("share-row").Body(
						app.Input().ID("share-link").ReadOnly(true).Value(link),
						app.Button().Type("button").Text(t(lang, "share.copy")).OnClick(s.onCopy("share-link")),
					),
					app.FieldSet().Body(
						app.Legend().Text(t(lang, "share.iframe")),
						app.Label().Body(
							app.Input().Type("radio").Name("share-size").Checked(!s.responsive).OnChange(s.onSize(false)),
							app.Text("\u00a0"+t(lang, "share.fixed")),
						),
						app.Label().Body(
							app.Input().Type("radio").Name("share-size").Checked(s.responsive).OnChange(s.onSize(true)),
							app.Text("\u00a0"+t(lang, "share.responsive")),
						),
						app.Div().Class("share-row").Body(
							app.Textarea().ID("share-iframe").ReadOnly(true).Rows(3).Aria("label", t(lang, "share.iframe")).Text(iframeSnippet(embedURL(link), t(lang, "app.title"), s.responsive)),
							app.Button().Type("button").Text(t(lang, "share.copy")).OnClick(s.onCopy("share-iframe")),
						),
					),
					app.FieldSet().Body(
						app.Legend().Text(t(lang, "share.download")),
						app.Div().Class("share-row").Body(
							app.Button().Type("button").DataSet("export", "svg").Text("SVG").OnClick(s.onExport(0)),
							app.Button().Type("button").DataSet("export", "png1").Text("PNG 1× (1920×1080)").OnClick(s.onExport(1)),
							app.Button().Type("button").DataSet("export", "png2").Text("PNG 2×").OnClick(s.onExport(2)),
							app.Button().Type("button").DataSet("export", "png4").Text("PNG 4×").OnClick(s.onExport(4)),
						),
					),
					s.slides(link),
					app.P().Class("share-status").Role("status").Text(s.status),
					app.Button().Type("button").Class("share-close").Text(t(lang, "share.close")).OnClick(s.onClose),
				),
			)
		}),
	)
}

// Sizes of the pictures for slides, in pixels: 2× a 1920×1080 slide for
// PowerPoint and Keynote, which keep the file; 1920×1080 for Google
// Slides, which fetches the URL once, on insertion.
const (
	slideW, slideH = 2 * exportW, 2 * exportH
)

// slides is what a slide deck takes: the server's picture of the view
// (/map.png, with the data's version, so that a new dataset is a new
// picture), to download for PowerPoint and Keynote, or its URL for Google
// Slides, each with what to do with it.
func (s *shareDialog) slides(link string) app.UI {
	lang, version := s.Lang, dataVersion()
	d := theSite.Data()
	png2x := mapImageURL(link, d, lang, slideW, slideH, version)
	byURL := mapImageURL(link, d, lang, exportW, exportH, version)
	return app.FieldSet().Class("share-slides").Body(
		app.Legend().Text(t(lang, "share.slides")),
		app.P().Body(
			app.Strong().Text(t(lang, "share.pptx")+" "),
			app.A().ID("share-png2x").Href(png2x).Download("qcmap-"+strconv.Itoa(slideW)+"x"+strconv.Itoa(slideH)+".png").
				Text(t(lang, "share.pptx.png")),
		),
		app.P().Class("share-how").Text(t(lang, "share.pptx.how")),
		app.Label().For("share-slides-url").Body(app.Strong().Text(t(lang, "share.gslides"))),
		app.Div().Class("share-row").Body(
			app.Input().ID("share-slides-url").ReadOnly(true).Value(byURL),
			app.Button().Type("button").Text(t(lang, "share.copy")).OnClick(s.onCopy("share-slides-url")),
		),
		app.P().Class("share-how").Text(t(lang, "share.gslides.how")),
	)
}

// dataVersion is the version of the page's dataset, which the server
// wrote in the head (dataVersionMeta); "" on the server.
func dataVersion() string {
	if app.IsServer {
		return ""
	}
	el := app.Window().Get("document").Call("querySelector", `meta[name="`+dataVersionMeta+`"]`)
	if !el.Truthy() {
		return ""
	}
	return el.Call("getAttribute", "content").String()
}

func (s *shareDialog) onOpen(ctx app.Context, e app.Event) {
	s.open, s.status = true, ""
	ctx.Defer(func(app.Context) {
		if el := app.Window().GetElementByID("share-title"); el.Truthy() {
			el.Call("focus")
		}
	})
}

func (s *shareDialog) onClose(ctx app.Context, e app.Event) {
	s.open = false
	ctx.Defer(func(app.Context) {
		if el := app.Window().Get("document").Call("querySelector", ".share-open"); el.Truthy() {
			el.Call("focus")
		}
	})
}

func (s *shareDialog) onSize(responsive bool) app.EventHandler {
	return func(ctx app.Context, e app.Event) { s.responsive = responsive }
}

func (s *shareDialog) onCopy(id string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		el := app.Window().GetElementByID(id)
		if !el.Truthy() {
			return
		}
		el.Call("select")
		text := el.Get("value").String()
		if cb := app.Window().Get("navigator").Get("clipboard"); cb.Truthy() {
			cb.Call("writeText", text)
		}
		s.status = t(s.Lang, "share.copied")
	}
}

// onExport downloads the view as SVG (scale 0) or PNG at scale×1920×1080.
func (s *shareDialog) onExport(scale int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		s.status = t(s.Lang, "share.preparing")
		fetchText("/web/qcmap.css", func(css string, err error) {
			if err != nil {
				ctx.Dispatch(func(app.Context) { s.status = t(s.Lang, "share.failed") })
				return
			}
			svg := exportSVG(css, s.Lang, s.Theme)
			if svg == "" {
				return
			}
			data := "data:image/svg+xml;charset=utf-8," + app.Window().Call("encodeURIComponent", svg).String()
			if scale == 0 {
				download(data, "qcmap.svg")
				ctx.Dispatch(func(app.Context) { s.status = t(s.Lang, "share.done") })
				return
			}
			rasterize(data, scale, func(png string) {
				download(png, "qcmap-"+strconv.Itoa(exportW*scale)+"x"+strconv.Itoa(exportH*scale)+".png")
				ctx.Dispatch(func(app.Context) { s.status = t(s.Lang, "share.done") })
			})
		})
	}
}

// exportSVG returns the map on screen as a standalone 1920×1080 SVG: the
// current view widened to 16:9, the page's styles inlined, a legend and the
// source line.
func exportSVG(css, lang, theme string) string {
	doc := app.Window().Get("document")
	src := doc.Call("getElementById", "map")
	if !src.Truthy() {
		return ""
	}
	vb := src.Get("viewBox").Get("baseVal")
	x, y, w, h := vb.Get("x").Float(), vb.Get("y").Float(), vb.Get("width").Float(), vb.Get("height").Float()
	if w/h < float64(exportW)/exportH { // widen to 16:9 around the centre
		nw := h * exportW / exportH
		x -= (nw - w) / 2
		w = nw
	} else {
		nh := w * exportH / exportW
		y -= (nh - h) / 2
		h = nh
	}
	u := w / exportW
	clone := src.Call("cloneNode", true)
	clone.Call("removeAttribute", "id")
	clone.Call("setAttribute", "x", "0")
	clone.Call("setAttribute", "y", "0")
	clone.Call("setAttribute", "width", strconv.Itoa(exportW))
	clone.Call("setAttribute", "height", strconv.Itoa(exportH))
	clone.Call("setAttribute", "viewBox", ftoa(x)+" "+ftoa(y)+" "+ftoa(w)+" "+ftoa(h))
	clone.Get("style").Call("setProperty", "--u", ftoa(u)) // CSSOM: allowed by the CSP, unlike setAttribute("style")
	step := max(carto.StepFor(1/u), 0)
	clone.Call("setAttribute", "class", src.Call("getAttribute", "class").String()+" z"+strconv.Itoa(step))
	inner := app.Window().Get("XMLSerializer").New().Call("serializeToString", clone).String()

	var legend string
	if d := theSite.Data(); d != nil {
		pal := carto.PaletteFor(theme)
		legend = exportLegend(d, lang, pal) + exportSource(d, lang, pal)
	}
	return `<svg xmlns="http://www.w3.org/2000/svg" width="` + strconv.Itoa(exportW) + `" height="` + strconv.Itoa(exportH) + `" viewBox="0 0 ` + strconv.Itoa(exportW) + ` ` + strconv.Itoa(exportH) + `">` +
		`<style>` + html.EscapeString(css) + `</style>` + inner + legend + `</svg>`
}

// exportLegend draws carto.Legend's entries in the export's bottom left
// corner, which the first view's size classes keep free of names, in the
// palette's colours.
func exportLegend(d *qcmap.Dataset, lang string, pal carto.Palette) string {
	entries := carto.Legend(d)
	text := func(y float64, s string) string {
		return `<text x="84" y="` + ftoa(y+19) + `" fill="` + pal.Fg.Hex() + `">` + html.EscapeString(s) + `</text>`
	}
	height := float64(len(entries))*34 + 58
	top := exportH - 24 - height
	ly := top + 16
	out := `<g class="export-legend" font-family="system-ui, sans-serif" font-size="22">` +
		`<rect x="24" y="` + ftoa(top) + `" width="430" height="` + ftoa(height) + `" rx="10" fill="` + pal.PanelBg.Hex() + `" fill-opacity=".92" stroke="` + pal.Line.Hex() + `"/>` +
		`<text x="44" y="` + ftoa(ly+24) + `" font-weight="700" fill="` + pal.Fg.Hex() + `">` + html.EscapeString(t(lang, "app.title")) + `</text>`
	ly += 48
	for _, e := range entries {
		y := ftoa(ly)
		switch e.Kind {
		case carto.LegendArea:
			out += `<rect x="44" y="` + y + `" width="28" height="22" fill="` + pal.Area(e.Area).Hex() + `"/>`
		case carto.LegendHome:
			out += `<rect x="44" y="` + y + `" width="28" height="22" fill="` + pal.Home.Hex() + `" stroke="` + pal.HomeLine.Hex() + `" stroke-width="2"/>`
		case carto.LegendCountry: // hatched in the area's colour, as on the map
			c := pal.Area(e.Area).Hex()
			out += `<rect x="44" y="` + y + `" width="28" height="22" fill="none" stroke="` + c + `" stroke-width="2"/>` +
				`<path d="M44 ` + ftoa(ly+14) + `l8-14m0 22l12.7-22m0 22l7.3-12.6" stroke="` + c + `" stroke-width="3"/>`
		case carto.LegendOffice:
			out += `<path d="M58 ` + ftoa(ly+22) + `l-8-14a9 9 0 1 1 16 0z" fill="` + pal.Office.Hex() + `"/>`
		}
		out += text(ly, e.Text.In(lang))
		ly += 34
	}
	return out + `</g>`
}

// exportSource draws carto.SourceLine in the export's bottom right corner.
func exportSource(d *qcmap.Dataset, lang string, pal carto.Palette) string {
	return `<text x="` + strconv.Itoa(exportW-24) + `" y="` + strconv.Itoa(exportH-20) + `" text-anchor="end" font-family="system-ui, sans-serif" font-size="20" fill="` + pal.Fg.Hex() + `" paint-order="stroke" stroke="` + pal.Bg.Hex() + `" stroke-width="5">` +
		html.EscapeString(carto.SourceLine(d, lang)) + `</text>`
}

// rasterize draws the SVG data URL on a canvas at scale and returns a PNG
// data URL.
func rasterize(svgData string, scale int, done func(string)) {
	img := app.Window().Get("Image").New()
	var onload app.Func
	onload = app.FuncOf(func(app.Value, []app.Value) any {
		onload.Release()
		canvas := app.Window().Get("document").Call("createElement", "canvas")
		canvas.Set("width", exportW*scale)
		canvas.Set("height", exportH*scale)
		c := canvas.Call("getContext", "2d")
		c.Call("scale", scale, scale)
		c.Call("drawImage", img, 0, 0, exportW, exportH)
		done(canvas.Call("toDataURL", "image/png").String())
		return nil
	})
	img.Set("onload", onload)
	img.Set("src", svgData)
}

// download saves a data URL under name.
func download(href, name string) {
	a := app.Window().Get("document").Call("createElement", "a")
	a.Set("href", href)
	a.Set("download", name)
	app.Window().Get("document").Get("body").Call("appendChild", a)
	a.Call("click")
	a.Call("remove")
}

// mapImageURL turns the URL of a page of the map (absolute, or a path)
// into the URL of its picture, /map.png at w×h pixels in lang: the map
// parameters the page has (a partner's page its focus, checked against
// d), without those a still picture does not show, and v, the dataset's
// version, when version is set. The link preview and the Share dialog
// both name their pictures by it.
func mapImageURL(link string, d *qcmap.Dataset, lang string, w, h int, version string) string {
	u, q, err := focusedQuery(link)
	if err != nil {
		return link
	}
	p := carto.Lenient(q, d)
	p.Lang, p.Interactive, p.Arcs = lang, true, false
	p.Width, p.Height = w, h
	img := p.Values()
	if version != "" {
		img.Set("v", version)
	}
	u.Path, u.RawQuery, u.Fragment = "/map.png", img.Encode(), ""
	return u.String()
}

// focusedQuery parses the URL of a page of the map and returns it with its
// query, where a partner's page (/partners/us-vt) becomes its focus, as
// the pictures and the embed frame it.
func focusedQuery(link string) (*url.URL, url.Values, error) {
	u, err := parseURL(link)
	if err != nil {
		return nil, nil, err
	}
	q := u.Query()
	if id, ok := cutPartner(u.Path); ok {
		q.Set("focus", id)
	}
	return u, q, nil
}

// embedURL turns a page URL of the full map into its /embed equivalent.
func embedURL(link string) string {
	u, q, err := focusedQuery(link)
	if err != nil {
		return link
	}
	u.Path = "/embed"
	u.RawQuery = q.Encode()
	return u.String()
}

// iframeSnippet is the HTML to paste into a page or a reveal.js slide.
func iframeSnippet(src, title string, responsive bool) string {
	src, title = html.EscapeString(src), html.EscapeString(title)
	if responsive {
		return `<div style="position:relative;width:100%;aspect-ratio:16/9"><iframe src="` + src + `" title="` + title + `" style="position:absolute;inset:0;width:100%;height:100%;border:0" loading="lazy" allowfullscreen></iframe></div>`
	}
	return `<iframe src="` + src + `" title="` + title + `" width="960" height="540" style="border:0" loading="lazy" allowfullscreen></iframe>`
}

func origin() string {
	if app.IsServer {
		return ""
	}
	return app.Window().Get("location").Get("origin").String()
}

func ftoa(f float64) string {
	return strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64)
}

// dataVersionMeta names the head's meta element that holds the version of
// the page's dataset (server.DataVersion), which the image URLs carry.
const dataVersionMeta = "qcmap-data-version"
