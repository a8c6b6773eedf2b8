package main

import (
	"net/url"
	"strconv"

	"qcmap"
	"qcmap/geo/carto"
)

// filtersOf reads the sector and year filters from the URL; an unknown
// sector or a year outside the agreements' years is no filter.
func filtersOf(u *url.URL, d *qcmap.Dataset) (sector string, year int) {
	if d == nil {
		return "", 0
	}
	q := carto.Lenient(u.Query(), d)
	return q.Sector, q.Year
}

// filterIDs returns the jurisdictions that pass the filters; see
// qcmap.Dataset.Bright.
func filterIDs(d *qcmap.Dataset, sector string, year int) map[string]bool {
	if d == nil {
		return nil
	}
	return d.Bright(sector, year)
}

// yearRange returns the first and last years of the agreements.
func yearRange(d *qcmap.Dataset) (lo, hi int) {
	if d == nil {
		return 0, 0
	}
	return d.YearRange()
}

// filterURL is path with the language and filters as its query, for moving
// between the map and the list without losing them.
func filterURL(path, lang, sector string, year int) string {
	q := url.Values{}
	if lang == langEN {
		q.Set("lang", langEN)
	}
	if sector != "" {
		q.Set("sector", sector)
	}
	if year != 0 {
		q.Set("year", strconv.Itoa(year))
	}
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}
