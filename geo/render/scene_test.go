package render_test

import (
	"math"
	"path/filepath"
	"slices"
	"testing"

	"qcmap/geo"
	"qcmap/geo/carto"
	"qcmap/geo/golden"
	"qcmap/geo/render"
	"qcmap/geo/render/png"
	"qcmap/geo/render/rendertest"
)

// sceneOf builds the scene of a query string, measured with the Go fonts.
func sceneOf(t testing.TB, query string) *render.Scene {
	t.Helper()
	return rendertest.Scene(t, query, png.TextWidth)
}

func TestSceneFrame(t *testing.T) {
	a, _ := rendertest.Load(t)
	world, _ := a.Level(geo.World)
	center := func(id string) geo.Point {
		s, _ := world.Shape(geo.LayerPartners, id)
		b := render.MainBox(s, world.Factor)
		return geo.Point{(b[0] + b[2]) / 2, (b[1] + b[3]) / 2}
	}
	// With no view and no focus, the picture is the first view of its
	// size class: that view's box, whole, at its centre.
	first := func(w, h float64) (geo.Point, float64) {
		_, d := rendertest.Load(t)
		fv, err := render.LayOutFirstView(a, d, "fr", carto.ClassFor(w, h), png.TextWidth)
		if err != nil {
			t.Fatal(err)
		}
		b := fv.Box()
		return geo.Point{(b[0] + b[2]) / 2, (b[1] + b[3]) / 2}, min(w/(b[2]-b[0]), h/(b[3]-b[1]))
	}
	c1920, k1920 := first(1920, 1080)
	c1000, k1000 := first(1000, 1000)
	tests := []struct {
		query     string
		level     string
		center    geo.Point // in map units
		wantScale float64   // 0: not checked
	}{
		{"", geo.World, c1920, k1920},
		{"width=1000&height=1000", geo.World, c1000, k1000},
		{"focus=be-wal", geo.Closeup, center("BE-WAL"), 1920 / geo.Width * carto.FocusMaxZoom},
		{"focus=fr&width=1600&height=900", geo.Continent, center("FR"), 0},
		{"view=317.7,118.6,16&width=1600&height=900", geo.Closeup, geo.Point{317.7, 118.6}, 1.6 * 16},
		{"view=500,260,2.5", geo.Continent, geo.Point{500, 260}, 1.92 * 2.5},
		{"view=-12,35,22,58", geo.Continent, geo.Point{}, 0},
	}
	for _, tt := range tests {
		sc := sceneOf(t, tt.query)
		if sc.Level != tt.level {
			t.Errorf("NewScene(%q).Level = %s; want %s", tt.query, sc.Level, tt.level)
		}
		if tt.wantScale != 0 && math.Abs(sc.Scale-tt.wantScale) > 1e-9 {
			t.Errorf("NewScene(%q).Scale = %g; want %g", tt.query, sc.Scale, tt.wantScale)
		}
		v := sc.View()
		if tt.center != (geo.Point{}) {
			if c := (geo.Point{(v[0] + v[2]) / 2, (v[1] + v[3]) / 2}); math.Hypot(c[0]-tt.center[0], c[1]-tt.center[1]) > 1e-6 {
				t.Errorf("NewScene(%q) is centred on %v; want %v", tt.query, c, tt.center)
			}
		}
	}
	// A bounding box is shown whole, touching two opposite edges.
	sc := sceneOf(t, "view=-12,35,22,58")
	b, v := geo.ProjectBox(-12, 35, 22, 58), sc.View()
	if b[0] < v[0]-1e-9 || b[1] < v[1]-1e-9 || b[2] > v[2]+1e-9 || b[3] > v[3]+1e-9 {
		t.Errorf("view=-12,35,22,58 shows %v; want all of %v", v, b)
	}
	if math.Abs((b[2]-b[0])-(v[2]-v[0])) > 1e-6 && math.Abs((b[3]-b[1])-(v[3]-v[1])) > 1e-6 {
		t.Errorf("view=-12,35,22,58 shows %v; want %v to touch two edges", v, b)
	}
}

func TestLevelFor(t *testing.T) {
	for _, tt := range []struct {
		scale float64
		want  string
	}{{1.92, geo.World}, {2.999, geo.World}, {3, geo.Continent}, {14.9, geo.Continent}, {15, geo.Closeup}, {400, geo.Closeup}} {
		if got := geo.LevelFor(tt.scale); got != tt.want {
			t.Errorf("LevelFor(%g) = %s; want %s", tt.scale, got, tt.want)
		}
	}
}

func TestMainBox(t *testing.T) {
	a, _ := rendertest.Load(t)
	world, _ := a.Level(geo.World)
	fr, _ := world.Shape(geo.LayerPartners, "FR")
	b := render.MainBox(fr, world.Factor)
	paris := geo.Project(2.35, 48.85)
	if !b.Contains(paris) || b[2]-b[0] > 40 {
		t.Errorf("mainBox(FR) = %v; want metropolitan France, around Paris %v", b, paris)
	}
	vt, _ := world.Shape(geo.LayerPartners, "US-VT")
	if got := render.MainBox(vt, world.Factor); got[0] < vt.Box[0]-0.5 || got[2] > vt.Box[2]+0.5 {
		t.Errorf("mainBox(US-VT) = %v; want about its box %v", got, vt.Box)
	}
}

func TestBrightIDs(t *testing.T) {
	_, d := rendertest.Load(t)
	tests := []struct {
		sector string
		year   int
		want   []string // nil: no filter
	}{
		{"", 0, nil},
		{"education", 0, []string{"CA-QC", "MX-GUA", "MX-JAL", "MX-NLE"}},
		{"education", 2006, []string{"CA-QC", "MX-GUA", "MX-JAL"}},
		{"law-enforcement", 2003, []string{"CA-QC", "US-VT"}},
	}
	for _, tt := range tests {
		got := d.Bright(tt.sector, tt.year)
		var ids []string
		for id := range got {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		if (got == nil) != (tt.want == nil) || !slices.Equal(ids, tt.want) {
			t.Errorf("Bright(%q, %d) = %v; want %v", tt.sector, tt.year, ids, tt.want)
		}
	}
}

// TestSceneLabels checks that the labels stay in the picture and cover no
// other label, marker, pin, legend or source line, and that the focus
// always has its label.
func TestSceneLabels(t *testing.T) {
	for _, q := range []string{"", "focus=us-vt", "focus=be-wal&lang=en", "width=800&height=450", "view=-12,35,22,58&width=1600&height=900"} {
		sc := sceneOf(t, q)
		var boxes []render.PixelBox
		for _, it := range sc.Items {
			switch it := it.(type) {
			case *render.Marker:
				if it.ID != "" {
					r := it.R + it.StrokeWidth/2
					boxes = append(boxes, render.PixelBox{it.X - r, it.Y - r, it.X + r, it.Y + r})
				}
			case *render.Rect:
				if it.X > 0 || it.Y > 0 { // not the sea
					boxes = append(boxes, render.PixelBox{it.X, it.Y, it.X + it.W, it.Y + it.H})
				}
			}
		}
		ids := make([]string, 0, len(sc.Labels))
		for id := range sc.Labels {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for i, id := range ids {
			l := sc.Labels[id]
			if l[0] < 0 || l[1] < 0 || l[2] > float64(sc.Width) || l[3] > float64(sc.Height) {
				t.Errorf("NewScene(%q): label %s at %v leaves the picture", q, id, l)
			}
			for _, b := range boxes {
				// A first view's target holds its own box and key.
				inside := b[0] >= l[0] && b[1] >= l[1] && b[2] <= l[2] && b[3] <= l[3]
				if l.Overlaps(b) && !inside {
					t.Errorf("NewScene(%q): label %s at %v covers %v", q, id, l, b)
				}
			}
			for _, other := range ids[i+1:] {
				if l.Overlaps(sc.Labels[other]) {
					t.Errorf("NewScene(%q): labels %s and %s overlap", q, id, other)
				}
			}
		}
		if len(ids) < 4 {
			t.Errorf("NewScene(%q) has %d labels; want at least 4", q, len(ids))
		}
	}
	if sc := sceneOf(t, "focus=us-vt"); sc.Labels["US-VT"] == (render.PixelBox{}) {
		t.Error(`NewScene("focus=us-vt") has no label for US-VT`)
	}
}

// TestSceneText checks the legend and the source line, in both languages.
func TestSceneText(t *testing.T) {
	tests := []struct {
		query string
		want  []string
		not   []string
	}{
		{"", []string{"Légende", "Amérique du Nord", "Le Québec", "Bureau du Québec",
			"Source : « Relations bilatérales », gouvernement du Québec, mise à jour le 2019-04-18 · Natural Earth"}, []string{"Legend"}},
		{"lang=en&sector=education&year=2006", []string{"Legend", "North America", "Québec office", "Sector: Education", "Agreements signed up to 2006",
			"Source: “Bilateral relations”, Government of Québec, updated 2019-04-18 · Natural Earth"}, nil},
		{"legend=0", []string{"Source : « Relations bilatérales », gouvernement du Québec, mise à jour le 2019-04-18 · Natural Earth"},
			[]string{"Légende", "Amérique du Nord"}},
	}
	for _, tt := range tests {
		var texts []string
		for _, it := range sceneOf(t, tt.query).Items {
			if x, ok := it.(*render.Text); ok {
				texts = append(texts, x.S)
			}
		}
		for _, w := range tt.want {
			if !slices.Contains(texts, w) {
				t.Errorf("NewScene(%q) has no text %q; has %q", tt.query, w, texts)
			}
		}
		for _, n := range tt.not {
			if slices.Contains(texts, n) {
				t.Errorf("NewScene(%q) has text %q; want none", tt.query, n)
			}
		}
	}
}

func TestWrap(t *testing.T) {
	s := "Source : « Relations bilatérales », gouvernement du Québec"
	lines := render.Wrap(s, 11, 120, png.TextWidth)
	if len(lines) < 2 {
		t.Fatalf("wrap(%q, 120 px) = %q; want several lines", s, lines)
	}
	for _, l := range lines {
		if l == "«" || l[0] == ':' || l[len(l)-1] == 0xab {
			t.Errorf("wrap(%q) = %q; a guillemet or colon stands alone", s, lines)
		}
	}
	if got := render.Wrap(s, 11, 1e4, png.TextWidth); len(got) != 1 || got[0] != s {
		t.Errorf("wrap(%q, wide) = %q; want one line", s, got)
	}
}

func TestWalkPath(t *testing.T) {
	type step struct {
		op   byte
		x, y int
	}
	tests := []struct {
		d    string
		want []step
	}{
		{"M12 34l3-2 0 5z", []step{{'M', 12, 34}, {'L', 15, 32}, {'L', 15, 37}, {'Z', 12, 34}}},
		{"M-1-1l2 0 0 2zM10 10l-1 0 0-1z", []step{{'M', -1, -1}, {'L', 1, -1}, {'L', 1, 1}, {'Z', -1, -1},
			{'M', 10, 10}, {'L', 9, 10}, {'L', 9, 9}, {'Z', 10, 10}}},
		{"", nil},
	}
	for _, tt := range tests {
		var got []step
		render.WalkPath(tt.d, func(op byte, x, y int) { got = append(got, step{op, x, y}) })
		if !slices.Equal(got, tt.want) {
			t.Errorf("walkPath(%q) = %v; want %v", tt.d, got, tt.want)
		}
	}
}

// TestSceneSVGGolden compares a small picture's SVG with
// testdata/map-shandong.svg; go test -update rewrites it.
func TestSceneSVGGolden(t *testing.T) {
	svg := sceneOf(t, "width=320&height=200&view=114,34,123,39&lang=en&sector=friendship").SVG()
	rendertest.XMLIDs(t, string(svg), "partners") // well-formed
	golden.Check(t, filepath.Join("testdata", "map-shandong.svg"), svg)
}

// TestSceneCard checks a partner's card: at the top left of a picture
// with a focus, its name and what the source lists for it, clear of the
// partner's own label; none without a focus.
func TestSceneCard(t *testing.T) {
	for _, tc := range []struct {
		query, name, summary string
	}{
		{"focus=us-vt&width=1200&height=630", "Vermont", "2 ententes avec le Québec (2003, 2004)"},
		{"focus=us-vt&lang=en&width=1920&height=1080", "Vermont", "2 agreements with Québec (2003, 2004)"},
		{"focus=us-ca&lang=en&width=1200&height=630", "California", "No agreement with Québec named by the source"},
		{"width=1200&height=630", "", ""},
	} {
		sc := sceneOf(t, tc.query)
		var card *render.Rect
		var texts []string
		for i, it := range sc.Items {
			if r, ok := it.(*render.Rect); ok && r.X > 0 && r.Y > 0 && r.Y < 0.1*float64(sc.Height) && r.X < 0.1*float64(sc.Width) {
				card = r
				for _, it := range sc.Items[i+1:] {
					if tx, ok := it.(*render.Text); ok && tx.Y < r.Y+r.H {
						texts = append(texts, tx.S)
					}
				}
				break
			}
		}
		if tc.name == "" {
			if card != nil {
				t.Errorf("NewScene(%q) has a card at the top left; want none without a focus", tc.query)
			}
			continue
		}
		if card == nil {
			t.Errorf("NewScene(%q) has no card at the top left", tc.query)
			continue
		}
		if want := []string{tc.name, tc.summary}; !slices.Equal(texts, want) {
			t.Errorf("NewScene(%q) card says %q; want %q", tc.query, texts, want)
		}
		cb := render.PixelBox{card.X, card.Y, card.X + card.W, card.Y + card.H}
		for id, l := range sc.Labels {
			if l.Overlaps(cb) {
				t.Errorf("NewScene(%q): the card %v covers the label of %s %v", tc.query, cb, id, l)
			}
		}
	}
}
