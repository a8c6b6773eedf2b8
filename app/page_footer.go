package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"qcmap"
)

// pageFooter is the foot of the map and the list, built as the design
// system's qc-piv-footer is (a list of links, then the credit line) but
// without the government's signature, which only a public body may show:
// the source page, its publisher and its last update, and the basemap's and
// the other sources' credits. On the map it is one line in the band along
// the map's bottom that the first view keeps free (carto.SizeClasses). A
// component, so that the map page's updates leave it alone (mapControls).
type pageFooter struct {
	app.Compo

	Lang  string
	Data  *qcmap.Dataset
	Class string // map-footer or list-footer
}

// newPageFooter is the foot for d; nil without data.
func newPageFooter(lang string, d *qcmap.Dataset, class string) app.UI {
	if d == nil {
		return nil
	}
	return &pageFooter{Lang: lang, Data: d, Class: class}
}

func (f *pageFooter) Render() app.UI {
	lang, d, class := f.Lang, f.Data, f.Class // d is not nil: see newPageFooter
	sep := " : "
	if lang == langEN {
		sep = ": "
	}
	return app.Footer().Class("page-footer qc-piv-footer "+class).Body(
		app.P().Class("copyright").Body(
			app.Span().Class("long").Body(
				app.Text(t(lang, "source")+sep),
				app.Cite().Text(d.Source.Title.In(lang)),
				app.Text(", "+d.Source.Publisher.In(lang)+", "+t(lang, "source.updated")),
			),
			// A phone's map has room for less, beside the legend.
			app.If(class == "map-footer", func() app.UI {
				return app.Span().Class("short").Text(t(lang, "source.short"))
			}),
			app.Text("\u00a0"), // a plain space would go with go-app's indentation (server.unindent)
			app.Time().DateTime(d.Source.Updated).Text(d.Source.Updated),
			app.Text("."),
		),
		app.If(class != "map-footer", func() app.UI {
			return app.Ul().Class("credits").Body(
				app.Range(d.Sources).Slice(func(i int) app.UI {
					c := d.Sources[i]
					return app.Li().Class("credit").Text(c.Note.In(lang) + " " + c.Title + " (" + c.License + ")")
				}),
			)
		}),
	)
}
