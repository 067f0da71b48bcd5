import { describe, expect, it } from 'vitest';
import { reportText, type ReportTextKey } from '../../src/ui/report/reportText';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('the printed report’s words (reportText)', () => {
  it('fills every {name} from the parameters, in Polish and in English', () => {
    expect(reportText('pl', 'cluster', { n: 2 })).toBe('Skupisko problemów nr 2');
    expect(reportText('en', 'cluster', { n: 2 })).toBe('Problem cluster no. 2');
    expect(reportText('pl', 'reasonAbove', { count: 3, total: 12 })).toBe('powyżej średniej miasta w 3 z 12 wskaźników');
    expect(reportText('en', 'title', { town: 'Dębowo' })).toBe('Map of resources and needs — Dębowo');
    // 0 is a value, not a missing parameter.
    expect(reportText('pl', 'resourcesCaption', { n: 0 })).toBe('Instytucje i miejsca (0)');
  });

  it('leaves a placeholder without a parameter visible instead of writing "undefined"', () => {
    expect(reportText('en', 'legendSuppressed')).toBe('too few answers (<{k})');
    expect(reportText('pl', 'prepared', { organisation: 'MOPS Dębowo' })).toBe('Opracowanie: MOPS Dębowo. Stan danych na {date}.');
  });

  it('writes parameter text literally: "$&" in a town or a reason is not a replacement pattern', () => {
    expect(reportText('en', 'failed', { reason: 'quota $& exceeded' })).toBe('Could not prepare the report: quota $& exceeded');
  });

  it('asks for the same parameters in both languages, so no translation drops or invents a number', () => {
    const keys: ReportTextKey[] = ['title', 'failed', 'prepared', 'areaText', 'methodText', 'estatesCaption', 'streetsCaption', 'mapTitle', 'mapCaption', 'mapAlt', 'legendSuppressed', 'problemsText', 'resourcesCaption', 'groupsCaption', 'cluster', 'reasonMain', 'reasonAbove', 'reasonUncovered', 'sources', 'suppression'];
    for (const key of keys) {
      const pl = placeholders(reportText('pl', key));
      expect(pl.length, key).toBeGreaterThan(0);
      expect(placeholders(reportText('en', key)), key).toEqual(pl);
    }
    expect(placeholders(reportText('pl', 'areaText'))).toEqual(['addresses', 'districts', 'estates', 'households', 'streets', 'town']);
  });
});
