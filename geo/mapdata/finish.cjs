// Final step of build.sh for one level: reads the three layers that mapshaper
// wrote (simplified and rounded from one shared topology), removes
// simplification artefacts, keeps only the wanted countries, and writes the
// final GeoJSON with a stable layout (one feature per line, features sorted
// by id, properties before geometry).
//
// usage: node finish.cjs IN_DIR OUT_DIR [partner-countries-only]
//
// Artefacts: when simplification squashes a small island that is split
// between several admin-1 units (e.g. Smith Island, MD/VA, at 3 km), the
// collapsed ring can come out clockwise; mapshaper then keeps it as a hole
// in a layer where some outer ring happens to contain it (the US) and drops
// it in the others (Maryland). A real hole (an enclave such as Lesotho or
// the Vatican) is always filled by other features of the same level, since
// IN_DIR holds every country; a hole whose border is not shared, segment
// for segment, with other features is such an artefact and is removed.
'use strict';
const fs = require('fs');
const path = require('path');
const Q = require('./ids.cjs');

const LAYERS = ['countries', 'admin1', 'partners'];
const [inDir, outDir, filter] = process.argv.slice(2);
if (!inDir || !outDir) {
  console.error('usage: node finish.cjs IN_DIR OUT_DIR [partner-countries-only]');
  process.exit(2);
}

const layers = {};
for (const name of LAYERS) {
  layers[name] = JSON.parse(fs.readFileSync(path.join(inDir, name + '.geojson'), 'utf8')).features;
}

const polygonsOf = (g) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
const pt = (c) => c[0] + ',' + c[1];

// directed segment -> set of features using it (feature = "layer:index")
const used = new Map();
for (const name of LAYERS) {
  layers[name].forEach((f, i) => {
    if (!f.geometry) return;
    for (const poly of polygonsOf(f.geometry)) {
      for (const ring of poly) {
        for (let k = 0; k < ring.length - 1; k++) {
          const key = pt(ring[k]) + '>' + pt(ring[k + 1]);
          if (!used.has(key)) used.set(key, new Set());
          used.get(key).add(name + ':' + i);
        }
      }
    }
  });
}

function filledByOthers(ring, self) {
  for (let k = 0; k < ring.length - 1; k++) {
    const users = used.get(pt(ring[k + 1]) + '>' + pt(ring[k]));
    if (!users || [...users].every((u) => u === self)) return false;
  }
  return true;
}

let removed = 0;
for (const name of LAYERS) {
  layers[name].forEach((f, i) => {
    if (!f.geometry) return;
    const polys = polygonsOf(f.geometry).map((poly) => poly.filter((ring, r) => {
      if (r === 0 || filledByOthers(ring, name + ':' + i)) return true;
      removed++;
      console.error(`finish: ${path.basename(outDir)}/${name} ${f.properties.id}: removed artefact hole at ${pt(ring[0])} (${ring.length - 1} points)`);
      return false;
    }));
    f.geometry = f.geometry.type === 'Polygon' ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys };
  });
}

if (filter === 'partner-countries-only') {
  layers.countries = layers.countries.filter((f) => Q.isPartnerCountry(f.properties.id));
} else if (filter) {
  console.error('finish: unknown filter ' + filter);
  process.exit(2);
}

fs.mkdirSync(outDir, { recursive: true });
for (const name of LAYERS) {
  const feats = layers[name]
    .map((f) => ({ type: 'Feature', properties: f.properties, geometry: f.geometry }))
    .sort((a, b) => (a.properties.id < b.properties.id ? -1 : a.properties.id > b.properties.id ? 1 : 0));
  const text = '{"type":"FeatureCollection","features":[\n' +
    feats.map((f) => JSON.stringify(f)).join(',\n') + '\n]}\n';
  fs.writeFileSync(path.join(outDir, name + '.geojson'), text);
}
if (removed > 0) console.error(`finish: ${path.basename(outDir)}: ${removed} artefact hole(s) removed`);
