package server

import (
	"encoding/xml"
	"strconv"
	"strings"
	"testing"

	"qcmap/geo/render/png"
)

// TestMapSVGFirstView checks /map.svg's first view, the picture people put
// in slides, at 1920×1080 and 1280×720 in both languages: every partner and
// office is named once, inside the picture, on a target at least 24 px each
// way that holds its name; no two targets overlap, and no name overlaps
// another text (the legend's, the source line's). Text boxes come from the
// Go fonts' metrics, which the images are drawn with.
func TestMapSVGFirstView(t *testing.T) {
	h := imageServer(t).Handler()
	_, d := atlasOnce(t)
	for _, size := range [][2]int{{1920, 1080}, {1280, 720}} {
		for _, lang := range []string{"fr", "en"} {
			q := "width=" + strconv.Itoa(size[0]) + "&height=" + strconv.Itoa(size[1]) + "&lang=" + lang
			w := do(h, "GET", "/map.svg?"+q, nil)
			if w.Code != 200 {
				t.Fatalf("GET /map.svg?%s: %d", q, w.Code)
			}
			texts, rects := svgTextsAndRects(t, w.Body.String())
			names := map[string]int{}
			for _, j := range d.Jurisdictions {
				names[j.Name.In(lang)]++
			}
			for _, o := range d.Offices {
				names[o.City.In(lang)]++
			}
			var named []svgBox // the names' boxes
			var others []svgBox
			for _, tx := range texts {
				if names[tx.s] > 0 && tx.bold {
					named = append(named, tx.box)
					names[tx.s]--
					continue
				}
				others = append(others, tx.box)
			}
			for n, left := range names {
				if left > 0 {
					t.Errorf("GET /map.svg?%s does not name %q", q, n)
				}
			}
			var targets []svgBox
			for i, n := range named {
				if n[0] < 0 || n[1] < 0 || n[2] > float64(size[0]) || n[3] > float64(size[1]) {
					t.Errorf("GET /map.svg?%s: name %d at %v leaves the picture", q, i, n)
				}
				var target *svgBox
				for k := range rects {
					r := rects[k]
					if r[0] <= n[0] && r[1] <= n[1] && r[2] >= n[2] && r[3] >= n[3] && r[2]-r[0] < float64(size[0])/2 {
						target = &rects[k]
						break
					}
				}
				if target == nil {
					t.Errorf("GET /map.svg?%s: name at %v is on no target", q, n)
					continue
				}
				if target[2]-target[0] < 24 || target[3]-target[1] < 24 {
					t.Errorf("GET /map.svg?%s: target %v is under 24×24 px", q, *target)
				}
				targets = append(targets, *target)
				for _, o := range others {
					if n.overlaps(o) {
						t.Errorf("GET /map.svg?%s: name at %v overlaps the text at %v", q, n, o)
					}
				}
				for _, m := range named[i+1:] {
					if n.overlaps(m) {
						t.Errorf("GET /map.svg?%s: names at %v and %v overlap", q, n, m)
					}
				}
			}
			for i, a := range targets {
				for _, b := range targets[i+1:] {
					if a.overlaps(b) {
						t.Errorf("GET /map.svg?%s: targets %v and %v overlap", q, a, b)
					}
				}
			}
		}
	}
}

type svgBox [4]float64

func (a svgBox) overlaps(b svgBox) bool {
	return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

type svgText struct {
	s    string
	bold bool
	box  svgBox
}

// svgTextsAndRects reads every <text> of an SVG, with its box from the Go
// fonts' metrics, and every <rect>.
func svgTextsAndRects(t *testing.T, svg string) ([]svgText, []svgBox) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(svg))
	var texts []svgText
	var rects []svgBox
	attr := func(se xml.StartElement, name string) float64 {
		for _, a := range se.Attr {
			if a.Name.Local == name {
				f, _ := strconv.ParseFloat(a.Value, 64)
				return f
			}
		}
		return 0
	}
	str := func(se xml.StartElement, name string) string {
		for _, a := range se.Attr {
			if a.Name.Local == name {
				return a.Value
			}
		}
		return ""
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "rect":
			x, y := attr(se, "x"), attr(se, "y")
			rects = append(rects, svgBox{x, y, x + attr(se, "width"), y + attr(se, "height")})
		case "text":
			var s string
			if err := dec.DecodeElement(&s, &se); err != nil {
				t.Fatal(err)
			}
			x, y, size := attr(se, "x"), attr(se, "y"), attr(se, "font-size")
			bold := str(se, "font-weight") == "bold"
			w := png.TextWidth(bold, s, size)
			switch str(se, "text-anchor") {
			case "middle":
				x -= w / 2
			case "end":
				x -= w
			}
			texts = append(texts, svgText{s, bold, svgBox{x, y - 0.78*size, x + w, y + 0.22*size}})
		}
	}
	return texts, rects
}
