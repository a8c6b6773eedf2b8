package main

import (
	"net/url"
	"slices"
	"strconv"

	"qcmap"
)

// filtersOf reads the sector and year filters from the URL; an unknown
// sector or a year outside the agreements' years is no filter.
func filtersOf(u *url.URL, d *qcmap.Dataset) (sector string, year int) {
	if d == nil {
		return "", 0
	}
	q := u.Query()
	if s := q.Get("sector"); s != "" {
		if _, err := d.Sector(s); err == nil {
			sector = s
		}
	}
	if y, err := strconv.Atoi(q.Get("year")); err == nil {
		if lo, hi := yearRange(d); y >= lo && y <= hi {
			year = y
		}
	}
	return sector, year
}

// filterIDs returns the jurisdictions that pass the sector and year
// filters, or nil when neither is set. A partner passes the sector filter
// when one of its agreements or events is in that sector, and the year
// filter when its first agreement was signed by then; a partner with no
// dated agreement is not held back by the year alone, since the source gives
// no year for it. Québec always passes.
func filterIDs(d *qcmap.Dataset, sector string, year int) map[string]bool {
	if d == nil || (sector == "" && year == 0) {
		return nil
	}
	bright := map[string]bool{}
	for _, j := range d.Jurisdictions {
		if j.Kind == qcmap.KindHome {
			bright[j.ID] = true
			continue
		}
		if sector != "" && !slices.Contains(j.Sectors, sector) {
			continue
		}
		if as := d.AgreementsOf(j.ID); year != 0 && len(as) > 0 && as[0].Year > year {
			continue
		}
		bright[j.ID] = true
	}
	return bright
}

// yearRange returns the first and last years of the agreements.
func yearRange(d *qcmap.Dataset) (lo, hi int) {
	if d == nil {
		return 0, 0
	}
	for i, a := range d.Agreements {
		if i == 0 || a.Year < lo {
			lo = a.Year
		}
		if a.Year > hi {
			hi = a.Year
		}
	}
	return lo, hi
}
