import { describe, expect, it } from 'vitest';
import { exportText } from '../../src/ui/explore/export/exportText';

describe('the export menu’s words (exportText)', () => {
  it('names each export in the chosen language', () => {
    expect(exportText('pl', 'menu')).toBe('Eksport');
    expect(exportText('en', 'menu')).toBe('Export');
    expect(exportText('pl', 'csv')).toBe('Dane obszarów: CSV (Excel)');
    expect(exportText('en', 'geojson')).toBe('Area data: GeoJSON (GIS)');
  });

  it('fills {source} and {reason}, literally, and leaves a missing one visible', () => {
    expect(exportText('pl', 'attribution', { source: '© OpenStreetMap' })).toBe('CAL Map · © OpenStreetMap');
    expect(exportText('en', 'pngFailed', { reason: 'canvas $1 tainted' })).toBe('Could not save the map image: canvas $1 tainted');
    expect(exportText('en', 'pngFailed')).toBe('Could not save the map image: {reason}');
  });

  it('warns in both languages that raw answers are personal data (RODO / GDPR) to keep inside the centre', () => {
    expect(exportText('pl', 'rawBody')).toMatch(/RODO/);
    expect(exportText('pl', 'rawBody')).toMatch(/nie wysyłaj e-mailem ani partnerom/);
    expect(exportText('en', 'rawBody')).toMatch(/GDPR/);
    expect(exportText('en', 'rawBody')).toMatch(/do not e-mail it or give it to partners/);
  });
});
