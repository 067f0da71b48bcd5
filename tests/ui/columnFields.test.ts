import { describe, expect, it } from 'vitest';
import { AddressColumnMapping, ResourceColumnMapping, ResponseColumnMapping, StreetColumnMapping, type ImportKind } from '../../src/domain/importing';
import { translate } from '../../src/ui/i18n/dictionary';
import { FIELD_LABEL, FIELDS_OF_KIND, KIND_HINT, KIND_LABEL } from '../../src/ui/importWizard/columnFields';

// What the importer reads from one column (the schemas' single-column keys; per-need columns are mapped elsewhere).
const SCHEMA_OF_KIND = { streets: StreetColumnMapping, addresses: AddressColumnMapping, resources: ResourceColumnMapping, responses: ResponseColumnMapping } as const;
const KINDS: ImportKind[] = ['streets', 'addresses', 'resources', 'responses'];

describe('the columns the import wizard offers (columnFields)', () => {
  it('offers, for each kind, exactly the one-column fields its mapping schema reads: none it ignores, none missing', () => {
    for (const kind of KINDS) {
      const schemaFields = Object.keys(SCHEMA_OF_KIND[kind].shape).filter((k) => k !== 'kind' && !k.endsWith('Columns'));
      expect([...FIELDS_OF_KIND[kind]].sort(), kind).toEqual(schemaFields.sort());
    }
    // Most needed first: a survey is placed by its address before anything else.
    expect(FIELDS_OF_KIND.responses[0]).toBe('address');
    expect(FIELDS_OF_KIND.resources[0]).toBe('name');
  });

  it('labels every field and kind in both languages (a missing word would show its key)', () => {
    const keys = [...new Set(KINDS.flatMap((k) => FIELDS_OF_KIND[k]))].map((field) => FIELD_LABEL[field]);
    expect(keys.every((key) => key !== undefined)).toBe(true);
    expect(keys).toHaveLength(19);
    for (const key of [...keys, ...Object.values(KIND_LABEL), ...Object.values(KIND_HINT)]) {
      for (const language of ['pl', 'en'] as const) expect(translate(language, key!), `${language} ${key}`).toMatch(/\S/);
    }
    expect(translate('pl', FIELD_LABEL.householdSize!)).not.toBe(translate('en', FIELD_LABEL.householdSize!));
  });
});
