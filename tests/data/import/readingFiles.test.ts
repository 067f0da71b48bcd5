import { describe, expect, it } from 'vitest';
import { decodeText, detectDelimiter, IssueCollector, readCsv, readGeoJson } from '../../../src/data/import';
import { encodeCp1250, encodeIso88592, utf8WithBom } from './fixtures';

const POLISH_CSV = 'Ulica;Nr domu;Data;Bezrobocie;Uciążliwości\n"ul. Świętego Mikołaja";2;05.05.2025;3;"hałas; śmieci"\nŻółkiewskiego;12A/3;6.05.2025;0;\n';

describe('decodeText', () => {
  it('reads a ;-separated Windows-1250 file from Polish Excel', () => {
    const bytes = encodeCp1250(POLISH_CSV);
    expect(bytes.includes(0x9c)).toBe(true); // "ś" is 0x9C in Windows-1250: not valid UTF-8 on its own
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe('windows-1250');
    expect(decoded.text).toBe(POLISH_CSV);
  });

  it('tells ISO-8859-2 from Windows-1250 by the letters ą ś ź', () => {
    const decoded = decodeText(encodeIso88592('Świętego Mikołaja; Ząbkowska; źródło; ąś'));
    expect(decoded.encoding).toBe('iso-8859-2');
    expect(decoded.text).toBe('Świętego Mikołaja; Ząbkowska; źródło; ąś');
  });

  it('strips a UTF-8 byte order mark and reports it', () => {
    const decoded = decodeText(utf8WithBom('Adres,Data\nLubelska 5,2025-05-05\n'));
    expect(decoded).toMatchObject({ encoding: 'utf-8', bom: true, text: 'Adres,Data\nLubelska 5,2025-05-05\n' });
  });

  it('keeps UTF-8 without a BOM as UTF-8', () => {
    expect(decodeText(new TextEncoder().encode('Łąkowa')).encoding).toBe('utf-8');
  });
});

describe('readCsv', () => {
  it('detects ; from the header even when data rows hold decimal commas', () => {
    expect(detectDelimiter('lon;lat;nazwa\n19,25;50,15;Szkoła\n')).toBe(';');
    expect(detectDelimiter('lon,lat\n19.25,50.15\n')).toBe(',');
    expect(detectDelimiter('a\tb\n1\t2')).toBe('\t');
  });

  it('reads quoted cells with the delimiter inside, and numbers rows as the spreadsheet does', () => {
    const issues = new IssueCollector('t.csv');
    const { table, delimiter } = readCsv(new TextDecoder('windows-1250').decode(encodeCp1250(POLISH_CSV)), issues);
    expect(delimiter).toBe(';');
    expect(table.headers).toEqual(['Ulica', 'Nr domu', 'Data', 'Bezrobocie', 'Uciążliwości']);
    expect(table.rows[0]).toEqual(['ul. Świętego Mikołaja', '2', '05.05.2025', '3', 'hałas; śmieci']);
    expect(table.rowNumbers).toEqual([1, 2]); // spreadsheet rows 2 and 3
    expect(issues.listed).toEqual([]);
  });

  it('skips empty lines but keeps counting them; renames repeated headers', () => {
    const issues = new IssueCollector('t.csv');
    const { table } = readCsv('a,a,\n1,2,3\n\n4,5,6\n', issues);
    expect(table.headers).toEqual(['a', 'a (2)', 'column 3']);
    expect(table.rowNumbers).toEqual([1, 3]);
    expect(issues.listed.map((i) => i.severity)).toEqual(['warning']);
  });

  it('reports an unclosed quote with its row', () => {
    const issues = new IssueCollector('t.csv');
    readCsv('a,b\n1,"open\n2,3\n', issues);
    expect(issues.errorCount).toBeGreaterThan(0);
    expect(issues.listed[0]).toMatchObject({ severity: 'error', field: '(file)', row: 1, displayRow: 2 });
  });
});

describe('readGeoJson', () => {
  it('accepts a FeatureCollection, a Feature and a bare geometry', () => {
    const issues = new IssueCollector('t');
    expect(readGeoJson('{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"name":"A"}}]}', issues).features).toHaveLength(1);
    expect(readGeoJson('{"type":"Feature","geometry":null,"properties":null}', issues).features[0]!.geometry).toBeNull();
    expect(readGeoJson('{"type":"Point","coordinates":[1,2]}', issues).features[0]!.geometry!.type).toBe('Point');
    expect(issues.listed).toEqual([]);
  });

  it('reports what is not GeoJSON', () => {
    const issues = new IssueCollector('t');
    readGeoJson('{"type":"Topology"}', issues);
    readGeoJson('[1,2', issues);
    readGeoJson('{"type":"FeatureCollection","features":[1,{"type":"Feature","geometry":{"type":"Circle"}}]}', issues);
    expect(issues.listed.map((i) => i.field)).toEqual(['type', '(file)', '(feature)', 'geometry.type']);
    expect(issues.listed[3]).toMatchObject({ row: 1, displayRow: 2 });
  });
});
