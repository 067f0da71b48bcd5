import type { GroupKind, ResourceKind, SurveyMethod } from '../../domain';
import { analysisRefusalMessages } from './messages/analysisRefusals';
import { authMessages } from './messages/auth';
import { commonMessages } from './messages/common';
import { exportMessages } from './messages/export';
import { fieldProblemMessages } from './messages/fieldProblems';
import { mapMessages } from './messages/map';
import { residentHelpMessages } from './messages/residentHelp';
import { partnerMessages } from './messages/partner';
import { workspaceMessages } from './messages/workspace';

export const LANGUAGES = ['pl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * Every string the UI shows, Polish first (UX.md "Words"), one file per area in messages/ (a screen, or a family of
 * coded messages: importIssues, fieldProblems, analysisRefusals); here they join into one dictionary, and
 * tests/ui/dictionary.test.ts checks that no key is defined by two areas. `{name}` placeholders are filled by
 * `t(key, params)`. A new word goes into the area of the screen that shows it; a word several screens share goes into
 * common. What loads when (issue #16, the first chunk):
 *  - MESSAGE_AREAS: Polish words loaded with the app;
 *  - SCREEN_AREAS: Polish words that only one lazily loaded screen shows, loaded with that screen (screens.tsx);
 *    a word of theirs used anywhere else would show as its key — put such a word in common or the screen's area;
 *  - English (messages/en/<area>.ts, exactly the Polish keys or it does not compile), all areas joined in english.ts,
 *    loaded only when English is chosen (`loadLanguage`).
 */
export const MESSAGE_AREAS = {
  common: commonMessages,
  auth: authMessages,
  workspace: workspaceMessages,
  map: mapMessages,
  residentHelp: residentHelpMessages,
  export: exportMessages,
  partner: partnerMessages,
  fieldProblems: fieldProblemMessages,
  analysisRefusals: analysisRefusalMessages,
} as const;

/** Areas loaded with their screen: the import wizard's (and its coded messages'), the report's, "Programy", "Ankiety", "Zasoby", the survey form's and the partner view's (main.tsx). */
export const SCREEN_AREAS = {
  programmes: () => import('./messages/programmes').then((m) => m.programmeMessages),
  surveyForm: () => import('./messages/surveyForm').then((m) => m.surveyFormMessages),
  resources: () => import('./messages/resources').then((m) => m.resourcesMessages),
  surveys: () => import('./messages/surveys').then((m) => m.surveysMessages),
  importWizard: () => import('./messages/importWizard').then((m) => m.importWizardMessages),
  importIssues: () => import('./messages/importIssues').then((m) => m.importIssueMessages),
  areaImport: () => import('./messages/areaImport').then((m) => m.areaImportMessages),
  report: () => import('./messages/report').then((m) => m.reportMessages),
  partnerView: () => import('./messages/partnerView').then((m) => m.partnerViewMessages),
} as const;
export type ScreenArea = keyof typeof SCREEN_AREAS;

/** Every area, as a type: the ones loaded with the app and the ones loaded with their screen. */
type Areas = typeof MESSAGE_AREAS & { readonly [A in ScreenArea]: Awaited<ReturnType<(typeof SCREEN_AREAS)[A]>> };
export type MessageKey = { [A in keyof Areas]: keyof Areas[A] }[keyof Areas] & string;
export type Messages = Readonly<Record<MessageKey, string>>;

/** Compile-time check: no key is defined by two areas (a spread would silently keep the later one). */
type AreaKeys<A extends keyof Areas> = keyof Areas[A];
type KeysInTwoAreas = { [A in keyof Areas]: { [B in Exclude<keyof Areas, A>]: AreaKeys<A> & AreaKeys<B> }[Exclude<keyof Areas, A>] }[keyof Areas];
const noKeyInTwoAreas: [KeysInTwoAreas] extends [never] ? true : KeysInTwoAreas = true;
void noKeyInTwoAreas;

/** Each area's English (english.ts): every area, each with exactly its keys. */
export type EnglishAreas = { readonly [A in keyof Areas]: { readonly [K in keyof Areas[A]]: string } };

/** Every area with its Polish words, the screens' ones fetched (for tests and tools that check the whole dictionary). */
export async function allMessageAreas(): Promise<Areas> {
  const screens = await Promise.all(Object.entries(SCREEN_AREAS).map(async ([area, load]) => [area, await load()] as const));
  return { ...MESSAGE_AREAS, ...Object.fromEntries(screens) } as Areas;
}

/** The Polish words here so far (MESSAGE_AREAS, then each screen area as it loads); English once loaded. */
const loaded: { pl: Partial<Record<MessageKey, string>>; en?: Messages } = { pl: Object.assign({}, ...Object.values(MESSAGE_AREAS)) as Partial<Record<MessageKey, string>> };
const screenAreasLoading = new Map<ScreenArea, Promise<void>>();

/**
 * Fetches the Polish words of screen areas (screens.tsx calls it beside the screen's own chunk). Each area once;
 * a failed fetch is forgotten so the next call tries again.
 */
export function loadScreenWords(areas: readonly ScreenArea[]): Promise<void> {
  return Promise.all(
    areas.map((area) => {
      let loading = screenAreasLoading.get(area);
      if (!loading) {
        loading = SCREEN_AREAS[area]().then(
          (words) => void Object.assign(loaded.pl, words),
          (error: unknown) => {
            screenAreasLoading.delete(area);
            throw error;
          },
        );
        screenAreasLoading.set(area, loading);
      }
      return loading;
    }),
  ).then(() => undefined);
}

/** Whether `language`'s words are here (Polish always; English after `loadLanguage('en')`). */
export const isLanguageLoaded = (language: Language): boolean => language === 'pl' || loaded.en !== undefined;

let englishLoading: Promise<void> | undefined;

/**
 * Makes `language`'s words available to `translate`: English is a chunk of its own, fetched the first time it is
 * asked for (once; later calls share the same promise). Resolves at once for Polish. Rejects when the chunk cannot
 * be fetched (offline before the service worker cached it); a later call tries again.
 */
export function loadLanguage(language: Language): Promise<void> {
  if (isLanguageLoaded(language)) return Promise.resolve();
  englishLoading ??= import('./english').then(
    ({ ENGLISH_MESSAGES }) => {
      loaded.en = ENGLISH_MESSAGES;
    },
    (error: unknown) => {
      englishLoading = undefined;
      throw error;
    },
  );
  return englishLoading;
}

/** Resource kinds in words (the domain has ids only). */
export const RESOURCE_KIND_LABELS: Readonly<Record<ResourceKind, Readonly<Record<Language, string>>>> = {
  ops: { pl: 'Ośrodek pomocy społecznej', en: 'Social welfare centre' },
  kis: { pl: 'Klub / Centrum Integracji Społecznej', en: 'Social integration club or centre' },
  school: { pl: 'Szkoła', en: 'School' },
  kindergarten: { pl: 'Przedszkole', en: 'Kindergarten' },
  culture_house: { pl: 'Dom kultury', en: 'Culture centre' },
  library: { pl: 'Biblioteka', en: 'Library' },
  parish: { pl: 'Parafia', en: 'Parish' },
  police: { pl: 'Policja / dzielnicowy', en: 'Police' },
  health_centre: { pl: 'Przychodnia', en: 'Health centre' },
  ngo: { pl: 'Organizacja pozarządowa', en: 'NGO' },
  senior_club: { pl: 'Klub seniora', en: 'Senior club' },
  youth_club: { pl: 'Klub młodzieżowy / świetlica', en: 'Youth club' },
  sports_club: { pl: 'Klub sportowy', en: 'Sports club' },
  labour_office: { pl: 'Urząd pracy', en: 'Labour office' },
  housing_coop: { pl: 'Spółdzielnia / zarządca mieszkań', en: 'Housing cooperative' },
  business: { pl: 'Firma lokalna', en: 'Local business' },
  community_centre: { pl: 'Centrum społeczne / CAL', en: 'Community centre' },
  other: { pl: 'Inny', en: 'Other' },
};

/** Group kinds in words (UX.md: grupa samopomocowa / wsparcia / obywatelska). */
export const GROUP_KIND_LABELS: Readonly<Record<GroupKind, Readonly<Record<Language, string>>>> = {
  self_help: { pl: 'Grupa samopomocowa', en: 'Self-help group' },
  support: { pl: 'Grupa wsparcia', en: 'Support group' },
  citizen: { pl: 'Grupa obywatelska', en: 'Citizen group' },
  volunteer_club: { pl: 'Klub wolontariusza', en: 'Volunteer club' },
  senior_club: { pl: 'Klub seniora', en: 'Senior club' },
  youth_club: { pl: 'Klub młodzieżowy', en: 'Youth club' },
};

/** Survey methods in words. */
export const SURVEY_METHOD_LABELS: Readonly<Record<SurveyMethod, Readonly<Record<Language, string>>>> = {
  door_to_door: { pl: 'od drzwi do drzwi', en: 'door to door' },
  paper_drop: { pl: 'ankiety papierowe w skrzynkach', en: 'paper forms left at homes' },
  online: { pl: 'przez internet', en: 'online' },
  phone: { pl: 'telefonicznie', en: 'by phone' },
  mixed: { pl: 'mieszana', en: 'mixed' },
};

/**
 * `{count, plural, one {obszar} few {obszary} many {obszarów} other {obszaru}}`: the form of a word for a number, by
 * the language's plural rules (Intl.PluralRules: Polish 1 → one, 2–4 and 22–24 → few, 5–21 and 25… → many, fractions
 * → other; English one / other). A missing form falls back to `other`, then `many`.
 */
const PLURAL_BLOCK = /\{(\w+), plural,((?:\s*\w+\s*\{[^{}]*\})+)\s*\}/g;

/** The parameters a message asks for, each once, sorted (a plural block names its number). */
export const placeholdersOf = (template: string): string[] =>
  [...new Set([...template.replace(PLURAL_BLOCK, '{$1}').matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();

/**
 * Looks up `key` in `language` (loaded with `loadLanguage`; Polish until then) and fills `{placeholders}` from `params`
 * (numbers formatted for the language) and plural blocks (PLURAL_BLOCK) from the number they name. A placeholder without
 * a value is left visible, so a mistake shows instead of hiding.
 */
export function translate(language: Language, key: MessageKey, params?: Readonly<Record<string, string | number>>): string {
  // English asked for before its chunk arrived (setLanguage waits for it, so only a caller that did not) reads Polish;
  // a word of a screen area not loaded yet shows its key, so the mistake is seen.
  const template = (language === 'en' ? loaded.en?.[key] : undefined) ?? loaded.pl[key] ?? key;
  if (!params) return template;
  const locale = language === 'pl' ? 'pl-PL' : 'en-GB';
  const numberFormat = new Intl.NumberFormat(locale);
  const withPlurals = template.replace(PLURAL_BLOCK, (match, name: string, body: string) => {
    const value = params[name];
    if (typeof value !== 'number') return match;
    const forms = new Map([...body.matchAll(/(\w+)\s*\{([^{}]*)\}/g)].map((m) => [m[1]!, m[2]!]));
    const form = forms.get(new Intl.PluralRules(locale).select(value)) ?? forms.get('other') ?? forms.get('many');
    return form === undefined ? match : form.replace(/#/g, numberFormat.format(value));
  });
  return withPlurals.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = params[name];
    if (value === undefined) return match;
    return typeof value === 'number' ? numberFormat.format(value) : value;
  });
}

/** Reads a stored language choice; anything else falls back to Polish. */
export function parseLanguage(value: string | null | undefined): Language {
  return value === 'en' ? 'en' : 'pl';
}
