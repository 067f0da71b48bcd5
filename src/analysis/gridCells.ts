/**
 * A regular square grid over a bounding box in local metres, and the walk that lists every cell a segment
 * passes through (a "supercover" of the segment, row by row). Shared by the segment index (streets) and the
 * area raster (polygon edges): both need "which cells does this edge touch" without missing any.
 */

export interface SquareGrid {
  readonly minX: number;
  readonly minY: number;
  readonly cellSize: number;
  readonly cols: number;
  readonly rows: number;
}

/**
 * A grid covering [minX, maxX] × [minY, maxY] with cells of `cellSize` metres, enlarged (doubling the cell size)
 * until it has at most `maxCells` cells. Degenerate or empty boxes give a 1 × 1 grid.
 */
export function squareGridOver(minX: number, minY: number, maxX: number, maxY: number, cellSize: number, maxCells: number): SquareGrid {
  if (!(minX <= maxX && minY <= maxY)) return { minX: 0, minY: 0, cellSize: 1, cols: 1, rows: 1 };
  let size = cellSize > 0 ? cellSize : 1;
  let cols = Math.floor((maxX - minX) / size) + 1;
  let rows = Math.floor((maxY - minY) / size) + 1;
  while (cols * rows > maxCells) {
    size *= 2;
    cols = Math.floor((maxX - minX) / size) + 1;
    rows = Math.floor((maxY - minY) / size) + 1;
  }
  return { minX, minY, cellSize: size, cols, rows };
}

/**
 * Calls `visit(cellIndex)` for every grid cell the segment (x0, y0)–(x1, y1) touches, each once, row by row.
 * Cell index = row · cols + col. The segment is clipped to the grid; a segment outside it visits nothing.
 * Each row's x-range is widened by a hair (1e-9 of a cell) so that a segment running exactly along a cell
 * border is listed in the cells on both sides: the callers then never miss a candidate.
 */
export function forEachCellOnSegment(grid: SquareGrid, x0: number, y0: number, x1: number, y1: number, visit: (cell: number) => void): void {
  const { minX, minY, cellSize, cols, rows } = grid;
  const eps = 1e-9;
  const gx0 = (x0 - minX) / cellSize;
  const gy0 = (y0 - minY) / cellSize;
  const gx1 = (x1 - minX) / cellSize;
  const gy1 = (y1 - minY) / cellSize;
  const dx = gx1 - gx0;
  const dy = gy1 - gy0;
  const rowLo = Math.max(0, Math.floor(Math.min(gy0, gy1) - eps));
  const rowHi = Math.min(rows - 1, Math.floor(Math.max(gy0, gy1) + eps));
  for (let row = rowLo; row <= rowHi; row++) {
    let xa: number;
    let xb: number;
    if (Math.abs(dy) < 1e-12) {
      xa = Math.min(gx0, gx1);
      xb = Math.max(gx0, gx1);
    } else {
      // Parameter range of the part of the segment inside this row's band [row, row + 1].
      let ta = (row - eps - gy0) / dy;
      let tb = (row + 1 + eps - gy0) / dy;
      if (ta > tb) {
        const t = ta;
        ta = tb;
        tb = t;
      }
      if (ta < 0) ta = 0;
      if (tb > 1) tb = 1;
      if (ta > tb) continue;
      const xta = gx0 + ta * dx;
      const xtb = gx0 + tb * dx;
      xa = Math.min(xta, xtb);
      xb = Math.max(xta, xtb);
    }
    const colLo = Math.max(0, Math.floor(xa - eps));
    const colHi = Math.min(cols - 1, Math.floor(xb + eps));
    const base = row * cols;
    for (let col = colLo; col <= colHi; col++) visit(base + col);
  }
}
