import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_DIR, generateDemoTown } from '../../data/generate';
import { generateCityTown, roman, writeCityWorkspaceFile } from '../../data/town/city';
import { parseWorkspaceFile } from '../../src/data/import/workspaceFile';

/** Issue 16 item 2: the demo generator run per district of a city (data/town/city.ts). */
describe('city-sized town generator', () => {
  const demo = generateDemoTown();
  const city = generateCityTown({ cols: 2, rows: 1, responseRateScale: 1.5 });
  const lngsOf = (prefix: string) => city.addresses.filter((a) => a.id.startsWith(prefix)).map((a) => a.location.coordinates[0]!);

  it('makes one demo-sized district per grid cell, side by side and apart, with names of their own', () => {
    expect(city.streets.length).toBe(2 * demo.streets.length);
    expect(city.areas.length).toBe(2 * demo.areas.length);
    // Its own seed per district: same layout rules, other addresses.
    expect(Math.abs(city.addresses.length - 2 * demo.addresses.length)).toBeLessThan(0.05 * demo.addresses.length);
    expect(Math.min(...lngsOf('d2-'))).toBeGreaterThan(Math.max(...lngsOf('d1-')));
    // Street units merge records by name: two districts sharing "Krakowska" would be one street.
    expect(new Set(city.streets.map((s) => s.name)).size).toBe(city.streets.length);
    expect(city.streets.filter((s) => s.name.endsWith(' II')).length).toBe(demo.streets.length);
    expect(roman(14)).toBe('XIV');
  });

  it('raises the answers per address with responseRateScale', () => {
    const perAddress = (n: number, addresses: number) => n / addresses;
    expect(perAddress(city.responses.length, city.addresses.length)).toBeGreaterThan(1.4 * perAddress(demo.responses.length, demo.addresses.length));
    expect(city.campaigns.map((c) => c.householdsTargeted)).toEqual(city.campaigns.map(() => city.addresses.reduce((s, a) => s + (a.households ?? 0), 0)));
  });

  it('writes a workspace file the app reads back, and never into data/demo', () => {
    const dir = mkdtempSync(join(tmpdir(), 'calmap-city-'));
    try {
      const { file } = writeCityWorkspaceFile({ cols: 1, rows: 1 }, dir, DEMO_DIR);
      const parsed = parseWorkspaceFile(readFileSync(file, 'utf8'));
      expect(parsed.ok && parsed.workspace.addresses.length).toBeGreaterThan(7000);
      expect(() => writeCityWorkspaceFile({ cols: 1, rows: 1 }, DEMO_DIR, DEMO_DIR)).toThrow(/not written into/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
