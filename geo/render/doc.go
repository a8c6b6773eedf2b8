// Package render draws qcmap's map: the page's map and its level-of-detail
// fragments (MapSVG, LevelFragment), and the scene of a picture (NewScene)
// with its SVG writer (Scene.SVG); package render/png rasterizes a scene.
// Every rule it follows (framing, zoom range, label steps, palette, dim
// levels, legend, texts) is carto's. It imports no net/http and no
// golang.org/x/image: text is measured by a function its caller passes.
package render
