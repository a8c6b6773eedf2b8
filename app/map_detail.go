package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"qcmap/geo"
)

// The map's level of detail: the /geo fragment of the zoom's level and
// area, fetched once and swapped into the SVG when the view settles.

// updateLevel swaps the level-of-detail group when the zoom or the area
// calls for another one. Fragments are fetched once and kept.
func (m *mapView) updateLevel() {
	level, area := m.vp.Level(), ""
	if level != geo.World {
		area = m.vp.Area()
	}
	if level == m.level && area == m.area {
		return
	}
	key := level + "/" + area
	m.want = key
	m.wrap.Call("removeAttribute", "data-loading")
	if level == geo.World {
		m.showLevel(level, area, m.worldLOD)
		return
	}
	if frag, ok := m.fragments[key]; ok {
		m.showLevel(level, area, frag)
		return
	}
	// data-loading says a level of detail is on its way, for people and
	// tests that wait for the map to be complete.
	m.wrap.Call("setAttribute", "data-loading", key)
	fetchText("/geo/"+key, func(text string, err error) {
		if m.want == key {
			m.wrap.Call("removeAttribute", "data-loading")
		}
		if err != nil {
			app.Log("qcmap: loading", key, "failed:", err)
			return
		}
		m.fragments[key] = text
		if m.want == key {
			m.showLevel(level, area, text)
		}
	})
}

func (m *mapView) showLevel(level, area, markup string) {
	if m.level == geo.World && m.worldLOD == "" {
		// The world level as the server drew it, kept as markup only once
		// the map leaves it: reading it at the mount cost the first view
		// the serialisation of most of the map. paint below puts back the
		// classes it may carry.
		m.worldLOD = m.lod.Get("innerHTML").String()
	}
	m.level, m.area = level, area
	m.lod.Set("innerHTML", markup)
	m.lod.Call("setAttribute", "data-level", level)
	m.scaleHatch()
	m.paint()
}
