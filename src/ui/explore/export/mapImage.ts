import type { Map as MapLibreMap } from 'maplibre-gl';
import { EXPLORE_COLOURS } from '../../../map/explorePalette';
import type { LegendModel } from './mapLegend';

/**
 * The map as a PNG with its legend and attribution drawn in. MapLibre's WebGL canvas is created without
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

/**
 * Draws the legend box (bottom left) and the attribution strip (bottom right) onto `canvas`, in place.
 * `scale` = device pixels per CSS pixel, so text has the size it has on screen.
 */
export function drawLegendAndAttribution(canvas: HTMLCanvasElement, legend: LegendModel | null, attribution: string, scale: number): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  const pad = 10 * scale;
  const font = 13 * scale;
  const lineHeight = 18 * scale;

  context.font = `${11 * scale}px ${FONT}`;
  const attributionWidth = context.measureText(attribution).width + 12 * scale;
  context.fillStyle = 'rgba(255, 255, 255, 0.9)';
  context.fillRect(canvas.width - attributionWidth - 4 * scale, canvas.height - 20 * scale, attributionWidth, 18 * scale);
  context.fillStyle = '#4a463f';
  context.textBaseline = 'middle';
  context.fillText(attribution, canvas.width - attributionWidth + 2 * scale, canvas.height - 11 * scale);

  if (!legend) return;
  const boxWidth = Math.min(300 * scale, canvas.width - 2 * pad);
  context.font = `600 ${font}px ${FONT}`;
  const titleLines = wrap(context, legend.title, boxWidth - 2 * pad);
  const boxHeight = pad * 2 + titleLines.length * lineHeight + 4 * scale + legend.rows.length * lineHeight;
  const x = pad;
  const y = canvas.height - boxHeight - 26 * scale;
  context.fillStyle = 'rgba(255, 255, 255, 0.94)';
  context.strokeStyle = '#8c877d';
  context.lineWidth = scale;
  context.fillRect(x, y, boxWidth, boxHeight);
  context.strokeRect(x, y, boxWidth, boxHeight);
  context.fillStyle = '#1f1d1a';
  let cy = y + pad + lineHeight / 2;
  for (const line of titleLines) {
    context.fillText(line, x + pad, cy);
    cy += lineHeight;
  }
  cy += 4 * scale;
  context.font = `${font}px ${FONT}`;
  const swatch = 14 * scale;
  for (const row of legend.rows) {
    const sx = x + pad;
    const sy = cy - swatch / 2;
    context.fillStyle = row.colour;
    context.fillRect(sx, sy, swatch, swatch);
    if (row.hatched) drawHatch(context, sx, sy, swatch, scale);
    context.strokeStyle = '#8c877d';
    context.strokeRect(sx, sy, swatch, swatch);
    context.fillStyle = '#1f1d1a';
    context.fillText(row.label, sx + swatch + 8 * scale, cy, boxWidth - 3 * pad - swatch);
    cy += lineHeight;
  }
}

/** The map with legend and attribution as a PNG blob, the size of the map's canvas in device pixels. */
export async function mapPng(map: MapLibreMap, legend: LegendModel | null, attribution: string): Promise<Blob> {
  const canvas = await captureMapCanvas(map);
  const scale = canvas.width / Math.max(1, map.getCanvas().clientWidth);
  drawLegendAndAttribution(canvas, legend, attribution, scale);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob gave nothing'))), 'image/png'));
}
