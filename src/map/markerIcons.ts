import { RESOURCE_CATEGORIES, RESOURCE_CATEGORY_STYLE, resourceIconId, type MarkerShape } from './palette';

/** An RGBA image as map.addImage accepts it, with the pixel ratio it was drawn for. */
export interface MarkerImage {
  id: string;
  width: number;
  height: number;
  data: Uint8ClampedArray;
  pixelRatio: number;
}

/** Vertices of a regular polygon with `sides` corners on the unit circle, first corner at `startDegrees` (0 = up). */
function regularPolygon(sides: number, startDegrees: number): Array<[number, number]> {
  return Array.from({ length: sides }, (_, i) => {
    const a = ((startDegrees + (360 * i) / sides) * Math.PI) / 180;
    return [Math.sin(a), -Math.cos(a)];
  });
}

const SHAPE_POLYGONS: Readonly<Record<Exclude<MarkerShape, 'circle'>, Array<[number, number]>>> = {
  square: regularPolygon(4, 45).map(([x, y]) => [x * 0.9, y * 0.9]),
  diamond: regularPolygon(4, 0),
  triangle: regularPolygon(3, 0).map(([x, y]) => [x * 1.1, y * 1.1 + 0.15]),
  triangle_down: regularPolygon(3, 180).map(([x, y]) => [x * 1.1, y * 1.1 - 0.15]),
  hexagon: regularPolygon(6, 0),
  pentagon: regularPolygon(5, 0),
};

/** Signed distance (unit-circle units, positive inside) of point (x, y) to a convex polygon or the unit circle. */
export function shapeDistance(shape: MarkerShape, x: number, y: number): number {
  if (shape === 'circle') return 1 - Math.hypot(x, y);
  const poly = SHAPE_POLYGONS[shape];
  let minDistance = Infinity;
  let inside = true;
  for (let i = 0; i < poly.length; i++) {
    const [x1, y1] = poly[i]!;
    const [x2, y2] = poly[(i + 1) % poly.length]!;
    const dx = x2 - x1, dy = y2 - y1;
    // Clockwise on screen (y down): the interior is to the right of each edge.
    if ((x - x1) * dy - (y - y1) * dx > 0) inside = false;
    const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)));
    minDistance = Math.min(minDistance, Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy)));
  }
  return inside ? minDistance : -minDistance;
}

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/**
 * Draws one marker: the shape filled with `colour`, a white ring so it stands out on any background.
 * Anti-aliased by coverage from the signed distance. `sizePx` is the logical size; pixels = sizePx · pixelRatio.
 */
export function drawMarker(id: string, shape: MarkerShape, colour: string, sizePx = 18, pixelRatio = 2): MarkerImage {
  const size = Math.round(sizePx * pixelRatio);
  const data = new Uint8ClampedArray(size * size * 4);
  const [r, g, b] = hexToRgb(colour);
  const radiusPx = size / 2 - pixelRatio; // leave a pixel for the anti-aliased edge
  const ringPx = 1.5 * pixelRatio;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const x = (px + 0.5 - size / 2) / radiusPx;
      const y = (py + 0.5 - size / 2) / radiusPx;
      const distancePx = shapeDistance(shape, x, y) * radiusPx;
      const coverage = Math.max(0, Math.min(1, distancePx + 0.5));
      if (coverage === 0) continue;
      const fill = Math.max(0, Math.min(1, distancePx - ringPx + 0.5)); // 1 inside the ring, 0 on it
      const i = (py * size + px) * 4;
      data[i] = Math.round(255 + (r - 255) * fill);
      data[i + 1] = Math.round(255 + (g - 255) * fill);
      data[i + 2] = Math.round(255 + (b - 255) * fill);
      data[i + 3] = Math.round(255 * coverage);
    }
  }
  return { id, width: size, height: size, data, pixelRatio };
}

/** One marker per resource category, ready for map.addImage. */
export function resourceMarkerImages(pixelRatio = 2): MarkerImage[] {
  return RESOURCE_CATEGORIES.map((category) => {
    const { colour, shape } = RESOURCE_CATEGORY_STYLE[category];
    return drawMarker(resourceIconId(category), shape, colour, 18, pixelRatio);
  });
}

/** SVG path data (viewBox -1 -1 2 2) of a shape, for the legend, so legend and map show the same marker. */
export function shapeSvgPoints(shape: MarkerShape): string | undefined {
  if (shape === 'circle') return undefined;
  return SHAPE_POLYGONS[shape].map(([x, y]) => `${x.toFixed(3)},${y.toFixed(3)}`).join(' ');
}
