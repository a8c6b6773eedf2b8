package main

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// embedPage is the route /embed, the map for an iframe: the map frame
// without the header, with a link to the full map and the attribution;
// ?legend=0 hides the legend, ?interactive=0 freezes the map, and the URL
// is left alone.
type embedPage struct{ app.Compo }

func newEmbedPage() *embedPage { return &embedPage{} }

func (p *embedPage) Render() app.UI { return &mapFrame{Embed: true} }
