// peer.js draws Québec's partners on a Leaflet map without tiles and opens
// a panel of a partner's agreements, meetings and sectors when it is
// clicked. data.json is qcmap's /api/relations; the two GeoJSON files are
// qcmap's world boundaries.
"use strict";

const areaColours = {
  "north-america": "#0a5d9e",
  "western-europe": "#a34b00",
  "latin-america": "#00775a",
  "asia": "#86337f",
};
const homeColour = "#ffc533";

const map = L.map("map", { zoomSnap: 0.25, minZoom: 1.5, maxZoom: 8 });
map.fitBounds([[-30, -125], [58, 125]]);

const getJSON = url => fetch(url).then(r => {
  if (!r.ok) throw new Error(url + ": " + r.status);
  return r.json();
});

Promise.all(["data.json", "countries.geojson", "partners.geojson"].map(getJSON))
  .then(([data, countries, partners]) => {
    L.geoJSON(countries, {
      interactive: false,
      style: { color: "#b8b0a0", weight: 0.6, fillColor: "#eeeeee", fillOpacity: 1 },
    }).addTo(map);

    const byId = new Map(data.jurisdictions.map(j => [j.id, j]));
    const panel = document.querySelector("aside[data-panel]");
    let selected = null;

    const open = (id, layer) => {
      selected?.getElement().classList.remove("selected");
      selected = layer;
      layer.getElement().classList.add("selected");
      panel.dataset.id = id;
      panel.replaceChildren(...partnerPanel(data, byId.get(id), () => {
        panel.hidden = true;
        layer.getElement().classList.remove("selected");
      }));
      panel.hidden = false;
    };

    const markers = L.layerGroup();
    L.geoJSON(partners, {
      style: f => {
        const j = byId.get(f.properties.id);
        const home = j?.kind === "home";
        return {
          className: home ? "home" : "partner",
          interactive: !home && !!j,
          color: "#ffffff",
          weight: 1,
          fillColor: home ? homeColour : areaColours[j?.area] ?? "#4d5561",
          fillOpacity: 1,
        };
      },
      onEachFeature: (f, layer) => {
        const j = byId.get(f.properties.id);
        if (!j || j.kind === "home") return;
        const name = f.properties.name_fr || j.name.fr;
        layer.bindTooltip(name, { sticky: true });
        layer.on("click", () => open(j.id, layer));
        // Small partners are a few pixels wide at the world's zoom: a dot
        // at the centre of the largest polygon is what one clicks.
        L.circleMarker(largestCentre(f.geometry), {
          className: "marker",
          radius: 5,
          color: "#ffffff",
          weight: 1.5,
          fillColor: areaColours[j.area] ?? "#4d5561",
          fillOpacity: 1,
        }).bindTooltip(name).on("click", () => open(j.id, layer)).addTo(markers);
      },
    }).addTo(map).eachLayer(layer => layer.getElement().dataset.id = layer.feature.properties.id);
    markers.addTo(map);

    const { title, publisher } = data.source;
    map.attributionControl.addAttribution(publisher.fr + " : " + title.fr);

    // The partners are in the page and listen for clicks; the frame that
    // paints them comes next.
    requestAnimationFrame(() => {
      performance.mark("peer-partner-visible");
      performance.mark("qcmap-interactive");
    });
  })
  .catch(err => console.error(err));

// largestCentre returns the centre of the bounds of a Polygon or
// MultiPolygon's largest part, as a Leaflet [lat, lon].
function largestCentre(geometry) {
  const parts = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const bounds = parts.map(p => L.latLngBounds(p[0].map(([lon, lat]) => [lat, lon])));
  const size = b => (b.getNorth() - b.getSouth()) * (b.getEast() - b.getWest());
  return bounds.reduce((a, b) => (size(b) > size(a) ? b : a)).getCenter();
}

// partnerPanel returns the panel's content for jurisdiction j: its name,
// country, agreements with their years, meetings and sectors.
function partnerPanel(data, j, onClose) {
  const has = x => x.parties.includes(j.id);
  const sectorName = new Map(data.sectors.map(s => [s.id, s.name.fr]));
  const area = data.areas.find(a => a.id === j.area);
  const agreements = data.agreements.filter(has).sort((a, b) => a.year - b.year);
  const events = data.events.filter(has);

  const close = el("button", "×");
  close.className = "close";
  close.setAttribute("aria-label", "Fermer");
  close.addEventListener("click", onClose);
  const out = [close, el("h2", j.name.fr), el("p", [j.countryName.fr, area?.name.fr].filter(Boolean).join(" · "))];
  if (j.note?.fr) out.push(el("p", j.note.fr));
  if (agreements.length) {
    out.push(el("h3", "Ententes"), list(agreements.map(a => [a.title.fr, String(a.year)])));
  }
  if (events.length) {
    out.push(el("h3", "Rencontres"), list(events.map(e => [e.title.fr, e.years.join(", ")])));
  }
  if (!agreements.length && !events.length) {
    out.push(el("p", "Aucune entente ni rencontre répertoriée."));
  }
  if (j.sectors.length) {
    out.push(el("h3", "Secteurs"), list(j.sectors.map(s => [sectorName.get(s) ?? s])));
  }
  return out;
}

// list returns a <ul> of items, each a text and, if given, years.
function list(items) {
  const ul = document.createElement("ul");
  for (const [text, years] of items) {
    const li = el("li", text);
    if (years) {
      const span = el("span", "(" + years + ")");
      span.className = "years";
      li.append(" ", span);
    }
    ul.append(li);
  }
  return ul;
}

function el(tag, text) {
  const e = document.createElement(tag);
  e.textContent = text;
  return e;
}
