import { IDBFactory, IDBObjectStore as FakeIDBObjectStore } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { planImport } from '../../src/data/import';
import type { DataSource, WorkspaceChanges } from '../../src/data/dataSource';
import { createEmbeddedDataSource } from '../../src/data/embedded';
import { crsCandidateText, encodingReasonText, issueText } from '../../src/ui/importWizard/issueText';
import { suggestImportKind } from '../../src/ui/importWizard/kindGuess';
import { previewFit } from '../../src/ui/importWizard/previewGeometry';
import { applyWorkspaceReplacement, planWorkspaceReplacement } from '../../src/ui/importWizard/workspaceReplace';
import { workspaceFileName } from '../../src/ui/importWizard/WorkspaceFilePanel';
import { demoFiles, memoryReader } from '../data/embedded/fixtures';
import { deepFreeze, encodeCp1250, townWorkspace } from '../data/import/fixtures';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('what kind of file is this?', () => {
  it('reads survey answers, resources and addresses from CSV headers, and streets from GeoJSON lines', () => {
    expect(suggestImportKind('ankiety.csv', utf8('Adres;Data;Liczba osób;Bezrobocie;Samotność\nPolna 1;05.05.2025;3;2;0\n'))).toBe('responses');
    expect(suggestImportKind('zasoby.csv', encodeCp1250('Nazwa;Rodzaj;Adres\nBiblioteka Łąkowa;biblioteka;ul. Polna 1\n'))).toBe('resources');
    expect(suggestImportKind('adresy.csv', utf8('Ulica,Numer,Lon,Lat,Gospodarstwa\nPolna,1,19.3,50.15,4\n'))).toBe('addresses');
    expect(suggestImportKind('export.geojson', utf8('{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[19,50],[19.1,50]]},"properties":{"name":"Polna"}}]}'))).toBe('streets');
    expect(suggestImportKind('budynki.geojson', utf8('{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[19,50]},"properties":{"addr:housenumber":"1"}}]}'))).toBe('addresses');
    // An RSPO export of schools has addresses too, but names institutions: resources.
    expect(suggestImportKind('rspo.geojson', utf8('{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[23.47,51.13]},"properties":{"ref:rspo":"1234","official_name":"Szkoła Podstawowa nr 1","amenity":"school","addr:housenumber":"5"}}]}'))).toBe('resources');
    expect(suggestImportKind('notatki.txt', utf8('cokolwiek;innego\n1;2\n'))).toBeNull();
  });
});

describe('the pipeline’s coded messages in words', () => {
  it('words the messages a user meets most, keeping names and numbers', () => {
    expect(issueText({ message: '', msg: { code: 'x_not_number' } }, 'pl')).toBe('x / długość geograficzna musi być liczbą, np. 19.2563 albo 19,2563');
    expect(issueText({ message: '', msg: { code: 'row_cell_count', cells: 5, columns: 4 } }, 'pl')).toBe('liczba komórek w wierszu: 5, a kolumn w nagłówku: 4 (czy brakuje separatora albo cudzysłowu?)');
    expect(issueText({ message: '', msg: { code: 'address_unmatched', reason: 'unknown_street', streets: ['ul. Lubelska', 'ul. Lwowska'], numbers: [] } }, 'pl')).toBe('nie ma takiej ulicy w danych miasta; czy chodziło o: ul. Lubelska, ul. Lwowska?');
    expect(issueText({ message: '', msg: { code: 'address_unmatched', reason: 'unknown_street', streets: ['ul. Lubelska'], numbers: [] } }, 'en')).toBe('no street of this name in the workspace; did you mean ul. Lubelska?');
    expect(issueText({ message: '', msg: { code: 'personal_data_column', column: 'Telefon' } }, 'pl')).toBe('kolumna „Telefon” wygląda na dane osobowe — nie importujemy jej');
    expect(issueText({ message: '', msg: { code: 'unknown_resource_kind', value: 'świetlica' } }, 'pl')).toMatch(/^„świetlica” nie jest znanym rodzajem instytucji/);
    // A record schema's refusal is worded from its coded problem.
    expect(issueText({ message: 'households must be at least 1', problem: { code: 'too_small', origin: 'number', minimum: 1, inclusive: true } }, 'pl')).toBe('wartość musi wynosić co najmniej 1');
  });

  it('words every issue a real broken plan produces, in Polish, from codes', async () => {
    const csv = 'Nazwa;Rodzaj;Lon;Lat\nBiblioteka;biblioteka;23,47;51,14\n;szkoła;23,47;51,14\nŚwietlica;ufo;abc;51,14\nKlub;klub seniora;23,47;51,14;nadmiar\n';
    const plan = await planImport('resources', csv, {}, deepFreeze(townWorkspace()));
    expect(plan.errorCount).toBeGreaterThanOrEqual(4);
    expect(plan.issues.filter((i) => !i.msg && !i.problem)).toEqual([]);
    const texts = plan.issues.map((i) => issueText(i, 'pl'));
    expect(texts).toContain('„ufo” nie jest znanym rodzajem instytucji (np. szkoła, biblioteka, dom kultury, parafia, NGO, MOPS, inne)');
    for (const text of texts) expect(text, text).not.toMatch(/\{\w+\}|\b(the|must|is|not|row|column)\b/);
  });

  it('says why the encoding and coordinate system were chosen', () => {
    expect(encodingReasonText({ code: 'polish_letters', chosen: 'windows-1250', letters: 14, other: 'iso-8859-2', otherLetters: 3 }, 'pl')).toBe('to nie jest UTF-8; polskich liter przy odczycie jako windows-1250: 14, jako iso-8859-2: 3');
    expect(encodingReasonText({ code: 'valid_utf8' }, 'en')).toBe('the bytes are valid UTF-8');
    expect(crsCandidateText({ code: 'EPSG:2180', axisOrder: 'yx', fitInPoland: 1, sampled: 12 }, 'pl')).toBe('PUWG 1992 (EPSG:2180, układ krajowy), osie zamienione (najpierw szerokość/północ): 100% z 12 sprawdzonych punktów leży w Polsce');
  });
});

describe('the preview says where the points landed', () => {
  it('counts points inside the town (with a ~2 km margin) and the box around all of them', () => {
    // Dębowo's box; one point in town, one at the town's edge + 1 km, one in Austria (EPSG:2180 numbers read as degrees, say).
    const town: [number, number, number, number] = [19.28, 50.13, 19.33, 50.17];
    const points = Float64Array.of(19.3, 50.15, 19.34, 50.15, 12.1, 47.8);
    expect(previewFit(points, town)).toEqual({ total: 3, inTown: 2, bounds: [12.1, 47.8, 19.34, 50.15] });
    expect(previewFit(new Float64Array(0), town)).toEqual({ total: 0, inTown: 0, bounds: undefined });
  });
});

describe('replacing the workspace from a file', () => {
  it('writes only what changed and deletes what the file does not hold, in one applyChanges call', async () => {
    const current = deepFreeze(townWorkspace());
    const next = townWorkspace();
    next.addresses = next.addresses.filter((a) => a.id !== 'addr-lubelska-7');
    next.addresses[0] = { ...next.addresses[0]!, households: 9 };
    next.resources = [{ id: 'res-1', name: 'Biblioteka', kind: 'library', location: { type: 'Point', coordinates: [23.47, 51.14] }, serves: [], coalitions: [] }];
    const replacement = planWorkspaceReplacement(current, next);
    expect(Object.keys(replacement.upserts).sort()).toEqual(['addresses', 'resources']);
    expect(replacement.upserts.addresses!.map((a) => a.id)).toEqual(['addr-jp2-12a']);
    expect(replacement.deletes).toEqual([{ collection: 'addresses', id: 'addr-lubelska-7' }]);
    expect(replacement.organisationDiffers).toBe(false);
    // 6 streets + 5 untouched addresses + 1 campaign.
    expect(replacement.unchanged).toBe(12);

    const calls: WorkspaceChanges[] = [];
    const source = { kind: 'embedded', applyChanges: async (changes: WorkspaceChanges) => (calls.push(changes), { ok: true }) } as unknown as DataSource;
    expect(await applyWorkspaceReplacement(source, replacement)).toEqual({ ok: true });
    // ONE call: upserts and deletes together, so the workspace is replaced wholly or not at all.
    expect(calls).toEqual([{ upserts: { addresses: [next.addresses[0]], resources: next.resources }, deletes: { addresses: ['addr-lubelska-7'] } }]);
    expect(await applyWorkspaceReplacement(source, planWorkspaceReplacement(current, current))).toEqual({ ok: true });
    expect(calls).toHaveLength(1);
  });

  it('a failure in the middle of the replacement leaves the stored workspace as it was (embedded store)', async () => {
    const store = createEmbeddedDataSource({ dbName: 'replace', indexedDB: new IDBFactory(), readDemoFile: memoryReader(demoFiles()) });
    const current = deepFreeze((await store.loadWorkspace()).workspace);
    const next = structuredClone(current);
    next.streets[0] = { ...next.streets[0]!, name: 'Słoneczna Nowa' };
    next.addresses = next.addresses.filter((a) => a.id !== 'addr-3');
    next.events = [];
    next.resources.push({ id: 'res-library', name: 'Biblioteka', kind: 'library', location: { type: 'Point', coordinates: [19.006, 50.006] }, serves: [], coalitions: [] });
    const replacement = planWorkspaceReplacement(current, next);
    // 2 upserts (street-1, res-library) and 2 deletes (addr-3, ev-1): the last put fails.
    const original = FakeIDBObjectStore.prototype.put;
    let puts = 0;
    const put = vi.spyOn(FakeIDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<typeof original>) {
      if (++puts === 4) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return original.apply(this, args);
    });
    const result = await applyWorkspaceReplacement(store, replacement);
    put.mockRestore();
    expect(puts).toBe(4);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues[0]).toMatchObject({ field: '(storage)', message: expect.stringMatching(/nothing was saved$/) });
    expect((await store.loadWorkspace()).workspace).toEqual(current);
    // Without the failure the same replacement makes the store hold exactly the file.
    expect(await applyWorkspaceReplacement(store, replacement)).toEqual({ ok: true });
    expect((await store.loadWorkspace()).workspace).toEqual(next);
  });

  it('returns the refusal as it is, and names the file by town and day', async () => {
    const replacement = planWorkspaceReplacement(townWorkspace(), { ...townWorkspace(), streets: [] });
    const refusal = { ok: false as const, issues: [{ source: 'streets', row: 2, field: 'id', message: 'nope' }] };
    const source = { kind: 'embedded', applyChanges: async () => refusal } as unknown as DataSource;
    expect(await applyWorkspaceReplacement(source, replacement)).toEqual(refusal);
    expect(workspaceFileName('Dębowo Górne', new Date('2025-06-01T10:00:00Z'))).toBe('cal-map-Dębowo-Górne-2025-06-01.json');
  });
});
