package server

import (
	"errors"
	"fmt"
	"net/http"
	"slices"

	"qcmap/geo"
	"qcmap/geo/render"
	"qcmap/geo/render/png"
)

// MapSVG returns the map's markup for the page in lang ("fr" or "en"),
// drawn once per dataset and language.
func (s *Server) MapSVG(lang string) (string, error) {
	b, err := s.drawn("map/"+lang, func() (string, error) {
		if s.Atlas == nil {
			return "", errors.New("server: no boundaries loaded")
		}
		return render.MapSVG(s.Atlas, s.Data(), render.MapOptions{Lang: lang, Origin: s.Origin, Measure: png.TextWidth})
	})
	return string(b.data), err
}

// drawn returns the cached drawing named key of the current snapshot,
// drawing it on first use.
func (s *Server) drawn(key string, draw func() (string, error)) (body, error) {
	snap := s.data.Load()
	snap.mu.Lock()
	defer snap.mu.Unlock()
	if b, ok := snap.cache[key]; ok {
		return b, nil
	}
	svg, err := draw()
	if err != nil {
		return body{}, err
	}
	b := newBody([]byte(svg)).withEncodings()
	snap.cache[key] = b
	return b, nil
}

// handleGeoGet serves GET /geo/{level}/{area}: the shapes of a level of
// detail around a world area, as an SVG <g> that the client puts in the
// map's level-of-detail group when the zoom asks for it.
func (s *Server) handleGeoGet(w http.ResponseWriter, r *http.Request) {
	level, area := r.PathValue("level"), r.PathValue("area")
	if level != geo.Continent && level != geo.Closeup {
		s.writeError(w, r, notFound("no level %q; use %s or %s", level, geo.Continent, geo.Closeup))
		return
	}
	if _, ok := geo.Areas[area]; !ok {
		s.writeError(w, r, notFound("no area %q; use one of %v", area, areaIDs()))
		return
	}
	if s.Atlas == nil {
		s.writeError(w, r, &Error{Status: http.StatusServiceUnavailable, Msg: "boundaries are not loaded"})
		return
	}
	b, err := s.drawn(fmt.Sprintf("geo/%s/%s", level, area), func() (string, error) {
		return render.LevelFragment(s.Atlas, s.Data(), level, area, "fr")
	})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeBody(w, r, b, "image/svg+xml", "no-cache")
}

// handleMapGet serves GET /geo/map/{lang}: the page's map in French (fr) or
// English (en), which the client swaps in when the language changes without
// a page load (and which the service worker keeps for offline use).
func (s *Server) handleMapGet(w http.ResponseWriter, r *http.Request) {
	lang := r.PathValue("lang")
	if lang != "fr" && lang != "en" {
		s.writeError(w, r, notFound("no map in %q; use fr or en", lang))
		return
	}
	if s.Atlas == nil {
		s.writeError(w, r, &Error{Status: http.StatusServiceUnavailable, Msg: "boundaries are not loaded"})
		return
	}
	if _, err := s.MapSVG(lang); err != nil {
		s.writeError(w, r, err)
		return
	}
	b, _ := s.drawn("map/"+lang, nil) // drawn by MapSVG just above
	s.writeBody(w, r, b, "image/svg+xml", "no-cache")
}

// GeoPaths lists the paths of every map drawing the client may fetch, for
// the service worker to keep and for the static export.
func GeoPaths() []string {
	paths := []string{"/geo/map/fr", "/geo/map/en"}
	for _, level := range []string{geo.Continent, geo.Closeup} {
		for _, area := range areaIDs() {
			paths = append(paths, "/geo/"+level+"/"+area)
		}
	}
	return paths
}

func areaIDs() []string {
	var ids []string
	for id := range geo.Areas {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}
