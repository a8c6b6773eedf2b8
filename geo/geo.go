// Package geo turns the boundary files of qcmap into what the map draws: SVG
// path data on integer grids, label points, boxes, great-circle arcs, and hit
// tests that say which jurisdiction a longitude and latitude fall in.
//
// # Projection
//
// Everything is drawn in the Natural Earth projection (Šavrič, Jenny,
// Patterson, Petrovič and Hurni, 2011; d3.geoNaturalEarth1). It is a
// compromise projection: it neither keeps areas nor angles, but spreads the
// distortion of both. The map is about places far from the equator — Québec at
// 47° to 62° north, the US Northeast, Western Europe — and an equal-area
// projection such as Equal Earth squeezes them north–south until Québec and
// Bavaria look flattened; a cylindrical one such as Mercator blows them up.
// Natural Earth keeps their shapes recognisable on a single world overview
// while the world still looks like a world.
//
// # Map units and levels
//
// Coordinates called map units put the projected world in a frame Width (1000)
// units wide: x runs from 0 at longitude −180° to 1000 at +180°, y runs
// downwards as in SVG, from 0 at latitude +90° to Height at −90°. Boxes,
// label points and office pins are in map units.
//
// Path data is finer: each level of detail (see Levels) rounds its points to
// an integer grid Factor times finer than map units, and the page draws it
// inside a <g transform="scale(1/Factor)">. Because the boundary files come
// from one topology, neighbours share identical points, which round to
// identical integers: shared borders stay shared, with no slivers.
//
// Files that read GeoJSON (orb/geojson) are left out of the WebAssembly
// build; the client only needs the types of shape.go and the projection.
package geo

import (
	"errors"
	"fmt"
)

// Sentinel errors; others wrap them, so test with errors.Is.
var (
	// ErrNotFound is returned for an unknown level name.
	ErrNotFound = errors.New("geo: not found")
	// ErrInvalid is returned for boundary data that breaks a rule of
	// RFC 7946 or of qcmap (ring not closed, wrong winding, missing id).
	ErrInvalid = errors.New("geo: invalid boundary data")
)

// Names of the levels of detail.
const (
	World     = "world"     // the whole world, simplified to about 15 km
	Continent = "continent" // about 3 km
	Closeup   = "closeup"   // about 500 m, the partner countries only
)

// Names of the layers of a level, in drawing order.
const (
	LayerCountries = "countries" // countries, id ISO 3166-1 alpha-2 ("FR")
	LayerAdmin1    = "admin1"    // first-level units of the partner countries, id ISO 3166-2 ("US-VT")
	LayerPartners  = "partners"  // Québec's partners, Québec itself and France
)

// Layers lists the layer names in drawing order: countries under admin1
// under partners.
var Layers = [...]string{LayerCountries, LayerAdmin1, LayerPartners}

// Grid is a level's name and the factor by which its integer grid is finer
// than map units.
type Grid struct {
	Name   string `json:"name"`
	Factor int    `json:"factor"`
}

// Levels lists the levels of detail from the coarsest to the finest. World
// paths round to half a map unit (about 20 km at the equator, 0.6 px on a
// 1200 px world), continent paths to a tenth (4 km), closeup paths to a
// sixtieth (670 m): each grid is about as fine as its level's
// simplification, so rounding adds little error and drops few points.
var Levels = [...]Grid{
	{World, 2},
	{Continent, 10},
	{Closeup, 60},
}

// GridOf returns the grid of the level named name, or ErrNotFound.
func GridOf(name string) (Grid, error) {
	for _, g := range Levels {
		if g.Name == name {
			return g, nil
		}
	}
	return Grid{}, fmt.Errorf("%w: level %q", ErrNotFound, name)
}

// LevelFor returns the level of detail for a drawing at scale pixels per
// map unit: the world level until its half-unit grid would show, then
// continent, then closeup. The page and the server's images both use it.
func LevelFor(scale float64) string {
	switch {
	case scale < 3:
		return World
	case scale < 15:
		return Continent
	}
	return Closeup
}
