//go:build !wasm

package main

import (
	"testing"
)

func TestMapExplore(t *testing.T) {
	base := startApp(t)
	b := newBrowser(t, 1440, 900)
	b.open(base + "/")
	t.Log(eval[string](b, `document.querySelector('#map').getAttribute('viewBox') + ' ' + document.querySelector('#map').getAttribute('class')`))
	t.Log(eval[string](b, `JSON.stringify([...document.querySelectorAll('.markers a.marker')].map(m => { const r = m.getBoundingClientRect(); const cx = r.x + r.width/2, cy = r.y + r.height/2; const e = document.elementFromPoint(cx, cy); const hit = e && e.closest('[data-id]'); return m.dataset.id + ' ' + cx.toFixed(1) + ',' + cy.toFixed(1) + ' ' + r.width.toFixed(1) + ' hit=' + (hit ? hit.dataset.id + '/' + hit.tagName : e && e.tagName) }))`))
	t.Log(eval[string](b, `JSON.stringify([...document.querySelectorAll('.offices g.office')].map(m => { const r = m.getBoundingClientRect(); return m.dataset.id + ' ' + (r.x + r.width/2).toFixed(1) + ',' + (r.y+r.height/2).toFixed(1) + ' ' + r.width.toFixed(1)}))`))
	b.noErrors()
}
