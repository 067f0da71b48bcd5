import { describe, expect, it } from 'vitest';
import { planImport } from '../../src/data/import';
import { canCommit, initialWizardState, plannedCounts, planSettings, shownMapping, sortedIssues, wizardReducer, type WizardAction, type WizardState } from '../../src/ui/importWizard/wizardState';
import type { ImportPreview } from '../../src/worker/importProtocol';
import { deepFreeze, townWorkspace } from '../data/import/fixtures';

const preview: ImportPreview = { points: new Float64Array(0), pointTotal: 0, lines: [], fromRecords: true };
const file = { name: 'zasoby.csv', size: 120, blob: new Blob(['x']) };
const run = (actions: WizardAction[], from: WizardState = initialWizardState): WizardState => actions.reduce((s, a) => wizardReducer(deepFreeze(s), a), from);

const CLEAN_CSV = 'Nazwa;Rodzaj;Lon;Lat\nBiblioteka Łąkowa;biblioteka;23,4712;51,1402\n';
const BROKEN_CSV = 'Nazwa;Rodzaj;Lon;Lat\nBiblioteka Łąkowa;biblioteka;23,4712;51,1402\nŚwietlica;świetlica;abc;51,14\n';

describe('the import wizard state', () => {
  it('suggests the kind from the file and plans it as revision 1; the plan of that revision can be committed', async () => {
    const chosen = run([{ type: 'fileChosen', file, suggestedKind: 'resources', defaultCampaignId: 'campaign-2025-w1' }]);
    expect(chosen.kind).toBe('resources');
    expect(chosen.revision).toBe(1);
    // Campaign only goes to planImport for survey answers.
    expect(planSettings(chosen)).toEqual({ onUnmatched: 'error' });
    const plan = await planImport('resources', CLEAN_CSV, planSettings(chosen), townWorkspace());
    expect(plan.ok).toBe(true);
    const planned = run([{ type: 'planStarted', revision: 1 }, { type: 'planProgress', revision: 1, done: 1, total: 1 }, { type: 'planned', revision: 1, plan, preview }], chosen);
    expect(canCommit(planned)).toBe(true);
    expect(plannedCounts(plan)).toEqual({ streets: 0, addresses: 0, resources: 1, responses: 0 });
    // While saving, and after, the button is off: one commit per plan.
    const saving = wizardReducer(planned, { type: 'commitStarted' });
    expect(saving.commit.status).toBe('saving');
    expect(canCommit(saving)).toBe(false);
    const done = wizardReducer(saving, { type: 'committed', counts: plannedCounts(plan) });
    expect(canCommit(done)).toBe(false);
    expect(wizardReducer(done, { type: 'commitStarted' })).toBe(done);
  });

  it('never offers to commit a plan with errors (all or nothing)', async () => {
    const chosen = run([{ type: 'fileChosen', file, suggestedKind: 'resources' }]);
    const plan = await planImport('resources', BROKEN_CSV, planSettings(chosen), townWorkspace());
    expect(plan.ok).toBe(false);
    expect(plan.records.resources).toEqual([]);
    const planned = run([{ type: 'planStarted', revision: 1 }, { type: 'planned', revision: 1, plan, preview }], chosen);
    expect(canCommit(planned)).toBe(false);
    expect(wizardReducer(planned, { type: 'commitStarted' })).toBe(planned);
  });

  it('drops an answer to an older revision, and a stale plan cannot be committed', async () => {
    const chosen = run([{ type: 'fileChosen', file, suggestedKind: 'resources' }]);
    const plan = await planImport('resources', CLEAN_CSV, {}, townWorkspace());
    const changed = run([{ type: 'planStarted', revision: 1 }, { type: 'encodingChosen', encoding: 'windows-1250' }], chosen);
    expect(changed.revision).toBe(2);
    const late = wizardReducer(changed, { type: 'planned', revision: 1, plan, preview });
    expect(late).toBe(changed);
    expect(wizardReducer(changed, { type: 'planProgress', revision: 2, done: 5, total: 10 })).toBe(changed); // not planning revision 2 yet
    const shown = run([{ type: 'planned', revision: 1, plan, preview }], { ...chosen });
    const edited = wizardReducer(shown, { type: 'crsChosen', crs: { code: 'EPSG:4326', axisOrder: 'xy' } });
    expect(canCommit(edited)).toBe(false);
    expect(planSettings(edited)).toEqual({ onUnmatched: 'error', crs: { code: 'EPSG:4326', axisOrder: 'xy' } });
  });

  it('edits a column on top of the suggestion, and forgets column choices when the kind or delimiter changes', async () => {
    const chosen = run([{ type: 'fileChosen', file, suggestedKind: 'resources' }]);
    const plan = await planImport('resources', CLEAN_CSV, {}, townWorkspace());
    const planned = run([{ type: 'planned', revision: 1, plan, preview }], chosen);
    expect(shownMapping(planned)).toMatchObject({ kind: 'resources', name: 'Nazwa', resourceKind: 'Rodzaj', x: 'Lon', y: 'Lat' });
    const edited = wizardReducer(planned, { type: 'columnChosen', field: 'resourceKind', column: undefined });
    expect(edited.settings.columnMapping).toEqual({ kind: 'resources', name: 'Nazwa', x: 'Lon', y: 'Lat' });
    expect(planSettings(edited).columnMapping).toEqual({ kind: 'resources', name: 'Nazwa', x: 'Lon', y: 'Lat' });
    const otherKind = wizardReducer(edited, { type: 'kindChosen', kind: 'addresses' });
    expect(otherKind.settings.columnMapping).toBeUndefined();
    expect(otherKind.plan).toBeNull();
    expect(shownMapping(otherKind)).toBeUndefined();
    const otherDelimiter = wizardReducer(edited, { type: 'delimiterChosen', delimiter: ',' });
    expect(otherDelimiter.settings).toEqual({ onUnmatched: 'error', delimiter: ',' });
  });

  it('passes the campaign for survey answers, and "skip" for unmatched rows when chosen', () => {
    const s = run([
      { type: 'fileChosen', file, suggestedKind: 'responses', defaultCampaignId: 'campaign-2025-w1' },
      { type: 'onUnmatchedChosen', onUnmatched: 'skip' },
    ]);
    expect(planSettings(s)).toEqual({ onUnmatched: 'skip', campaignId: 'campaign-2025-w1' });
    expect(s.revision).toBe(2);
  });

  it('plans again with a file far from the town confirmed, and without it when the box is cleared', async () => {
    const farCsv = 'Nazwa;Rodzaj;Lon;Lat\nBiblioteka;biblioteka;19,94;50,06\n';
    const chosen = run([{ type: 'fileChosen', file, suggestedKind: 'resources' }]);
    const asked = await planImport('resources', farCsv, planSettings(chosen), townWorkspace());
    expect(asked.ok).toBe(false);
    expect(asked.farFromTown).toBeDefined();
    const confirmed = run([{ type: 'farFromTownAccepted', accepted: true }], chosen);
    expect(confirmed.revision).toBe(chosen.revision + 1);
    expect(planSettings(confirmed)).toEqual({ onUnmatched: 'error', acceptFarFromTown: true });
    expect((await planImport('resources', farCsv, planSettings(confirmed), townWorkspace())).ok).toBe(true);
    const cleared = run([{ type: 'farFromTownAccepted', accepted: false }], confirmed);
    expect(planSettings(cleared)).toEqual({ onUnmatched: 'error' });
  });

  it('lists errors before warnings, each in spreadsheet row order', () => {
    const issues = [
      { severity: 'warning' as const, displayRow: 2, id: 'w2' },
      { severity: 'error' as const, displayRow: 9, id: 'e9' },
      { severity: 'error' as const, id: 'e-file' },
      { severity: 'error' as const, displayRow: 3, id: 'e3' },
    ];
    expect(sortedIssues(issues).map((i) => i.id)).toEqual(['e-file', 'e3', 'e9', 'w2']);
  });
});
