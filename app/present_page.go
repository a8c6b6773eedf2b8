package main

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// presentPage is the route /present, the map as a slide show: the map
// frame showing one partner per step (?steps=, ?step=), walked with the
// keys (present.go).
type presentPage struct{ app.Compo }

func newPresentPage() *presentPage { return &presentPage{} }

func (p *presentPage) Render() app.UI { return &mapFrame{Present: true} }
