//go:build !wasm

package geo

import (
	"cmp"
	"fmt"
	"io/fs"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"
)

// labelPrecision is how close to the true pole of inaccessibility a label
// point must be, in map units: half the 0.1 that labels are rounded to, or
// for large shapes labelShare of the smaller side of their box, which no
// one can tell from the best point and saves most of the search.
const (
	labelPrecision = 0.05
	labelShare     = 0.01
)

// Atlas holds every level of the map, built from the boundary files, and the
// (lon, lat) geometry behind them for hit tests. It is safe for concurrent
// use once loaded; it must not be changed.
type Atlas struct {
	levels   [len(Levels)]*Level
	features [len(Levels)][len(Layers)][]feature
}

// feature is one boundary as read from a file.
type feature struct {
	id, country    string
	nameEN, nameFR string
	geom           orb.MultiPolygon // (lon, lat) degrees
	bound          orb.Bound
}

// Load reads the boundary files <level>/<layer>.geojson from fsys, for every
// level of Levels and layer of Layers, checks them (see Validate; every
// feature needs a string property id, unique in its file) and builds the
// shapes of each level. Errors name the file and the feature; rule breaks
// wrap ErrInvalid.
func Load(fsys fs.FS) (*Atlas, error) {
	a := &Atlas{}
	for i, g := range Levels {
		for j, layer := range Layers {
			feats, err := readLayer(fsys, g.Name+"/"+layer+".geojson", layer)
			if err != nil {
				return nil, err
			}
			a.features[i][j] = feats
		}
	}
	var wg sync.WaitGroup
	for i, g := range Levels {
		wg.Go(func() { a.levels[i] = buildLevel(g, &a.features[i]) })
	}
	wg.Wait()
	return a, nil
}

// buildLevel projects the features of each layer and draws them on the grid
// of g.
func buildLevel(g Grid, feats *[len(Layers)][]feature) *Level {
	lv := &Level{Name: g.Name, Factor: g.Factor}
	for j, layer := range Layers {
		shapes := make([]Shape, len(feats[j]))
		for k := range feats[j] {
			shapes[k] = feats[j][k].shape(g.Factor)
		}
		switch layer {
		case LayerCountries:
			lv.Countries = shapes
		case LayerAdmin1:
			lv.Admin1 = shapes
		case LayerPartners:
			lv.Partners = shapes
		}
	}
	return lv
}

// readLayer reads and checks one boundary file, and returns its features
// sorted by id.
func readLayer(fsys fs.FS, name, layer string) ([]feature, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("geo: %w", err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(data)
	if err != nil {
		return nil, fmt.Errorf("geo: %s: %w", name, err)
	}
	feats := make([]feature, 0, len(fc.Features))
	seen := make(map[string]int, len(fc.Features))
	for i, f := range fc.Features {
		id, _ := f.Properties["id"].(string)
		if id == "" {
			return nil, fmt.Errorf("%w: %s: feature %d has no id; give it a string property id", ErrInvalid, name, i)
		}
		if k, dup := seen[id]; dup {
			return nil, fmt.Errorf("%w: %s: features %d and %d both have id %q; ids must be unique in a layer", ErrInvalid, name, k, i, id)
		}
		seen[id] = i
		var mp orb.MultiPolygon
		switch g := f.Geometry.(type) {
		case orb.Polygon:
			mp = orb.MultiPolygon{g}
		case orb.MultiPolygon:
			mp = g
		default:
			return nil, fmt.Errorf("%w: %s: feature %q is a %s; want a Polygon or MultiPolygon", ErrInvalid, name, id, geometryType(f.Geometry))
		}
		if msg := check(mp); msg != "" {
			return nil, fmt.Errorf("%w: %s: feature %q: %s", ErrInvalid, name, id, msg)
		}
		ft := feature{id: id, geom: mp, bound: mp.Bound()}
		ft.nameEN, _ = f.Properties["name_en"].(string)
		ft.nameFR, _ = f.Properties["name_fr"].(string)
		if layer != LayerCountries {
			ft.country, _ = f.Properties["country"].(string)
			if ft.country == "" {
				ft.country, _, _ = strings.Cut(id, "-")
			}
		}
		feats = append(feats, ft)
	}
	slices.SortFunc(feats, func(a, b feature) int { return cmp.Compare(a.id, b.id) })
	return feats, nil
}

func geometryType(g orb.Geometry) string {
	if g == nil {
		return "null geometry"
	}
	return g.GeoJSONType()
}

// shape projects f and draws it on the grid of factor.
func (f *feature) shape(factor int) Shape {
	m := make(orb.MultiPolygon, len(f.geom))
	box := Box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	var largest orb.Polygon
	best := -1.0
	for i, p := range f.geom {
		m[i] = make(orb.Polygon, len(p))
		area := 0.0
		for j, r := range p {
			mr := make(orb.Ring, len(r))
			for k, q := range r {
				mr[k] = ToMap(q)
				box = box.extend(Point(mr[k]))
			}
			m[i][j] = mr
			area += math.Abs(ringArea(mr)) * sign(j == 0)
		}
		if area > best {
			largest, best = m[i], area
		}
	}
	b := largest[0].Bound()
	label, _ := Polylabel(largest, max(labelPrecision, labelShare*min(b.Max[0]-b.Min[0], b.Max[1]-b.Min[1])))
	s := Shape{
		ID:     f.id,
		D:      Path(m, factor),
		Box:    box.outward(),
		Label:  Point(label).round(),
		NameEN: f.nameEN,
		NameFR: f.nameFR,
	}
	if s.NameFR == s.NameEN {
		s.NameFR = ""
	}
	return s
}

func sign(positive bool) float64 {
	if positive {
		return 1
	}
	return -1
}

// Level returns the level named name (World, Continent or Closeup), or an
// error wrapping ErrNotFound. The level is the atlas's own: do not change it.
func (a *Atlas) Level(name string) (*Level, error) {
	for i, g := range Levels {
		if g.Name == name {
			return a.levels[i], nil
		}
	}
	return nil, fmt.Errorf("%w: level %q", ErrNotFound, name)
}

// Where returns the layer and id of the shape that holds (lon, lat), in
// degrees: a partner if one holds it, else a first-level unit, else a
// country. It looks at the most detailed level that has a shape there, so
// that a point near a border lands on the side the closeup map draws. A
// point on a shared border belongs to the shape whose id sorts first. ok is
// false at sea.
func (a *Atlas) Where(lon, lat float64) (layer, id string, ok bool) {
	p := orb.Point{lon, lat}
	for i := len(Levels) - 1; i >= 0; i-- {
		for j := len(Layers) - 1; j >= 0; j-- {
			for _, f := range a.features[i][j] {
				if f.bound.Contains(p) && planar.MultiPolygonContains(f.geom, p) {
					return Layers[j], f.id, true
				}
			}
		}
	}
	return "", "", false
}
