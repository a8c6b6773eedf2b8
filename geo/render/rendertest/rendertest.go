// Package rendertest holds what the tests of the map's drawing share: the
// real boundaries and dataset, loaded once, a picture's scene from a query
// string, and a look into an SVG's elements.
package rendertest

import (
	"encoding/xml"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"qcmap"
	"qcmap/geo"
	"qcmap/geo/carto"
	"qcmap/geo/render"
)

// root is the module's folder, found from this file's path.
func root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

type assets struct {
	a *geo.Atlas
	d *qcmap.Dataset
}

// loadOnce loads the boundaries and the dataset once for all the tests of
// a package: it takes seconds.
var loadOnce = sync.OnceValues(func() (*assets, error) {
	a, err := geo.Load(os.DirFS(filepath.Join(root(), "assets", "geo")))
	if err != nil {
		return nil, err
	}
	d, err := qcmap.LoadFile(filepath.Join(root(), "assets", "data", "relations.yaml"))
	if err != nil {
		return nil, err
	}
	return &assets{a, d}, nil
})

// Load returns the shared boundaries and dataset; do not change them.
func Load(t testing.TB) (*geo.Atlas, *qcmap.Dataset) {
	t.Helper()
	as, err := loadOnce()
	if err != nil {
		t.Fatal(err)
	}
	return as.a, as.d
}

// Scene builds the scene of a picture's query string (carto.ParseImage),
// measuring text with measure.
func Scene(t testing.TB, query string, measure render.Measure) *render.Scene {
	t.Helper()
	a, d := Load(t)
	q, err := url.ParseQuery(query)
	if err != nil {
		t.Fatal(err)
	}
	p, err := carto.ParseImage(q, d)
	if err != nil {
		t.Fatalf("carto.ParseImage(%q): %v", query, err)
	}
	sc, err := render.NewScene(a, d, p, measure)
	if err != nil {
		t.Fatalf("NewScene(%q): %v", query, err)
	}
	return sc
}

// XMLIDs parses svg as XML and returns the data-id values of the elements
// with the class named class.
func XMLIDs(t testing.TB, svg, class string) map[string]xml.StartElement {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(svg))
	out := map[string]xml.StartElement{}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		var id, cls string
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "data-id":
				id = a.Value
			case "class":
				cls = a.Value
			}
		}
		if id != "" && strings.Contains(" "+cls+" ", " "+class+" ") {
			out[id] = se
		}
	}
}
