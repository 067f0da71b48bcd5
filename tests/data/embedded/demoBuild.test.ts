import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDemoMap, demoPreloadScript, validatedDemoDigests } from '../../../data/demoMapPlugin';
import { collectionFileName, loadDemoWorkspace, sha256Hex, type ReadDemoFile } from '../../../src/data/embedded/demoLoader';
import { FIRST_PAINT_SOURCES } from '../../../src/data/firstPaint';
import { COLLECTION_NAMES } from '../../../src/domain';
import { buildMapData } from '../../../src/map/mapData';

/**
 * What the build makes from data/demo (data/demoMapPlugin.ts) for the first paint (issue #16): the map sources the
 * browser draws before the workspace loads, and the digests of the files it validated, which the browser then reads
 * without checking each record again. Both must describe exactly the town the app loads.
 */
const DEMO_DIR = join(import.meta.dirname, '../../../data/demo');
const readDemo: ReadDemoFile = (fileName) => readFile(join(DEMO_DIR, fileName), 'utf8');

describe('the demo town as the build ships it', () => {
  it('draws at first paint the very sources the loaded workspace gives, all but the addresses', async () => {
    const { workspace, issues } = await loadDemoWorkspace(readDemo);
    expect(issues).toEqual([]);
    const expected = buildMapData(workspace);
    const built = await buildDemoMap(DEMO_DIR);
    expect(Object.keys(built.files).sort()).toEqual([...FIRST_PAINT_SOURCES].sort());
    for (const key of FIRST_PAINT_SOURCES) expect(JSON.parse(built.files[key]), key).toEqual(JSON.parse(JSON.stringify(expected[key])));
    expect(built.bounds).toEqual(expected.bounds);
    expect(built.files.streets.length).toBeGreaterThan(10_000); // not vacuous: the streets are there
  });

  it('gives each valid file its SHA-256, and a loader trusting those digests reads the same town', async () => {
    const digests = await validatedDemoDigests(DEMO_DIR);
    expect(Object.keys(digests).sort()).toEqual(COLLECTION_NAMES.map(collectionFileName).sort());
    // By hand: sha256 of "abc" (FIPS 180-2, appendix B.1).
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(digests['streets.json']).toBe(await sha256Hex(await readDemo('streets.json')));

    const trusted: string[] = [];
    const trust = async (fileName: string, text: string) => {
      const ok = digests[fileName] === (await sha256Hex(text));
      if (ok) trusted.push(fileName);
      return ok;
    };
    const validated = await loadDemoWorkspace(readDemo);
    const fast = await loadDemoWorkspace(readDemo, undefined, trust);
    expect(trusted.sort()).toEqual(Object.keys(digests).sort());
    expect(fast.issues).toEqual([]);
    expect(fast.workspace).toEqual(validated.workspace);
  });

  it('validates a file again when its text is not the one the build validated', async () => {
    const digests = await validatedDemoDigests(DEMO_DIR);
    const trust = async (fileName: string, text: string) => digests[fileName] === (await sha256Hex(text));
    // A served responses.json changed after the build: its first record made invalid.
    const tampered: ReadDemoFile = async (fileName) => {
      const text = await readDemo(fileName);
      if (fileName !== 'responses.json') return text;
      const records = JSON.parse(text) as Array<Record<string, unknown>>;
      records[0] = { ...records[0], householdSize: -3 };
      return JSON.stringify(records);
    };
    const { workspace, issues } = await loadDemoWorkspace(tampered, undefined, trust);
    expect(issues.map((i) => [i.source, i.row])).toEqual([['responses.json', 0]]);
    const all = JSON.parse(await readDemo('responses.json')) as unknown[];
    expect(workspace.responses.length).toBe(all.length - 1);
  });
});

describe("index.html's preload of the demo town (issue #16)", () => {
  /** Runs the inline script on a page at `url` with `workspace` stored as the open one; the hrefs it preloads. */
  function preloadsOn(url: string, workspace: string | null, base = '/'): string[] {
    const { pathname, hash } = new URL(url);
    const links: Array<Record<string, string>> = [];
    const createElement = () => {
      const link: Record<string, unknown> = {};
      link.setAttribute = (name: string, value: string) => (link[name] = value);
      return link;
    };
    const document = { createElement, head: { appendChild: (l: Record<string, string>) => links.push(l) } };
    const localStorage = { getItem: (key: string) => (key === 'calmap.workspace' ? workspace : null) };
    new Function('location', 'localStorage', 'document', demoPreloadScript(['/assets/responses-1.json', '/assets/addresses-2.json'], base))({ pathname, hash }, localStorage, document);
    for (const l of links) expect(l).toMatchObject({ rel: 'preload', as: 'fetch', crossOrigin: 'anonymous', fetchpriority: 'low' });
    return links.map((l) => l.href!);
  }

  it('preloads the demo files for a planner on the demo town', () => {
    expect(preloadsOn('https://ops.example/', null)).toEqual(['/assets/responses-1.json', '/assets/addresses-2.json']);
    expect(preloadsOn('https://ops.example/#v=raport', 'demo')).toHaveLength(2);
    expect(preloadsOn('https://ops.example/app/', null, '/app/')).toHaveLength(2);
  });

  it('never on a partner page (a share link, an opened package), nor when the browser has another workspace open', () => {
    expect(preloadsOn('https://ops.example/s/0123abcd', null)).toEqual([]);
    expect(preloadsOn('https://ops.example/app/s/0123abcd', null, '/app/')).toEqual([]);
    expect(preloadsOn('https://ops.example/#partner', null)).toEqual([]);
    expect(preloadsOn('https://ops.example/#partner/file', null)).toEqual([]);
    expect(preloadsOn('https://ops.example/', 'ws-debogrod-1')).toEqual([]);
  });
});

