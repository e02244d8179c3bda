/* Maps draw the country shapes the tool ships (each trace's geojson) with every base layer
   off; an empty world topology stops plotly.js from fetching its own from a CDN. */
(function () {
  var assets = window.PlotlyGeoAssets = window.PlotlyGeoAssets || {};
  assets.topojson = assets.topojson || {};
  var none = {type: "GeometryCollection", geometries: []};
  ["world_110m", "world_50m"].forEach(function (name) {
    assets.topojson[name] = assets.topojson[name] || {type: "Topology", arcs: [], objects: {
      land: none, ocean: none, lakes: none, rivers: none, coastlines: none, countries: none,
      subunits: none}};
  });
})();
