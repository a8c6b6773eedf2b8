//go:build !wasm

package main

import (
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"

	"qcmap"
	"qcmap/assets"
)

func TestMarkupEscapes(t *testing.T) {
	got := elem("p").attr("title", `a "b" & <c> 'd'`).withText(`<script>alert("x")</script> & more`).String()
	want := `<p title="a &#34;b&#34; &amp; &lt;c&gt; &#39;d&#39;">&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; more</p>`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestMarkupLeavesOutEmptyAttributesAndNil(t *testing.T) {
	got := elem("ul").id("").class("list").data("id", "").with(nil, elem("li").withText("x"), nil).String()
	if want := `<ul class="list"><li>x</li></ul>`; got != want {
		t.Errorf("got %s; want %s", got, want)
	}
	var none *markup
	if none.ui() != nil || none.String() != "" {
		t.Errorf("nil markup: ui %v, %q; want nil and nothing", none.ui(), none.String())
	}
}

// TestPartnerDetailMarkup renders every partner's detail, in both
// languages, as the panel (level 2) and the list (level 3) show it: the
// markup is well formed, has one root, the name's heading where the panel
// focuses it, and every name, agreement, year and sector of the partner
// as text.
func TestPartnerDetailMarkup(t *testing.T) {
	d, err := qcmap.Load(assets.RelationsFile, assets.Relations)
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range d.Jurisdictions {
		for _, lang := range []string{langFR, langEN} {
			for _, level := range []int{2, 3} {
				p := &partnerDetail{Lang: lang, Data: d, J: j, Level: level}
				html := p.markup().String()
				where := j.ID + " in " + lang + " at level " + strconv.Itoa(level)
				text, roots, err := parseMarkup(html)
				if err != nil {
					t.Errorf("%s: %v\n%s", where, err, html)
					continue
				}
				if roots != 1 || !strings.HasPrefix(html, `<article class="partner" id="`+strings.ToLower(j.ID)+`" data-id="`+j.ID+`"`) {
					t.Errorf("%s: %d roots, starting %.80s; want one <article> of the partner", where, roots, html)
				}
				h := "<h" + strconv.Itoa(level) + ` id="name-` + strings.ToLower(j.ID) + `" class="partner-name"`
				if level == 2 {
					h += ` tabindex="-1"`
				}
				if !strings.Contains(html, h+">") {
					t.Errorf("%s: no %s>", where, h)
				}
				want := []string{j.Name.In(lang), j.CountryName.In(lang)}
				if j.Kind != qcmap.KindHome {
					for _, a := range d.AgreementsOf(j.ID) {
						want = append(want, strconv.Itoa(a.Year), a.Title.In(lang))
						for _, id := range a.Sectors {
							s, err := d.Sector(id)
							if err != nil {
								t.Fatal(err)
							}
							want = append(want, s.Name.In(lang))
						}
					}
				}
				for _, e := range d.EventsOf(j.ID) {
					want = append(want, e.Title.In(lang))
					for _, y := range e.Years {
						want = append(want, strconv.Itoa(y))
					}
				}
				for _, w := range want {
					if !strings.Contains(text, w) {
						t.Errorf("%s: the text lacks %q:\n%s", where, w, text)
					}
				}
			}
		}
	}
}

// parseMarkup reads html as XML, which the markup's subset of HTML is (every
// element closed, every attribute quoted), and returns its text and the
// number of its top-level elements.
func parseMarkup(html string) (text string, roots int, err error) {
	dec := xml.NewDecoder(strings.NewReader(html))
	var b strings.Builder
	depth := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			if depth != 0 {
				return "", 0, errors.New("an element is not closed")
			}
			return b.String(), roots, nil
		}
		if err != nil {
			return "", 0, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			b.Write(tok)
		}
	}
}
