import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { RESOURCE_KINDS } from '../../src/domain';
import { allMessageAreas, RESOURCE_KIND_LABELS, SCREEN_AREAS, parseLanguage, placeholdersOf, translate } from '../../src/ui/i18n/dictionary';
import { ENGLISH_AREAS, ENGLISH_MESSAGES } from '../../src/ui/i18n/english';

const MESSAGE_AREAS: Record<string, Record<string, string>> = await allMessageAreas();
const POLISH = Object.assign({}, ...Object.values(MESSAGE_AREAS)) as Record<string, string>;
const MESSAGES = { pl: POLISH, en: ENGLISH_MESSAGES as Record<string, string> };

describe('the UI dictionary', () => {
  it('has the same keys in Polish and English, none empty', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.pl).sort());
    for (const language of ['pl', 'en'] as const) {
      for (const [key, text] of Object.entries(MESSAGES[language])) expect(text.trim(), `${language}.${key}`).not.toBe('');
    }
  });

  it('is the union of its areas, each key defined by one area only, each area complete in both languages', () => {
    const owner = new Map<string, string>();
    expect(Object.keys(ENGLISH_AREAS).sort()).toEqual(Object.keys(MESSAGE_AREAS).sort());
    for (const [area, messages] of Object.entries(MESSAGE_AREAS)) {
      expect(Object.keys(ENGLISH_AREAS[area as keyof typeof ENGLISH_AREAS]).sort(), area).toEqual(Object.keys(messages).sort());
      for (const key of Object.keys(messages)) {
        expect(owner.get(key), `${key} is in ${owner.get(key)} and ${area}`).toBeUndefined();
        owner.set(key, area);
      }
    }
    expect([...owner.keys()].sort()).toEqual(Object.keys(MESSAGES.pl).sort());
    expect(Object.keys(MESSAGE_AREAS).length).toBeGreaterThanOrEqual(16);
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = placeholdersOf;
    for (const key of Object.keys(MESSAGES.pl)) {
      expect(placeholders(MESSAGES.en[key]!), key).toEqual(placeholders(MESSAGES.pl[key]!));
    }
  });

  it('labels every resource kind in both languages', () => {
    for (const kind of RESOURCE_KINDS) {
      expect(RESOURCE_KIND_LABELS[kind].pl, kind).toBeTruthy();
      expect(RESOURCE_KIND_LABELS[kind].en, kind).toBeTruthy();
    }
  });

  it('fills placeholders and formats numbers for the language', () => {
    // Polish groups thousands with a (narrow) no-break space from 10 000 up; English with a comma.
    expect(translate('pl', 'issuesTitle', { count: 3 })).toBe('Problemy z danymi (3)');
    expect(translate('en', 'tooltipHouseholds', { count: 1234 })).toBe('households: 1,234');
    expect(translate('pl', 'tooltipHouseholds', { count: 12345 }).replace(/\s/g, ' ')).toBe('gospodarstwa: 12 345');
    // A missing value stays visible rather than silently vanishing.
    expect(translate('en', 'issuesTitle', {})).toBe('Data problems ({count})');
  });

  it('chooses the form of a word for the number, by each language\'s plural rules', () => {
    // Polish nominative: 1 ulica, 2–4 ulice, 5–21 ulic, 22–24 ulice, 243 ulice (the demo town), fractions "ulicy".
    const streets = (language: 'pl' | 'en', n: number) =>
      translate(language, 'reportAreaText', { town: 'X', districts: 'A', estates: 1, streets: n, addresses: 5, households: 2 }).split(', ')[1];
    expect([1, 2, 4, 5, 12, 21, 22, 243, 1000].map((n) => streets('pl', n)?.replace(/\s/g, ' '))).toEqual(['1 ulica', '2 ulice', '4 ulice', '5 ulic', '12 ulic', '21 ulic', '22 ulice', '243 ulice', '1000 ulic']);
    expect([1, 2, 243].map((n) => streets('en', n))).toEqual(['1 street', '2 streets', '243 streets']);
    expect(translate('pl', 'reportAreaText', { town: 'Dębowo', districts: 'A, B', estates: 1, streets: 243, addresses: 8112, households: 2 })).toBe('Obszar: Dębowo — dzielnice A, B; 1 osiedle, 243 ulice, 8112 adresów, 2 gospodarstwa domowe.');
    // Some addresses without a household count (a town built from OSM): the sum is unknown, and said so.
    expect(translate('pl', 'reportAreaTextHouseholdsUnknown', { town: 'Nowy Sącz', districts: 'A', estates: 3, streets: 22, addresses: 1, households: Number.NaN })).toBe('Obszar: Nowy Sącz — dzielnice A; 3 osiedla, 22 ulice, 1 adres; liczba gospodarstw domowych nieznana (część adresów jej nie ma).');
    expect(translate('pl', 'partnerCountsShown', { shown: 1 })).toBe('1 obszar z wynikami.');
    expect(translate('pl', 'partnerCountsShown', { shown: 23 })).toBe('23 obszary z wynikami.');
    expect(translate('pl', 'partnerCounts', { shown: 147, hidden: 1 })).toBe('147 obszarów z wynikami, 1 ukryty.');
    // '#' in a form is the number, where the verb agrees too.
    expect(translate('pl', 'areaMsg_zip_layers', { count: 3, name: 'osiedla' })).toBe('W pliku zip są 3 warstwy obszarów; czytamy pierwszą („osiedla”).');
    expect(translate('pl', 'areaMsg_zip_layers', { count: 5, name: 'osiedla' })).toBe('W pliku zip jest 5 warstw obszarów; czytamy pierwszą („osiedla”).');
    // Without its number the block stays visible, as a placeholder does.
    expect(translate('pl', 'partnerCountsShown', { shown: 'kilka' })).toContain('{shown, plural,');
  });

  it('defaults to Polish for anything but "en"', () => {
    expect(parseLanguage('en')).toBe('en');
    expect(parseLanguage('pl')).toBe('pl');
    expect(parseLanguage(null)).toBe('pl');
    expect(parseLanguage('de')).toBe('pl');
  });

  it('loads the English words only when asked, once, and reads Polish until they are here', async () => {
    // A fresh copy of the dictionary module: the setup file (tests/setup/englishWords.ts) loaded English in the shared one.
    vi.resetModules();
    const fresh = await import('../../src/ui/i18n/dictionary');
    expect(fresh.isLanguageLoaded('pl')).toBe(true);
    expect(fresh.isLanguageLoaded('en')).toBe(false);
    expect(fresh.translate('en', 'layers')).toBe('Warstwy');
    const first = fresh.loadLanguage('en');
    expect(fresh.loadLanguage('en')).toBe(first);
    await first;
    expect(fresh.isLanguageLoaded('en')).toBe(true);
    expect(fresh.translate('en', 'layers')).toBe('Layers');
    expect(fresh.translate('pl', 'layers')).toBe('Warstwy');
  });

  it('loads the Polish words of a screen with the screen, and shows the key of one not loaded yet', async () => {
    vi.resetModules();
    const fresh = await import('../../src/ui/i18n/dictionary');
    expect(fresh.translate('pl', 'reportPrint')).toBe('reportPrint');
    const first = fresh.loadScreenWords(['report']);
    await Promise.all([first, fresh.loadScreenWords(['report'])]);
    expect(fresh.translate('pl', 'reportPrint')).toBe(POLISH.reportPrint);
    expect(fresh.translate('pl', 'reportPrint')).not.toBe('reportPrint');
  });
});

describe('words loaded with their screen (SCREEN_AREAS)', () => {
  /** The room that shows each screen area's words, and loads them (src/ui/shell/screens.tsx). */
  const ROOM_OF_AREA: Record<keyof typeof SCREEN_AREAS, string> = {
    importWizard: 'src/ui/importWizard',
    importIssues: 'src/ui/importWizard',
    areaImport: 'src/ui/importWizard',
    report: 'src/ui/report',
    programmes: 'src/ui/programmes',
    surveys: 'src/ui/surveys',
    surveyForm: 'src/ui/surveyForm',
    resources: 'src/ui/resources',
    partnerView: 'src/ui/partner',
  };
  const root = join(import.meta.dirname, '../..');
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : /\.tsx?$/.test(name) ? [join(dir, name)] : []));
  const sources = walk(join(root, 'src')).filter((f) => !f.includes(join('src', 'ui', 'i18n', 'messages'))).map((f) => ({ path: f.slice(root.length + 1), text: readFileSync(f, 'utf8') }));

  it('are named only inside their own room: elsewhere they would show as their key before that screen has loaded', async () => {
    expect(Object.keys(ROOM_OF_AREA).sort()).toEqual(Object.keys(SCREEN_AREAS).sort());
    const outside: string[] = [];
    let inside = 0;
    for (const [area, load] of Object.entries(SCREEN_AREAS)) {
      const room = ROOM_OF_AREA[area as keyof typeof SCREEN_AREAS];
      for (const key of Object.keys(await load())) {
        const quoted = new RegExp(`['"\`]${key}['"\`]`);
        for (const file of sources.filter((f) => quoted.test(f.text))) {
          if (file.path.startsWith(room)) inside++;
          else outside.push(`${area}.${key} in ${file.path}`);
        }
      }
    }
    expect(outside).toEqual([]);
    expect(inside).toBeGreaterThan(200); // not vacuous: the rooms do name their words
  });
});

