import { describe, expect, it } from 'vitest';
import { placeholdersOf, translate, type MessageKey } from '../../src/ui/i18n/dictionary';

const placeholders = placeholdersOf;

describe('the printed report’s words (messages/report.ts)', () => {
  it('fills every {name} from the parameters, in Polish and in English', () => {
    expect(translate('pl', 'reportCluster', { n: 2 })).toBe('Skupisko problemów nr 2');
    expect(translate('en', 'reportCluster', { n: 2 })).toBe('Problem cluster no. 2');
    expect(translate('pl', 'reportReasonAbove', { count: 3, total: 12 })).toBe('powyżej średniej miasta w 3 z 12 wskaźników');
    expect(translate('en', 'reportTitle', { town: 'Dębowo' })).toBe('Map of resources and needs — Dębowo');
    // 0 is a value, not a missing parameter.
    expect(translate('pl', 'reportResourcesCaption', { n: 0 })).toBe('Instytucje i miejsca (0)');
  });

  it('leaves a placeholder without a parameter visible instead of writing "undefined"', () => {
    expect(translate('en', 'reportLegendSuppressed')).toBe('too few answers (<{k})');
    expect(translate('pl', 'reportPrepared', { organisation: 'MOPS Dębowo' })).toBe('Opracowanie: MOPS Dębowo. Stan danych na {date}.');
  });

  it('writes parameter text literally: "$&" in a town or a reason is not a replacement pattern', () => {
    expect(translate('en', 'reportFailed', { reason: 'quota $& exceeded' })).toBe('Could not prepare the report: quota $& exceeded');
  });

  it('asks for the same parameters in both languages, so no translation drops or invents a number', () => {
    const keys: MessageKey[] = ['reportTitle', 'reportFailed', 'reportPrepared', 'reportAreaText', 'reportMethodText', 'reportEstatesCaption', 'reportStreetsCaption', 'reportMapTitle', 'reportMapCaptionNeed', 'reportMapCaptionIndex', 'reportView', 'reportTargetsText', 'reportMapAlt', 'reportLegendSuppressed', 'reportProblemsText', 'reportResourcesCaption', 'reportGroupsCaption', 'reportCluster', 'reportReasonMain', 'reportReasonAbove', 'reportReasonGaps', 'reportSources', 'reportSuppression'];
    for (const key of keys) {
      const pl = placeholders(translate('pl', key));
      expect(pl.length, key).toBeGreaterThan(0);
      expect(placeholders(translate('en', key)), key).toEqual(pl);
    }
    expect(placeholders(translate('pl', 'reportAreaText'))).toEqual(['addresses', 'districts', 'estates', 'households', 'streets', 'town']);
  });
});
