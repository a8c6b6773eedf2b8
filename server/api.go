package server

import (
	"encoding/json"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"qcmap"
)

// PartnerDetail is a jurisdiction with everything that concerns it, as
// answered by GET /api/partners/{id}.
type PartnerDetail struct {
	qcmap.Jurisdiction
	Agreements []qcmap.Agreement `json:"agreements"`
	Events     []qcmap.Event     `json:"events"`
	Offices    []qcmap.Office    `json:"offices"`
}

// handleRelationsGet serves GET /api/relations: the whole dataset.
func (s *Server) handleRelationsGet(w http.ResponseWriter, r *http.Request) {
	if err := noQuery(r); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeJSON(w, r, s.Data())
}

// handlePartnersGet serves GET /api/partners: every jurisdiction (Québec,
// the partners and the country-level entries), optionally filtered by
// ?area= and ?sector=.
func (s *Server) handlePartnersGet(w http.ResponseWriter, r *http.Request) {
	d := s.Data()
	q := r.URL.Query()
	for k := range q {
		if k != "area" && k != "sector" {
			s.writeError(w, r, badRequest("unknown query parameter %q; use area or sector", k))
			return
		}
	}
	area, sector := q.Get("area"), q.Get("sector")
	if _, err := d.Area(area); area != "" && err != nil {
		s.writeError(w, r, badRequest("area %q is not one of %s", area, ids(d.Areas)))
		return
	}
	if _, err := d.Sector(sector); sector != "" && err != nil {
		s.writeError(w, r, badRequest("sector %q is not one of %s", sector, ids(d.Sectors)))
		return
	}
	out := []qcmap.Jurisdiction{}
	for _, j := range d.Jurisdictions {
		if area != "" && j.Area != area {
			continue
		}
		if sector != "" && !slices.Contains(j.Sectors, sector) {
			continue
		}
		out = append(out, j)
	}
	s.writeJSON(w, r, out)
}

// handlePartnerGet serves GET /api/partners/{id}: one jurisdiction with its
// agreements, events and offices. The id is matched without regard to case.
func (s *Server) handlePartnerGet(w http.ResponseWriter, r *http.Request) {
	d := s.Data()
	id := r.PathValue("id")
	j, err := d.Jurisdiction(id)
	if err != nil {
		s.writeError(w, r, notFound("no partner has the id %q; GET /api/partners lists them", id))
		return
	}
	s.writeJSON(w, r, PartnerDetail{
		Jurisdiction: *j,
		Agreements:   nonNil(d.AgreementsOf(j.ID)),
		Events:       nonNil(d.EventsOf(j.ID)),
		Offices:      nonNil(d.OfficesIn(j.ID)),
	})
}

// handleOfficesGet serves GET /api/offices: Québec's offices abroad.
func (s *Server) handleOfficesGet(w http.ResponseWriter, r *http.Request) {
	if err := noQuery(r); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeJSON(w, r, s.Data().Offices)
}

// Place is the answer of GET /api/where.
type Place struct {
	Lon   float64 `json:"lon"`
	Lat   float64 `json:"lat"`
	Layer string  `json:"layer"` // "partners", "admin1" or "countries"
	ID    string  `json:"id"`
	// Partner is the jurisdiction when the point is in one of the dataset's.
	Partner *qcmap.Jurisdiction `json:"partner,omitempty"`
}

// handleWhereGet serves GET /api/where?lon=..&lat=..: the partner at a point,
// else the admin-1 unit or the country, else 404 (the sea).
func (s *Server) handleWhereGet(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	lon, err := coordinate(q, "lon", 180)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	lat, err := coordinate(q, "lat", 90)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if s.Places == nil {
		s.writeError(w, r, &Error{Status: http.StatusServiceUnavailable, Msg: "boundaries are not loaded"})
		return
	}
	layer, id, ok := s.Places.Where(lon, lat)
	if !ok {
		s.writeError(w, r, notFound("no land at lon=%g lat=%g", lon, lat))
		return
	}
	p := Place{Lon: lon, Lat: lat, Layer: layer, ID: id}
	if j, err := s.Data().Jurisdiction(id); err == nil {
		p.Partner = j
	}
	s.writeJSON(w, r, p)
}

// handleHealthGet serves GET /healthz.
func (s *Server) handleHealthGet(w http.ResponseWriter, r *http.Request) {
	snap := s.data.Load()
	// Not writeJSON: it would set Cache-Control to no-cache.
	data, _ := json.Marshal(struct {
		Status  string `json:"status"`
		Updated string `json:"dataUpdated"`
		Loaded  string `json:"dataLoaded"`
	}{"ok", snap.data.Source.Updated, snap.loaded.UTC().Format("2006-01-02T15:04:05Z")})
	s.writeBody(w, r, newBody(append(data, '\n')), "application/json; charset=utf-8", "no-store")
}

// handleNotFound answers a path under a route a program calls that no
// route serves (/api/nope, /geo/nope, /map.jpg).
func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	s.writeError(w, r, notFound("no route %s; see the README for the routes", r.URL.Path))
}

// coordinate reads a required decimal-degree parameter within ±limit.
func coordinate(q map[string][]string, name string, limit float64) (float64, error) {
	vs := q[name]
	if len(vs) == 0 || vs[0] == "" {
		return 0, badRequest("%s is required, in decimal degrees (-%g..%g)", name, limit, limit)
	}
	v, err := strconv.ParseFloat(vs[0], 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, badRequest("%s=%q is not a number; give decimal degrees (-%g..%g)", name, vs[0], limit, limit)
	}
	if v < -limit || v > limit {
		return 0, badRequest("%s=%g is out of range -%g..%g", name, v, limit, limit)
	}
	return v, nil
}

func noQuery(r *http.Request) error {
	for k := range r.URL.Query() {
		return badRequest("unknown query parameter %q; this route takes none", k)
	}
	return nil
}

func ids(terms []qcmap.Term) string {
	out := make([]string, len(terms))
	for i, t := range terms {
		out[i] = t.ID
	}
	return strings.Join(out, ", ")
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
