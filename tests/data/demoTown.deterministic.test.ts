import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, DEMO_DIR, demoFiles, generateDemoTown } from '../../data/generate';
import { Rng } from '../../data/town/prng';

describe('demo town generator', () => {
  const files = demoFiles(generateDemoTown(DEFAULT_SEED));

  it('regenerates the committed data/demo byte for byte from the default seed', () => {
    expect(readdirSync(DEMO_DIR).filter((f) => f.endsWith('.json')).sort()).toEqual(Object.keys(files).sort());
    for (const [file, content] of Object.entries(files)) expect(content === readFileSync(join(DEMO_DIR, file), 'utf8'), `${file} differs; run npm run generate:demo`).toBe(true);
  });

  it('gives the same bytes twice in one process, and different addresses and answers for another seed', () => {
    expect(demoFiles(generateDemoTown(DEFAULT_SEED))).toEqual(files);
    const other = demoFiles(generateDemoTown(DEFAULT_SEED + 1));
    expect(other['addresses.json']).not.toBe(files['addresses.json']);
    expect(other['responses.json']).not.toBe(files['responses.json']);
    // The town plan (areas) does not depend on the seed; only what is drawn on it does.
    expect(other['areas.json']).toBe(files['areas.json']);
  });

  it('writes one record a line, so a diff shows the records that changed', () => {
    const lines = files['addresses.json']!.trimEnd().split('\n');
    expect(lines[0]).toBe('[');
    expect(lines[lines.length - 1]).toBe(']');
    expect(lines.length - 2).toBe(JSON.parse(files['addresses.json']!).length);
  });
});

describe('Rng (mulberry32)', () => {
  it('repeats its sequence for a seed and is uniform enough: mean of 10 000 draws ≈ 0.5', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const xs = Array.from({ length: 10_000 }, () => a.next());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b.next()));
    // Uniform [0,1): variance 1/12, so the mean of n = 10 000 has sd √(1/12/10 000) ≈ 0.0029; 5 sd ≈ 0.0144.
    expect(Math.abs(xs.reduce((s, x) => s + x, 0) / xs.length - 0.5)).toBeLessThan(0.0144);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });

  it('samples k distinct indices of n in increasing order', () => {
    const s = new Rng(7).sample(85, 60);
    expect(s).toHaveLength(60);
    expect(new Set(s).size).toBe(60);
    expect(s).toEqual(s.slice().sort((x, y) => x - y));
    expect(s[59]).toBeLessThan(85);
  });
});
