import { afterEach, describe, expect, it, vi } from 'vitest';
import { CURRENT_AUDIENCE, canExportRawAnswers, canSeeHouseholdHeatmap } from '../../src/ui/common/audience';
import { dataAttribution, DEMO_ORGANISATION_ID } from '../../src/ui/i18n/attribution';
import { IMPORT_HASH, isImportHash } from '../../src/ui/importWizard/importHash';
import { isReportHash, REPORT_HASH } from '../../src/ui/report/reportRoute';
import { openWorkspace } from '../../src/ui/shell/header/workspaceSwitch';
import type { WorkspaceRegistry } from '../../src/data/embedded';

describe('routes: which screen a link opens', () => {
  it('#import, #import/…, and v=import in a full link open the import wizard; nothing else does', () => {
    expect(IMPORT_HASH).toBe('#import');
    expect([IMPORT_HASH, '#import/streets', '#wave=w-1&v=import'].map(isImportHash)).toEqual([true, true, true]);
    expect(['', '#', '#importy', '#v=raport', '#mapa', '#<import>'].map(isImportHash)).toEqual([false, false, false, false, false, false]);
  });

  it('#raport and v=raport open the printable report', () => {
    expect(REPORT_HASH).toBe('#raport');
    expect([REPORT_HASH, '#v=raport&wave=w-2'].map(isReportHash)).toEqual([true, true]);
    expect(['', '#report', '#v=import', '#raport=1'].map(isReportHash)).toEqual([false, false, false, false]);
  });
});

describe('audience: household-level data is for the centre’s planners only', () => {
  it('a planner sees the household heatmap and may export raw answers; a partner may do neither', () => {
    expect([canSeeHouseholdHeatmap('planner'), canExportRawAnswers('planner')]).toEqual([true, true]);
    expect([canSeeHouseholdHeatmap('partner'), canExportRawAnswers('partner')]).toEqual([false, false]);
    expect(CURRENT_AUDIENCE).toBe('planner');
  });
});

describe('data attribution', () => {
  it('marks the demo town fictional and names a centre’s own data', () => {
    expect(dataAttribution('pl', { id: DEMO_ORGANISATION_ID, name: 'MOPS w Dębowie' })).toBe('Dane: miasto demonstracyjne (fikcyjne)');
    expect(dataAttribution('en', null)).toBe('Data: demo town (fictional)');
    expect(dataAttribution('pl', { id: 'mops-nowy-sacz', name: 'MOPS Nowy Sącz' })).toBe('Dane: MOPS Nowy Sącz');
    expect(dataAttribution('en', { id: 'mops-nowy-sacz', name: 'MOPS Nowy Sącz' })).toBe('Data: MOPS Nowy Sącz');
  });
});

describe('switching workspaces', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('remembers the choice, replaces the address with the chosen screen (the old link means nothing in the other town) and reloads', () => {
    const events: string[] = [];
    vi.stubGlobal('window', {
      location: { pathname: '/cal/', search: '?x=1', reload: () => events.push('reload') },
      history: { replaceState: (_state: unknown, _title: string, url: string) => events.push(`replace ${url}`) },
    });
    const registry = { setCurrentId: (id: string) => events.push(`current ${id}`) } as unknown as WorkspaceRegistry;
    openWorkspace(registry, 'mops-nowy-sacz');
    openWorkspace(registry, 'demo', 'import');
    expect(events).toEqual(['current mops-nowy-sacz', 'replace /cal/?x=1#map', 'reload', 'current demo', 'replace /cal/?x=1#import', 'reload']);
  });
});
