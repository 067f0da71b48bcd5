import { resolveObjectURL } from 'node:buffer';
import type { FeatureCollection, Point } from 'geojson';
import { describe, expect, it } from 'vitest';
import { sourceData, TEXT_SOURCE_MIN_FEATURES } from '../../src/map/sourceText';

const points = (n: number): FeatureCollection<Point, { id: string }> => ({
  type: 'FeatureCollection',
  features: Array.from({ length: n }, (_, i) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [20 + i / 1e5, 50] }, properties: { id: `a-${i}` } })),
});

describe('sourceData', () => {
  it('hands a small source over as the objects themselves', () => {
    const small = points(TEXT_SOURCE_MIN_FEATURES - 1);
    expect(sourceData(small).data).toBe(small);
  });

  it('hands a large source over as a Blob URL of its JSON text, released on demand', async () => {
    const large = points(TEXT_SOURCE_MIN_FEATURES);
    const { data, release } = sourceData(large);
    expect(data).toMatch(/^calmap-text:\/\/blob%3A/);
    const blobUrl = decodeURIComponent((data as string).slice("calmap-text://".length));
    const blob = resolveObjectURL(blobUrl);
    expect(JSON.parse(await blob!.text())).toEqual(large);
    release();
    expect(resolveObjectURL(blobUrl)).toBeUndefined();
  });
});
