import { describe, expect, it } from 'vitest';
import type { DataSource, WorkspaceChanges } from '../../../src/data/dataSource';
import { commitImport, planImport, rejectedRowsCsv, type ImportPlan } from '../../../src/data/import';
import { decodeText } from '../../../src/data/import/textDecoding';
import type { ValueMappingInput } from '../../../src/domain/importing';
import type { SurveyResponse, Workspace } from '../../../src/domain';
import { CAMPAIGN, deepFreeze } from './fixtures';
import { generateSurvey, LOCAL_NEED_CODES, type TruthRow } from './surveyGenerator';

/**
 * Issue 12, item 5: a centre's own survey spreadsheet (Windows-1250, `;`, EPSG:2180, surname-first names, clerks'
 * spellings, local need codes) goes in in one pass: the local codes are mapped once through the suggestions, ≥ 98 %
 * of the rows land on the street the generator put them on, and NO row lands on another street without a word.
 */

const survey = generateSurvey(2026, 3000);
deepFreeze(survey.workspace);

/** The street each imported answer is on (address → its street). */
function streetOfResponse(workspace: Workspace, response: SurveyResponse): string | undefined {
  if (response.streetId) return response.streetId;
  if (response.addressId) return workspace.addresses.find((a) => a.id === response.addressId)?.streetId;
  return undefined;
}

/** The file row of an imported answer: ids are resp-<prefix>-<spreadsheet row>. */
const displayRowOf = (id: string): number => Number(/-(\d+)(?:-\d+)?$/.exec(id)![1]);

function mappingFromSuggestions(plan: ImportPlan): ValueMappingInput {
  const needs: Record<string, string> = {};
  for (const value of plan.unknownValues ?? []) if (value.field === 'needs' && value.suggestions[0]) needs[value.folded] = value.suggestions[0];
  return { needs } as ValueMappingInput;
}

describe('a generated survey spreadsheet of a real-looking town', () => {
  it('lists each local need code once, with its count and the right suggestion first', async () => {
    const plan = await planImport('responses', survey.csv, { campaignId: CAMPAIGN.id, idPrefix: 'g' }, survey.workspace, { fileName: 'ankiety.csv' });
    expect(plan.file).toMatchObject({ encoding: 'windows-1250', delimiter: ';' });
    expect(plan.crs?.used.code).toBe('EPSG:2180');
    expect(plan.columns?.mapping).toMatchObject({ street: 'Ulica', houseNumber: 'Nr', householdSize: 'osoby', needsList: 'Potrzeby', x: 'X', y: 'Y' });
    expect(plan.ok).toBe(false);
    const needValues = (plan.unknownValues ?? []).filter((v) => v.field === 'needs');
    expect(needValues.map((v) => v.folded).sort()).toEqual(Object.keys(LOCAL_NEED_CODES).map((c) => c.replace(/_/g, ' ')).sort());
    for (const value of needValues) {
      const code = value.folded.replace(/ /g, '_');
      // Count by hand from the text: cells of the Potrzeby column holding the code.
      const cells = survey.text.split('\r\n').slice(1).filter((l) => l !== '').map((l) => l.split(';')[7]!);
      expect(value.count).toBe(cells.filter((c) => c.split(', ').includes(code)).length);
      expect(value.suggestions[0]).toBe(LOCAL_NEED_CODES[code]);
    }
    const unknownErrors = plan.issues.filter((i) => i.msg?.code === 'unknown_value');
    expect(unknownErrors.length).toBeGreaterThan(0);
    expect(unknownErrors[0]).toMatchObject({ column: 'Potrzeby', msg: { field: 'needs' } });
    expect(unknownErrors[0]!.displayRow).toBeGreaterThan(1);
  });

  it('puts >= 98 % of the rows on their street and none silently on a wrong one', async () => {
    const started = performance.now();
    const plan = await planImport('responses', survey.csv, { campaignId: CAMPAIGN.id, idPrefix: 'g', valueMapping: mappingFromSuggestions(await planImport('responses', survey.csv, { campaignId: CAMPAIGN.id, idPrefix: 'g' }, survey.workspace, { fileName: 'ankiety.csv' })) }, survey.workspace, { fileName: 'ankiety.csv' });
    const planMs = performance.now() - started;
    expect(plan.issues.some((i) => i.msg?.code === 'unknown_value')).toBe(false);
    expect(plan.issues.length).toBeLessThan(1000); // every issue listed, so "silent" below is exact
    const truthByRow = new Map<number, TruthRow>(survey.truth.map((t) => [t.displayRow, t]));
    const issueRows = new Set(plan.issues.filter((i) => i.displayRow !== undefined).map((i) => i.displayRow!));
    let right = 0;
    let wrongSilent = 0;
    let wrongFlagged = 0;
    const imported = plan.partial.records.responses;
    for (const response of imported) {
      const truth = truthByRow.get(displayRowOf(response.id))!;
      const street = streetOfResponse(survey.workspace, response);
      if (street === truth.streetId) right++;
      else if (issueRows.has(truth.displayRow)) wrongFlagged++;
      else wrongSilent++;
    }
    const rate = right / survey.truth.length;
    console.info(`generated survey: ${survey.truth.length} rows, ${right} on the right street (${(rate * 100).toFixed(2)} %), ${wrongSilent} silently wrong, ${wrongFlagged} wrong with a warning, ${plan.partial.rejected.length} rejected; plan ${planMs.toFixed(0)} ms`);
    expect(wrongSilent).toBe(0);
    expect(rate).toBeGreaterThanOrEqual(0.98);
    // Every row written with another street's name is rejected with the cross-check's code, naming both streets.
    const other = survey.truth.filter((t) => t.form === 'other_street');
    expect(other.length).toBeGreaterThan(0);
    for (const t of other) {
      const rejected = plan.partial.rejected.find((r) => r.displayRow === t.displayRow);
      expect(rejected?.issues.map((i) => i.msg?.code)).toContain('street_far_from_point');
    }
    // Every row with a name the town does not have is on its street through the point, with a warning.
    const unknown = survey.truth.filter((t) => t.form === 'unknown');
    for (const t of unknown) expect(plan.issues.some((i) => i.displayRow === t.displayRow && i.msg?.code === 'street_from_point')).toBe(true);
    // Register order and abbreviations are matched by name: never rejected, never warned about the point.
    const named = survey.truth.filter((t) => t.form === 'register' || t.form === 'abbreviated' || t.form === 'official' || t.form === 'capitals');
    expect(named.filter((t) => plan.partial.rejected.some((r) => r.displayRow === t.displayRow))).toEqual([]);
    expect(plan.partial.allowed).toBe(true);
    expect(plan.records.responses).toEqual([]); // all or nothing still holds for "import all"
  });

  it('imports the valid rows in one write, and the fixed rejected rows later without duplicates', async () => {
    const first = await planImport('responses', survey.csv, { campaignId: CAMPAIGN.id, idPrefix: 'g' }, survey.workspace, { fileName: 'ankiety.csv' });
    const settings = { campaignId: CAMPAIGN.id, valueMapping: mappingFromSuggestions(first) };
    const plan = await planImport('responses', survey.csv, { ...settings, idPrefix: 'a' }, survey.workspace, { fileName: 'ankiety.csv' });
    const calls: WorkspaceChanges[] = [];
    const source = { applyChanges: async (changes: WorkspaceChanges) => { calls.push(changes); return { ok: true as const }; } } as unknown as DataSource;
    expect((await commitImport(plan, source)).ok).toBe(false); // "import all" refuses a plan with errors
    expect(calls).toHaveLength(0);
    expect((await commitImport(plan, source, undefined, { validRowsOnly: true })).ok).toBe(true);
    expect(calls).toHaveLength(1);
    const written = calls[0]!.upserts!.responses!;
    expect(written.length).toBe(plan.partial.records.responses.length);
    expect(written.length + plan.partial.rejected.length).toBe(survey.truth.length);

    // The rejected rows as Polish Excel reads them: BOM, `;`, a reason column; each rejected row once.
    const csv = rejectedRowsCsv(plan, 'Powód', (i) => i.message);
    expect(csv.startsWith('\uFEFFLp;Data wywiadu;Ulica;Nr;X;Y;osoby;Potrzeby;Uwagi ankietera;Powód\r\n')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(plan.partial.rejected.length + 1);
    expect(lines[1]).toContain('street_far_from_point');

    // The clerk fixes the street names (writes the street the truth says) and imports the file again.
    const truthByLp = new Map(survey.truth.map((t) => [String(t.displayRow - 1), t]));
    const workspaceAfter: Workspace = { ...survey.workspace, responses: [...written] };
    const fixed = [lines[0]!, ...lines.slice(1).map((line) => {
      const cells = line.split(';');
      const truth = truthByLp.get(cells[0]!)!;
      cells[2] = survey.workspace.streets.find((s) => s.id === truth.streetId)!.name;
      return cells.join(';');
    })].join('\r\n');
    const again = await planImport('responses', `\uFEFF${fixed}`, { ...settings, idPrefix: 'b' }, workspaceAfter, { fileName: 'odrzucone.csv' });
    expect(again.errorCount).toBe(0);
    expect(again.records.responses).toHaveLength(plan.partial.rejected.length);

    // Importing the whole original file again adds nothing that is already there.
    const repeat = await planImport('responses', survey.csv, { ...settings, idPrefix: 'c' }, { ...workspaceAfter, responses: [...written, ...again.records.responses] }, { fileName: 'ankiety.csv' });
    expect(repeat.partial.records.responses).toHaveLength(0);
    expect(repeat.issues.filter((i) => i.msg?.code === 'already_imported').length).toBeGreaterThan(0);
    expect(repeat.warningCount).toBeGreaterThanOrEqual(written.length);
  });
});

describe('the generated file', () => {
  it('is Windows-1250 with Polish letters that UTF-8 cannot read', () => {
    const decoded = decodeText(survey.csv);
    expect(decoded.encoding).toBe('windows-1250');
    expect(decoded.text).toBe(survey.text);
    expect(survey.text).toMatch(/Matejki Jana|Katynia Ofiar|Paderewskiego Ignacego/);
  });

  it('is the same for the same seed and different for another', () => {
    expect(generateSurvey(7, 50).text).toBe(generateSurvey(7, 50).text);
    expect(generateSurvey(8, 50).text).not.toBe(generateSurvey(7, 50).text);
  });
});
