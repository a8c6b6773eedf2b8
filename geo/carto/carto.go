// Package carto holds the rules of qcmap's map that the page (in wasm), the
// images the server draws and the stylesheet all follow, each written once:
// the view (centre and zoom) and its framing, the zoom range, the label
// steps, the palette, what the world level leaves out, and the grammar of
// the map's URL parameters.
//
// It is safe for the WebAssembly build: it imports no server, image, YAML or
// GeoJSON code. The CSS that depends on these values (the palette's custom
// properties, the label steps' rules, the markers' prerendered scales) is
// generated from them into assets/web/qcmap.css by go generate, and a test
// fails when the file differs.
package carto

import (
	"math"
	"slices"
)

//go:generate go run ./gencss ../../assets/web/qcmap.css

// The zoom's range: 1 shows the whole world's width or height, whichever
// fits; 200 is about 500 m across a laptop's window.
const (
	MinZoom = 1
	MaxZoom = 200
)

// Focus framing: a partner zoomed to takes at most FocusShare of the view's
// width and height, so its neighbours show too, and is never zoomed in past
// FocusMaxZoom, so a tiny partner is not blown up past its detail.
const (
	FocusShare   = 0.45
	FocusMaxZoom = 24
)

// PxPerUnit is the screen pixels per map unit at label step 0 that the
// label layout assumes: a 1000-unit world in a window about 1200 px wide.
const PxPerUnit = 1.2

// LabelSteps are the zooms, relative to PxPerUnit, at which labels are laid
// out: a label is shown from the first step at which it overlaps no label of
// higher priority. The map's class zN names the largest step a view
// reaches, and a label's class mzN the step it shows from.
var LabelSteps = []float64{1, 2, 4, 8, 16, 32, 64}

// hideBelow is the share of step 0's scale under which no label shows (a
// phone's world view): the labels would overlap, and the markers and their
// tooltips name the partners.
const hideBelow = 0.7

// StepFor returns the index of the largest label step that a drawing at
// pxPerUnit screen pixels per map unit reaches, or -1 when it is too small
// for any label.
func StepFor(pxPerUnit float64) int {
	if pxPerUnit < PxPerUnit*hideBelow {
		return -1
	}
	s := 0
	for i, z := range LabelSteps {
		if pxPerUnit >= PxPerUnit*z*0.999 {
			s = i
		}
	}
	return s
}

// LabelFontPx is the partner labels' font size in CSS pixels, at the label
// layout's scale; OfficeLabelFontPx the offices'.
const (
	LabelFontPx       = 13
	OfficeLabelFontPx = 11
)

// OfficeNamesStep is the first label step at which the offices' city names
// show.
const OfficeNamesStep = 3

// MarkerScale is the markers' and labels' scale (the CSS --u, map units
// per CSS pixel) at zoom 1 on the laptop frame the server draws for; it
// halves with each doubling of the zoom.
const MarkerScale = 0.8

// MarkerScaleClasses is how many uN classes the stylesheet has for the
// markers' scale before the wasm sets --u: uN is MarkerScale/2^N.
const MarkerScaleClasses = 9

// MarkerScaleClass returns the index N of the uN class nearest to a
// drawing at unitsPerPx map units per CSS pixel.
func MarkerScaleClass(unitsPerPx float64) int {
	n := int(math.Round(math.Log2(MarkerScale / unitsPerPx)))
	return min(max(n, 0), MarkerScaleClasses-1)
}

// Dim levels: the opacity of what the sector and year filters leave out.
const (
	DimShape  = 0.22
	DimMarker = 0.3
	DimLabel  = 0.35
	DimArc    = 0.15
)

// worldOmitsAdmin1 are the countries whose admin-1 borders the world level
// leaves out: cut into hundreds of provinces, they are not legible at that
// scale and would double the page's weight.
var worldOmitsAdmin1 = []string{"FR", "IT", "ES"}

// WorldShowsAdmin1 reports whether the world level draws the admin-1
// borders of country (ISO 3166-1 alpha-2).
func WorldShowsAdmin1(country string) bool { return !slices.Contains(worldOmitsAdmin1, country) }

// AreaOrder is the order of the world areas' buttons, and of ties between
// them.
var AreaOrder = []string{"north-america", "western-europe", "latin-america", "asia"}
