package qcmap

import "slices"

// YearRange returns the first and last years of the agreements: the range
// of the year filter. It returns 0, 0 when there is no agreement.
func (d *Dataset) YearRange() (lo, hi int) {
	for i, a := range d.Agreements {
		if i == 0 || a.Year < lo {
			lo = a.Year
		}
		hi = max(hi, a.Year)
	}
	return lo, hi
}

// Bright returns the ids of the jurisdictions that pass the sector and year
// filters, or nil when neither is set (sector "" and year 0). A partner
// passes the sector filter when one of its agreements or events is in that
// sector, and the year filter when its first agreement was signed by then;
// one with no dated agreement is not held back by the year alone, since the
// source gives no year for it. Québec always passes. The map, the list and
// the map images all filter with it.
func (d *Dataset) Bright(sector string, year int) map[string]bool {
	if sector == "" && year == 0 {
		return nil
	}
	bright := map[string]bool{}
	for _, j := range d.Jurisdictions {
		if j.Kind == KindHome {
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
