// vega-canvas stub for the single binary: cx renders SVG only, never a canvas.
module.exports = { canvas: () => null, image: () => null };
