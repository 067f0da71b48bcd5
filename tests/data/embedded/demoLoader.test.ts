import { describe, expect, it } from 'vitest';
import { formatIssue, Organisation } from '../../../src/domain';
import { FALLBACK_ORGANISATION, loadDemoWorkspace, parseCollectionFile, type ReadDemoFile } from '../../../src/data/embedded';
import { MAX_REPORTED_RECORDS_PER_FILE } from '../../../src/data/embedded/demoLoader';
import { collections, copy, demoFiles, memoryReader, organisation } from './fixtures';

describe('loadDemoWorkspace', () => {
  it('loads every collection of a valid town with no issues', async () => {
    const { workspace, issues, unreadFiles } = await loadDemoWorkspace(memoryReader(demoFiles()));
    expect(issues).toEqual([]);
    expect(unreadFiles).toEqual([]);
    expect(workspace).toEqual({ v: 1, organisation, ...collections });
  });

  it('reports a file that is not JSON by name and still loads the other collections', async () => {
    const files = { ...demoFiles(), 'streets.json': '[{"id": "street-1",' };
    const { workspace, issues } = await loadDemoWorkspace(memoryReader(files));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ source: 'streets.json', field: '(file)' });
    expect(issues[0]!.row).toBeUndefined();
    expect(issues[0]!.message).toMatch(/^the file is not valid JSON \(.+\); nothing was loaded from it$/);
    expect(workspace.streets).toEqual([]);
    expect(workspace.addresses.map((a) => a.id)).toEqual(['addr-1', 'addr-2', 'addr-3']);
    expect(workspace.areas).toHaveLength(2);
    expect(workspace.organisation).toEqual(organisation);
  });

  it('reports a missing file by name and marks it unread (worth retrying)', async () => {
    const files = demoFiles();
    delete files['events.json'];
    const { workspace, issues, unreadFiles } = await loadDemoWorkspace(memoryReader(files));
    expect(issues).toEqual([
      { source: 'events.json', field: '(file)', message: "the file could not be read (ENOENT: no such file or directory, open 'events.json'); nothing was loaded from it" },
    ]);
    expect(unreadFiles).toEqual(['events.json']);
    expect(workspace.events).toEqual([]);
    expect(workspace.groups).toHaveLength(1);
  });

  it('skips a record with a bad field, naming its row and field, and keeps the others', async () => {
    const addresses = copy(collections.addresses);
    (addresses[1] as { households: number }).households = 0;
    const files = { ...demoFiles(), 'addresses.json': JSON.stringify(addresses) };
    const { workspace, issues } = await loadDemoWorkspace(memoryReader(files));
    expect(issues).toEqual([{ source: 'addresses.json', row: 1, field: 'households', message: 'households must be at least 1', problem: { code: 'too_small', origin: 'number', minimum: 1, inclusive: true } }]);
    expect(formatIssue(issues[0]!)).toBe('addresses.json row 2, field households: households must be at least 1');
    expect(workspace.addresses.map((a) => a.id)).toEqual(['addr-1', 'addr-3']);
  });

  it('falls back to a valid organisation when organisation.json is missing', async () => {
    const files = demoFiles();
    delete files['organisation.json'];
    const { workspace, issues } = await loadDemoWorkspace(memoryReader(files));
    expect(workspace.organisation).toEqual(FALLBACK_ORGANISATION);
    expect(issues).toEqual([
      { source: 'organisation.json', field: '(file)', message: "the file could not be read (ENOENT: no such file or directory, open 'organisation.json'); nothing was loaded from it" },
      { source: 'organisation.json', field: '(file)', message: 'the organisation could not be loaded; showing "Ośrodek demonstracyjny" instead' },
    ]);
    expect(workspace.areas).toHaveLength(2);
  });

  it('falls back when organisation.json fails its schema, naming the field', async () => {
    const files = { ...demoFiles(), 'organisation.json': JSON.stringify({ ...organisation, gminaTeryt: '12060' }) };
    const { workspace, issues } = await loadDemoWorkspace(memoryReader(files));
    expect(workspace.organisation).toEqual(FALLBACK_ORGANISATION);
    expect(issues).toEqual([
      { source: 'organisation.json', field: 'gminaTeryt', message: 'gminaTeryt must be a 7-digit TERYT gmina code ending in the gmina type 1–5', problem: { code: 'bad_format', format: 'regex' } },
      { source: 'organisation.json', field: '(file)', message: 'the organisation could not be loaded; showing "Ośrodek demonstracyjny" instead' },
    ]);
  });

  it('has a fallback organisation that passes its own schema', () => {
    expect(Organisation.safeParse(FALLBACK_ORGANISATION).success).toBe(true);
  });

  it('rejects with an AbortError, not an issue, when aborted during reading', async () => {
    const controller = new AbortController();
    const inner = memoryReader(demoFiles());
    const abortingReader: ReadDemoFile = async (fileName, signal) => {
      if (fileName === 'streets.json') {
        controller.abort();
        throw new DOMException('The operation was aborted.', 'AbortError');
      }
      return inner(fileName, signal);
    };
    await expect(loadDemoWorkspace(abortingReader, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects at once with an AbortError when the signal is already aborted', async () => {
    const error = await loadDemoWorkspace(memoryReader(demoFiles()), AbortSignal.abort()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
  });
});

describe('parseCollectionFile', () => {
  it('reports a file holding an object instead of an array', () => {
    expect(parseCollectionFile('areas', 'areas.json', '{"id": "area-north"}')).toEqual({
      records: [],
      issues: [{ source: 'areas.json', field: '(file)', message: 'the file must hold a JSON array of records; nothing was loaded from it' }],
    });
  });

  it('reports every bad record, each with its own row, and the nested field path', () => {
    const responses = copy(collections.responses);
    (responses[0] as { needs: { category: string; severity: number }[] }).needs[0]!.severity = 4;
    (responses[1] as { householdSize: number }).householdSize = 2.5;
    const { records, issues } = parseCollectionFile('responses', 'responses.json', JSON.stringify(responses));
    expect(records).toEqual([]);
    expect(issues).toEqual([
      { source: 'responses.json', row: 0, field: 'needs.0.severity', message: 'severity must be 1, 2 or 3', problem: { code: 'not_one_of', values: ['1', '2', '3'] } },
      { source: 'responses.json', row: 1, field: 'householdSize', message: 'householdSize must be a whole number', problem: { code: 'wrong_type', expected: 'int' } },
    ]);
  });

  it('rejects an extra key (e.g. a name) in a survey response', () => {
    const withName = [{ ...collections.responses[0], surname: 'Kowalski' }];
    const { records, issues } = parseCollectionFile('responses', 'responses.json', JSON.stringify(withName));
    expect(records).toEqual([]);
    expect(issues).toEqual([{ source: 'responses.json', row: 0, field: '(record)', message: 'Unrecognized key: "surname"', problem: { code: 'unknown_keys', keys: ['surname'] } }]);
  });

  it('skips a repeated id and names the row where it first appeared', () => {
    const areas = [collections.areas[0], collections.areas[1], { ...collections.areas[1], name: 'Drugie Południe' }];
    const { records, issues } = parseCollectionFile('areas', 'areas.json', JSON.stringify(areas));
    expect(records.map((a) => a.name)).toEqual(['Północ', 'Południe']);
    expect(issues).toEqual([{ source: 'areas.json', row: 2, field: 'id', message: 'id "area-south" already appears in row 2; this record was skipped' }]);
  });

  it(`lists at most ${MAX_REPORTED_RECORDS_PER_FILE} bad records per file and counts the rest`, () => {
    // 60 bad records (households 0) around one good one: 50 listed + 1 summary line; the good one loads.
    const bad = Array.from({ length: 60 }, (_, i) => ({ ...collections.addresses[0], id: `bad-${i}`, households: 0 }));
    const { records, issues } = parseCollectionFile('addresses', 'addresses.json', JSON.stringify([...bad, collections.addresses[2]]));
    expect(records.map((a) => a.id)).toEqual(['addr-3']);
    expect(issues).toHaveLength(51);
    expect(issues[49]).toEqual({ source: 'addresses.json', row: 49, field: 'households', message: 'households must be at least 1', problem: { code: 'too_small', origin: 'number', minimum: 1, inclusive: true } });
    expect(issues[50]).toEqual({ source: 'addresses.json', field: '(file)', message: '10 more invalid records were skipped and are not listed' });
  });
});
