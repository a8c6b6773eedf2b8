//go:build !wasm

package geo

import (
	"os"
	"sync"
	"testing"
)

// assetsDir holds the real boundary files, built by geo/mapdata.
const assetsDir = "../assets/geo"

var loadAssetsOnce = sync.OnceValues(func() (*Atlas, error) {
	return Load(os.DirFS(assetsDir))
})

// loadAssets returns the atlas of the real boundary files, loaded once for
// all tests.
func loadAssets(t testing.TB) *Atlas {
	t.Helper()
	if _, err := os.Stat(assetsDir + "/world/partners.geojson"); os.IsNotExist(err) {
		t.Skip("no boundary files in " + assetsDir + " yet")
	}
	a, err := loadAssetsOnce()
	if err != nil {
		t.Fatal(err)
	}
	return a
}
