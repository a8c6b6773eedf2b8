package main

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// mapPage is the route of the full map, / and /partners/{id}: the map frame
// with the header, the search, the filters and the partner's panel.
type mapPage struct{ app.Compo }

func newMapPage() *mapPage { return &mapPage{} }

func (p *mapPage) Render() app.UI { return newMapFrame() }
