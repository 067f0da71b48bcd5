import { describe, expect, it } from 'vitest';
import { translate } from '../../src/ui/i18n/dictionary';

describe('the export menu’s words (messages/export.ts)', () => {
  it('names each export in the chosen language', () => {
    expect(translate('pl', 'exportMenu')).toBe('Eksport');
    expect(translate('en', 'exportMenu')).toBe('Export');
    expect(translate('pl', 'exportCsv')).toBe('Dane obszarów: CSV (Excel)');
    expect(translate('en', 'exportGeojson')).toBe('Area data: GeoJSON (GIS)');
  });

  it('fills {source} and {reason}, literally, and leaves a missing one visible', () => {
    expect(translate('pl', 'exportAttribution', { source: '© OpenStreetMap' })).toBe('CAL Map · © OpenStreetMap');
    expect(translate('en', 'exportPngFailed', { reason: 'canvas $1 tainted' })).toBe('Could not save the map image: canvas $1 tainted');
    expect(translate('en', 'exportPngFailed')).toBe('Could not save the map image: {reason}');
  });

  it('warns in both languages that raw answers are personal data (RODO / GDPR) to keep inside the centre', () => {
    expect(translate('pl', 'exportRawBody')).toMatch(/RODO/);
    expect(translate('pl', 'exportRawBody')).toMatch(/nie wysyłaj e-mailem ani partnerom/);
    expect(translate('en', 'exportRawBody')).toMatch(/GDPR/);
    expect(translate('en', 'exportRawBody')).toMatch(/do not e-mail it or give it to partners/);
  });
});
