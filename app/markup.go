package main

import (
	"html"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// markup is static HTML built in Go and handed to go-app as one app.Raw:
// the browser's parser builds its elements in one call, where go-app's
// mount makes a call through syscall/js for each element, attribute and
// text (and a finalizer for each value it gets back). A partner's detail
// is such markup (partnerDetail): it has no handler of its own, and it is
// what a click on the map adds to the page. (go-app's app.HTMLString
// cannot do it in the browser: each call starts an engine, which takes
// over the window's click, popstate and resize handlers. gomponents
// imports html/template, which app.wasm must not link:
// TestWasmNoReflectMethod.)
type markup struct {
	tag   string
	attrs []string // name, value, name, value...
	body  []*markup
	text  string // a text node's, when tag is ""
}

// elem is an element with tag's name.
func elem(tag string) *markup { return &markup{tag: tag} }

// textNode is a text.
func textNode(s string) *markup { return &markup{text: s} }

// attr sets an attribute; one with no value is left out, as go-app does.
func (m *markup) attr(name, value string) *markup {
	if value != "" {
		m.attrs = append(m.attrs, name, value)
	}
	return m
}

func (m *markup) class(v string) *markup       { return m.attr("class", v) }
func (m *markup) id(v string) *markup          { return m.attr("id", v) }
func (m *markup) data(name, v string) *markup  { return m.attr("data-"+name, v) }
func (m *markup) aria(name, v string) *markup  { return m.attr("aria-"+name, v) }
func (m *markup) with(body ...*markup) *markup { m.body = append(m.body, body...); return m }
func (m *markup) withText(s string) *markup    { return m.with(textNode(s)) }
func (m *markup) lang(v string) *markup        { return m.attr("lang", v) }
func (m *markup) href(v string) *markup        { return m.attr("href", v) }
func (m *markup) tabIndex(v string) *markup    { return m.attr("tabindex", v) }

// write writes m as HTML; nil writes nothing. Every element gets its end
// tag, so no void element (br, img, input) belongs in markup.
func (m *markup) write(b *strings.Builder) {
	switch {
	case m == nil:
	case m.tag == "":
		b.WriteString(html.EscapeString(m.text))
	default:
		b.WriteByte('<')
		b.WriteString(m.tag)
		for i := 0; i+1 < len(m.attrs); i += 2 {
			b.WriteByte(' ')
			b.WriteString(m.attrs[i])
			b.WriteString(`="`)
			b.WriteString(html.EscapeString(m.attrs[i+1]))
			b.WriteByte('"')
		}
		b.WriteByte('>')
		for _, c := range m.body {
			c.write(b)
		}
		b.WriteString("</")
		b.WriteString(m.tag)
		b.WriteByte('>')
	}
}

// String is m as HTML.
func (m *markup) String() string {
	var b strings.Builder
	m.write(&b)
	return b.String()
}

// ui is m for go-app: one piece of raw markup, the same on the server's
// page and in the browser; nil for nil.
func (m *markup) ui() app.UI {
	if m == nil {
		return nil
	}
	return app.Raw(m.String())
}
