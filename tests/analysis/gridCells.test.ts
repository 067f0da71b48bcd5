import { describe, expect, it } from 'vitest';
import { forEachCellOnSegment, squareGridOver } from '../../src/analysis/gridCells';

const cellsOn = (grid: ReturnType<typeof squareGridOver>, x0: number, y0: number, x1: number, y1: number): number[] => {
  const cells: number[] = [];
  forEachCellOnSegment(grid, x0, y0, x1, y1, (c) => cells.push(c));
  return cells;
};

describe('squareGridOver', () => {
  it('covers the box with cells of the given size: 100 × 50 m in 10 m cells is 11 × 6', () => {
    expect(squareGridOver(0, 0, 100, 50, 10, 1000)).toEqual({ minX: 0, minY: 0, cellSize: 10, cols: 11, rows: 6 });
  });

  it('doubles the cell size until the cell count fits: 66 cells > 20, so 20 m cells, 6 × 3 = 18', () => {
    expect(squareGridOver(0, 0, 100, 50, 10, 20)).toEqual({ minX: 0, minY: 0, cellSize: 20, cols: 6, rows: 3 });
  });

  it('an empty or inverted box, or a non-positive cell size, still gives a usable grid', () => {
    expect(squareGridOver(5, 5, 4, 9, 10, 100)).toEqual({ minX: 0, minY: 0, cellSize: 1, cols: 1, rows: 1 });
    expect(squareGridOver(Number.NaN, 0, 1, 1, 10, 100)).toEqual({ minX: 0, minY: 0, cellSize: 1, cols: 1, rows: 1 });
    expect(squareGridOver(0, 0, 3, 2, 0, 100)).toEqual({ minX: 0, minY: 0, cellSize: 1, cols: 4, rows: 3 });
  });
});

describe('forEachCellOnSegment (a 5 × 5 grid of 10 m cells; cell = row · 5 + col)', () => {
  const grid = squareGridOver(0, 0, 40, 40, 10, 1000);

  it('lists the cells a segment crosses, row by row: (5,5)–(25,12) leaves row 0 at x ≈ 19.3', () => {
    expect(grid).toMatchObject({ cols: 5, rows: 5 });
    // Row 0 (y < 10): x from 5 to 5 + 20 · 5/7 ≈ 19.3 → cols 0, 1; row 1: x from 19.3 to 25 → cols 1, 2.
    expect(cellsOn(grid, 5, 5, 25, 12)).toEqual([0, 1, 6, 7]);
    // Either direction lists the same cells.
    expect(cellsOn(grid, 25, 12, 5, 5)).toEqual([0, 1, 6, 7]);
  });

  it('a segment along a cell border is listed in the cells on both sides (no candidate missed)', () => {
    expect(cellsOn(grid, 5, 10, 35, 10)).toEqual([0, 1, 2, 3, 5, 6, 7, 8]);
    // Through the corner (10, 10) and (20, 20): the diagonal neighbours are listed too.
    expect(cellsOn(grid, 5, 5, 25, 25)).toEqual([0, 1, 5, 6, 7, 11, 12]);
  });

  it('clips to the grid: a segment partly outside lists only its inside cells, one wholly outside none', () => {
    expect(cellsOn(grid, -15, 15, 15, 15)).toEqual([5, 6]);
    expect(cellsOn(grid, 100, 100, 200, 200)).toEqual([]);
    expect(cellsOn(grid, 12, 33, 12, 33)).toEqual([16]); // a point: its own cell
  });
});
