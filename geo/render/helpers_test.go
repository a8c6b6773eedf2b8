package render_test

import (
	"os"
	"sync"
	"testing"

	"qcmap"
	"qcmap/geo"
)

// loadOnce loads the boundaries and the dataset once for all the tests: it
// takes seconds.
var loadOnce = sync.OnceValues(func() (*testAssets, error) {
	a, err := geo.Load(os.DirFS("../../assets/geo"))
	if err != nil {
		return nil, err
	}
	d, err := qcmap.LoadFile("../../assets/data/relations.yaml")
	if err != nil {
		return nil, err
	}
	return &testAssets{a, d}, nil
})

type testAssets struct {
	a *geo.Atlas
	d *qcmap.Dataset
}

// atlasOnce returns the shared boundaries and dataset; do not change them.
func atlasOnce(t testing.TB) (*geo.Atlas, *qcmap.Dataset) {
	t.Helper()
	ta, err := loadOnce()
	if err != nil {
		t.Fatal(err)
	}
	return ta.a, ta.d
}
