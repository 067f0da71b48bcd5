import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportWorkspaceFile, migrateWorkspaceFile, parseWorkspaceFile } from '../../../src/data/import';
import { loadDemoWorkspace } from '../../../src/data/embedded/demoLoader';
import type { Workspace } from '../../../src/domain';
import { deepFreeze, mulberry32, townWorkspace } from './fixtures';

const readDemo = async (name: string) => readFileSync(new URL(`../../../data/demo/${name}`, import.meta.url), 'utf8');

/** Random text a user could type: Polish letters, quotes, HTML, emoji, line breaks; trimmed and non-empty like Name. */
function randomName(random: () => number): string {
  const pieces = ['Łąkowa', 'ŻÓŁW', '<script>alert(1)</script>', '"cudzysłów"', "O'Hara", '🙂', 'a\nb', '\\', 'ul. 3 Maja', '&amp;', '\u0000x'];
  const n = 1 + Math.floor(random() * 3);
  return Array.from({ length: n }, () => pieces[Math.floor(random() * pieces.length)]!).join(' ').trim();
}

/** A workspace with random but valid records (seeded): the generator of the round-trip property. */
function randomWorkspace(seed: number): Workspace {
  const random = mulberry32(seed);
  const ws = townWorkspace();
  const coordinate = (): [number, number] => [14 + random() * 10, 49 + random() * 5];
  ws.streets = ws.streets.map((s, i) => ({ ...s, id: `s${seed}-${i}`, name: randomName(random), geometry: { type: 'MultiLineString', coordinates: [[coordinate(), coordinate(), coordinate()]] } }));
  ws.addresses = ws.addresses.map((a, i) => ({ ...a, streetId: ws.streets[i % ws.streets.length]!.id, location: { type: 'Point', coordinates: coordinate() }, households: 1 + Math.floor(random() * 1000) }));
  ws.resources = Array.from({ length: Math.floor(random() * 5) }, (_, i) => ({
    id: `r${i}`, name: randomName(random), kind: 'ngo' as const, location: { type: 'Point' as const, coordinates: coordinate() }, serves: random() < 0.5 ? [] : ['health' as const], coalitions: random() < 0.5 ? [] : [randomName(random)],
    ...(random() < 0.5 ? { address: randomName(random) } : {}),
  }));
  ws.responses = Array.from({ length: Math.floor(random() * 20) }, (_, i) => ({
    id: `q${i}`, campaignId: 'campaign-2025-w1', addressId: ws.addresses[i % ws.addresses.length]!.id, date: '2025-05-05', householdSize: 1 + Math.floor(random() * 20),
    needs: random() < 0.5 ? [] : [{ category: 'unemployment' as const, severity: (1 + Math.floor(random() * 3)) as 1 | 2 | 3 }], nuisances: [], offers: random() < 0.5 ? [] : ['cooking' as const],
    ...(random() < 0.3 ? { leaderCandidate: { consent: true as const, interests: ['health' as const] } } : {}),
  }));
  return ws;
}

describe('workspace file', () => {
  it('round-trips the demo town losslessly', async () => {
    const { workspace } = await loadDemoWorkspace(readDemo);
    const text = exportWorkspaceFile(deepFreeze(workspace), new Date('2025-06-01T12:00:00Z'));
    const parsed = parseWorkspaceFile(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.workspace).toEqual(workspace);
      expect(parsed.exportedAt).toBe('2025-06-01T12:00:00.000Z');
    }
  });

  it('property: export → import is deep-equal for 200 random workspaces', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const ws = deepFreeze(randomWorkspace(seed));
      const parsed = parseWorkspaceFile(exportWorkspaceFile(ws));
      if (!parsed.ok) throw new Error(`seed ${seed}: ${parsed.issues[0]!.field} ${parsed.issues[0]!.message}`);
      expect(parsed.workspace).toEqual(ws);
    }
  });

  it('says clearly what is wrong', () => {
    const valid = JSON.parse(exportWorkspaceFile(townWorkspace()));
    const problems = (text: string) => {
      const r = parseWorkspaceFile(text);
      return r.ok ? [] : r.issues.map((i) => `${i.field}: ${i.msg ? i.msg.code : i.problem?.code} ${i.message}`);
    };
    expect(problems('{')[0]).toMatch(/^\(file\): not_json /);
    expect(parseWorkspaceFile('{"format":"other"}')).toMatchObject({ ok: false, issues: [{ field: 'format', msg: { code: 'workspace_wrong_format', format: 'cal-map-workspace' } }] });
    expect(parseWorkspaceFile(JSON.stringify({ ...valid, v: 7 }))).toMatchObject({ ok: false, issues: [{ field: 'v', msg: { code: 'workspace_newer', version: 7, supported: 1 } }] });
    const broken = structuredClone(valid);
    broken.workspace.streets[1].geometry.coordinates[0][1][1] = 'north';
    expect(problems(JSON.stringify(broken))).toEqual(['workspace.streets.1.geometry.coordinates.0.1.1: wrong_type latitude must be a finite number (not NaN, Infinity or text)']);
  });

  it('migration hook: runs each step in order, and names a missing step', () => {
    const steps = { 1: (f: Record<string, unknown>) => ({ ...f, v: 2, ws: f.workspace }), 2: (f: Record<string, unknown>) => ({ ...f, v: 3, trail: 'upgraded twice' }) };
    expect(migrateWorkspaceFile({ v: 1, workspace: 'W' }, 1, 3, steps)).toEqual({ ok: true, file: { v: 3, workspace: 'W', ws: 'W', trail: 'upgraded twice' } });
    expect(migrateWorkspaceFile({ v: 1 }, 1, 3, { 1: steps[1] })).toEqual({ ok: false, msg: { code: 'workspace_no_upgrade', from: 1, step: 2 } });
  });
});
