import type { Map as MapLibreMap } from 'maplibre-gl';
import { EXPLORE_COLOURS } from '../../../map/explorePalette';
import type { LegendModel } from './mapLegend';

/**
 * The map as a PNG with its legend and attribution beside it. MapLibre's WebGL canvas is created without
 * preserveDrawingBuffer (faster), so its pixels are only readable in the same task as a frame is drawn: ask for a
 * repaint and copy the canvas inside the 'render' event (the usual way to read a WebGL canvas), then
 * compose on a 2D canvas of the same size in device pixels.
 */
export function captureMapCanvas(map: MapLibreMap): Promise<HTMLCanvasElement> {
  return new Promise((resolve, reject) => {
    map.once('render', () => {
      try {
        const source = map.getCanvas();
        const copy = document.createElement('canvas');
        copy.width = source.width;
        copy.height = source.height;
        const context = copy.getContext('2d');
        if (!context) throw new Error('no 2D canvas');
        context.drawImage(source, 0, 0);
        resolve(copy);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    map.triggerRepaint();
  });
}

const FONT = 'system-ui, "Noto Sans", "DejaVu Sans", sans-serif';

/** Wraps `text` to lines no wider than `maxWidth` (by words). */
function wrap(context: CanvasRenderingContext2D, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && context.measureText(next).width > maxWidth) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

function drawHatch(context: CanvasRenderingContext2D, x: number, y: number, size: number, scale: number): void {
  context.save();
  context.beginPath();
  context.rect(x, y, size, size);
  context.clip();
  context.strokeStyle = EXPLORE_COLOURS.suppressedLine;
  context.lineWidth = 1.6 * scale;
  for (let d = -size; d < size * 2; d += 6 * scale) {
    context.beginPath();
    context.moveTo(x + d, y + size);
    context.lineTo(x + d + size, y);
    context.stroke();
  }
  context.restore();
}

/** Width of the legend column beside the map, CSS px. */
export const LEGEND_COLUMN_CSS_PX = 300;

/**
 * The exported image: the map as it is on screen, and to its right a white column with the legend (title, classes,
 * suppression) and, at its foot, the attribution. Nothing is drawn over the map, so no estate or street is hidden.
 * `scale` = device pixels per CSS pixel, so text has the size it has on screen. Returns a new canvas.
 */
export function composeMapImage(map: HTMLCanvasElement, legend: LegendModel | null, attribution: string, scale: number): HTMLCanvasElement {
  const pad = 12 * scale;
  const font = 13 * scale;
  const lineHeight = 18 * scale;
  const column = Math.round(LEGEND_COLUMN_CSS_PX * scale);
  const measure = document.createElement('canvas').getContext('2d');
  if (!measure) throw new Error('no 2D canvas');
  measure.font = `600 ${font}px ${FONT}`;
  const titleLines = legend ? wrap(measure, legend.title, column - 2 * pad) : [];
  measure.font = `${11 * scale}px ${FONT}`;
  const attributionLines = wrap(measure, attribution, column - 2 * pad);
  const legendHeight = pad * 2 + titleLines.length * lineHeight + 6 * scale + (legend?.rows.length ?? 0) * lineHeight;
  const height = Math.max(map.height, Math.ceil(legendHeight + attributionLines.length * 15 * scale + pad * 2));

  const canvas = document.createElement('canvas');
  canvas.width = map.width + column;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(map, 0, 0);
  context.strokeStyle = '#8c877d';
  context.lineWidth = scale;
  context.beginPath();
  context.moveTo(map.width + scale / 2, 0);
  context.lineTo(map.width + scale / 2, canvas.height);
  context.stroke();

  const x = map.width + pad;
  context.textBaseline = 'middle';
  let cy = pad + lineHeight / 2;
  if (legend) {
    context.font = `600 ${font}px ${FONT}`;
    context.fillStyle = '#1f1d1a';
    for (const line of titleLines) {
      context.fillText(line, x, cy);
      cy += lineHeight;
    }
    cy += 6 * scale;
    context.font = `${font}px ${FONT}`;
    const swatch = 14 * scale;
    for (const row of legend.rows) {
      const sy = cy - swatch / 2;
      context.fillStyle = row.colour;
      context.fillRect(x, sy, swatch, swatch);
      if (row.hatched) drawHatch(context, x, sy, swatch, scale);
      context.strokeStyle = '#8c877d';
      context.strokeRect(x, sy, swatch, swatch);
      context.fillStyle = '#1f1d1a';
      context.fillText(row.label, x + swatch + 8 * scale, cy, column - 3 * pad - swatch);
      cy += lineHeight;
    }
  }
  context.font = `${11 * scale}px ${FONT}`;
  context.fillStyle = '#4a463f';
  let ay = canvas.height - pad - (attributionLines.length - 0.5) * 15 * scale;
  for (const line of attributionLines) {
    context.fillText(line, x, ay);
    ay += 15 * scale;
  }
  return canvas;
}

/** The map (in device pixels) with the legend and attribution in a column beside it, as a PNG blob. */
export async function mapPng(map: MapLibreMap, legend: LegendModel | null, attribution: string): Promise<Blob> {
  const captured = await captureMapCanvas(map);
  const scale = captured.width / Math.max(1, map.getCanvas().clientWidth);
  const canvas = composeMapImage(captured, legend, attribution, scale);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob gave nothing'))), 'image/png'));
}
