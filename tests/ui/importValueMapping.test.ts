import { describe, expect, it } from 'vitest';
import { planImport, rejectedRowsCsv } from '../../src/data/import';
import { issueText } from '../../src/ui/importWizard/issueText';
import { loadValueMapping, saveValueMapping, VALUE_MAPPING_STORAGE_PREFIX } from '../../src/ui/importWizard/savedValueMapping';
import { suggestedEntries } from '../../src/ui/importWizard/ValueMappingPanel';
import { canCommit, canCommitValidRows, initialWizardState, planSettings, wizardReducer, type WizardAction, type WizardState } from '../../src/ui/importWizard/wizardState';
import type { ImportPreview } from '../../src/worker/importProtocol';
import { CAMPAIGN, deepFreeze, townWorkspace } from '../data/import/fixtures';

/** Issue 12 in the wizard: the value-mapping step, the saved mapping, the partial import, coded messages. */

const preview: ImportPreview = { points: new Float64Array(0), pointTotal: 0, lines: [], fromRecords: true };
const file = { name: 'ankiety.csv', size: 120, blob: new Blob(['x']) };
const run = (actions: WizardAction[], from: WizardState = initialWizardState): WizardState => actions.reduce((s, a) => wizardReducer(deepFreeze(s), a), from);

// Rows 2–3 valid once the code is mapped; row 4 names a street the town does not have (and no coordinates).
const CSV = 'Adres;Data;Liczba osób;Potrzeby\nul. Lubelska 5;01.10.2026;3;samotnosc_seniorow\nLubelska 7;02.10.2026;2;bezrobocie\nul. Zagumienna 1;03.10.2026;1;samotnosc_seniorow\n';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) { return this.items.get(key) ?? null; }
  setItem(key: string, value: string) { this.items.set(key, value); }
  removeItem(key: string) { this.items.delete(key); }
}

describe('the value-mapping step in the wizard', () => {
  it('lists the unknown code, maps it through the suggestion, and then offers the valid rows only', async () => {
    const workspace = townWorkspace();
    const chosen = run([{ type: 'fileChosen', file, suggestedKind: 'responses', defaultCampaignId: CAMPAIGN.id }]);
    const first = await planImport('responses', CSV, planSettings(chosen), workspace);
    const planned = run([{ type: 'planned', revision: 1, plan: first, preview }], chosen);
    expect(planned.valuesSeen.map((v) => [v.folded, v.count])).toEqual([['samotnosc seniorow', 2]]);
    const entries = suggestedEntries(planned.valuesSeen, planned.settings.valueMapping);
    expect(entries).toEqual([{ field: 'needs', folded: 'samotnosc seniorow', category: 'loneliness_seniors' }]);

    const mapped = run([{ type: 'valuesMapped', entries }], planned);
    expect(mapped.revision).toBe(2);
    expect(planSettings(mapped).valueMapping).toEqual({ needs: { 'samotnosc seniorow': 'loneliness_seniors' }, nuisances: {}, offers: {}, resourceKinds: {} });
    const second = await planImport('responses', CSV, planSettings(mapped), workspace);
    const replanned = run([{ type: 'planned', revision: 2, plan: second, preview }], mapped);
    // The mapped value stays listed (so the decision can be seen and changed), with no error left for it.
    expect(replanned.valuesSeen.map((v) => [v.folded, v.mapped])).toEqual([['samotnosc seniorow', true]]);
    expect(second.issues.some((i) => i.msg?.code === 'unknown_value')).toBe(false);
    expect(canCommit(replanned)).toBe(false);
    expect(canCommitValidRows(replanned)).toBe(true);
    expect(second.partial.records.responses.map((r) => r.needs.map((n) => n.category))).toEqual([['loneliness_seniors'], ['unemployment']]);
    expect(second.partial.rejected.map((r) => r.displayRow)).toEqual([4]);

    const saving = wizardReducer(replanned, { type: 'commitStarted', validRowsOnly: true });
    expect(saving.commit.status).toBe('saving');
    const done = wizardReducer(saving, { type: 'committed', counts: { streets: 0, addresses: 0, resources: 0, responses: 2 }, rejected: 1 });
    expect(done.commit).toEqual({ status: 'done', counts: { streets: 0, addresses: 0, resources: 0, responses: 2 }, rejected: 1 });

    // The rejected rows in the user's language, with the row and column in the reason.
    const csv = rejectedRowsCsv(second, 'Powód odrzucenia', (issue) => `wiersz ${issue.displayRow}: ${issueText(issue, 'pl')}`);
    expect(csv).toBe('\uFEFFAdres;Data;Liczba osób;Potrzeby;Powód odrzucenia\r\nul. Zagumienna 1;03.10.2026;1;samotnosc_seniorow;wiersz 4: nie ma takiej ulicy w danych miasta\r\n');
  });

  it('an institutions file\'s own kind codes go through the same step, and the answer reaches the plan', async () => {
    const institutions = 'Nazwa;Rodzaj;Adres\nGaleria Miejska;p;ul. Lubelska 5\nBiblioteka;biblioteka;Lubelska 7\n';
    const chosen = run([{ type: 'fileChosen', file: { ...file, name: 'instytucje.csv' }, suggestedKind: 'resources' }]);
    const first = await planImport('resources', institutions, planSettings(chosen), townWorkspace());
    const planned = run([{ type: 'planned', revision: 1, plan: first, preview }], chosen);
    expect(planned.valuesSeen.map((v) => [v.field, v.value, v.count])).toEqual([['resourceKinds', 'p', 1]]);
    const mapped = run([{ type: 'valuesMapped', entries: [{ field: 'resourceKinds', folded: 'p', category: 'culture_house' }] }], planned);
    const second = await planImport('resources', institutions, planSettings(mapped), townWorkspace());
    expect(second.ok).toBe(true);
    expect(second.records.resources.map((r) => [r.name, r.kind])).toEqual([['Galeria Miejska', 'culture_house'], ['Biblioteka', 'library']]);
  });

  it('a value mapped to "ignore" is dropped without an error; clearing the mapping asks again', async () => {
    const chosen = run([{ type: 'fileChosen', file, suggestedKind: 'responses', defaultCampaignId: CAMPAIGN.id }, { type: 'valuesMapped', entries: [{ field: 'needs', folded: 'samotnosc seniorow', category: 'ignore' }] }]);
    const plan = await planImport('responses', CSV, planSettings(chosen), townWorkspace());
    expect(plan.partial.records.responses[0]!.needs).toEqual([]);
    const cleared = run([{ type: 'valueMappingCleared' }], chosen);
    expect(planSettings(cleared).valueMapping).toBeUndefined();
  });
});

describe('the saved value mapping', () => {
  it('round-trips per organisation and is not read by another', () => {
    const storage = new MemoryStorage();
    const mapping = { needs: { 'samotnosc seniorow': 'loneliness_seniors' as const }, nuisances: { psy: 'ignore' as const }, offers: {}, resourceKinds: {} };
    expect(saveValueMapping(storage, 'org-a', mapping, new Date('2026-12-04T10:00:00Z'))).toBe(true);
    expect(loadValueMapping(storage, 'org-a')).toEqual(mapping);
    expect(loadValueMapping(storage, 'org-b')).toEqual({ needs: {}, nuisances: {}, offers: {}, resourceKinds: {} });
    expect(JSON.parse(storage.getItem(`${VALUE_MAPPING_STORAGE_PREFIX}org-a`)!)).toMatchObject({ v: 1, organisationId: 'org-a', updatedAt: '2026-12-04T10:00:00.000Z' });
  });
  it('repairs a record with a category that no longer exists, keeping the rest; ignores what is not JSON', () => {
    const storage = new MemoryStorage();
    storage.setItem(`${VALUE_MAPPING_STORAGE_PREFIX}org-a`, JSON.stringify({ v: 1, organisationId: 'org-a', updatedAt: '2026-12-04T10:00:00Z', mapping: { needs: { a: 'unemployment', b: 'renamed_category' }, nuisances: {}, offers: {} } }));
    expect(loadValueMapping(storage, 'org-a')).toEqual({ needs: { a: 'unemployment' }, nuisances: {}, offers: {}, resourceKinds: {} });
    storage.setItem(`${VALUE_MAPPING_STORAGE_PREFIX}org-a`, '{not json');
    expect(loadValueMapping(storage, 'org-a')).toEqual({ needs: {}, nuisances: {}, offers: {}, resourceKinds: {} });
    expect(loadValueMapping(undefined, 'org-a')).toEqual({ needs: {}, nuisances: {}, offers: {}, resourceKinds: {} });
  });
});

describe('coded import messages', () => {
  it('are worded from the dictionary with their parameters, in both languages', () => {
    const far = { message: 'x', msg: { code: 'street_far_from_point' as const, written: 'Świętej Rodziny', street: 'ul. Świętej Rodziny', distance: 1113, nearest: 'ul. Świętego Mikołaja' } };
    expect(issueText(far, 'pl')).toContain('ul. Świętej Rodziny');
    expect(issueText(far, 'pl')).toContain('najbliżej punktu jest ul. Świętego Mikołaja');
    expect(issueText({ ...far, msg: { ...far.msg, nearest: '' } }, 'en')).toBe("the name points to ul. Świętej Rodziny, but that street lies 1.1 km from the row's coordinates — check the name or the coordinates");
    expect(issueText({ message: 'x', msg: { code: 'unknown_value', field: 'needs', value: '<b>samotnosc</b>' } }, 'pl')).toBe('„<b>samotnosc</b>” — tej wartości (potrzeby) nie znamy; wskaż jej znaczenie w kroku „Wartości w pliku”');
    expect(issueText({ message: 'x', msg: { code: 'address_unmatched', reason: 'unknown_street', streets: [], numbers: [] } }, 'pl')).toBe('nie ma takiej ulicy w danych miasta');
  });
});

describe('the household-count note', () => {
  it('names the residents column when there is one', () => {
    expect(issueText({ message: 'x', msg: { code: 'no_household_counts', residents: 'Liczba mieszkańców' } }, 'pl')).toMatch(/^kolumna „Liczba mieszkańców” podaje liczbę mieszkańców, a nie gospodarstw domowych.*nie da się dla tych adresów policzyć$/);
    expect(issueText({ message: 'x', msg: { code: 'no_household_counts', residents: '' } }, 'en')).toBe('the file gives no number of households per address: the addresses are kept with the number of households unknown, so response rates cannot be computed for them');
  });
});
