import type { GroupKind, ResourceKind, SurveyMethod } from '../../domain';
import { analysisRefusalMessages } from './messages/analysisRefusals';
import { areaImportMessages } from './messages/areaImport';
import { authMessages } from './messages/auth';
import { commonMessages } from './messages/common';
import { exportMessages } from './messages/export';
import { fieldProblemMessages } from './messages/fieldProblems';
import { importIssueMessages } from './messages/importIssues';
import { importWizardMessages } from './messages/importWizard';
import { mapMessages } from './messages/map';
import { partnerMessages } from './messages/partner';
import { programmeMessages } from './messages/programmes';
import { reportMessages } from './messages/report';
import { resourcesMessages } from './messages/resources';
import { surveyFormMessages } from './messages/surveyForm';
import { surveysMessages } from './messages/surveys';
import { workspaceMessages } from './messages/workspace';

export const LANGUAGES = ['pl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * Every string the UI shows, Polish first (UX.md "Words"), one file per area in messages/ (a screen, or a family of
 * coded messages: importIssues, fieldProblems, analysisRefusals). Each area is built by `bilingual`, so its English
 * has exactly its Polish keys; here they join into one dictionary, and tests/ui/dictionary.test.ts checks that no
 * key is defined by two areas. `{name}` placeholders are filled by `t(key, params)`.
 * A new word goes into the area of the screen that shows it; a word several screens share goes into common.
 */
export const MESSAGE_AREAS = {
  common: commonMessages,
  auth: authMessages,
  workspace: workspaceMessages,
  map: mapMessages,
  export: exportMessages,
  surveys: surveysMessages,
  surveyForm: surveyFormMessages,
  resources: resourcesMessages,
  programmes: programmeMessages,
  report: reportMessages,
  partner: partnerMessages,
  importWizard: importWizardMessages,
  importIssues: importIssueMessages,
  areaImport: areaImportMessages,
  fieldProblems: fieldProblemMessages,
  analysisRefusals: analysisRefusalMessages,
} as const;

const pl = {
  ...commonMessages.pl,
  ...authMessages.pl,
  ...workspaceMessages.pl,
  ...mapMessages.pl,
  ...exportMessages.pl,
  ...surveysMessages.pl,
  ...surveyFormMessages.pl,
  ...resourcesMessages.pl,
  ...programmeMessages.pl,
  ...reportMessages.pl,
  ...partnerMessages.pl,
  ...importWizardMessages.pl,
  ...importIssueMessages.pl,
  ...areaImportMessages.pl,
  ...fieldProblemMessages.pl,
  ...analysisRefusalMessages.pl,
};

export type MessageKey = keyof typeof pl;
export type Messages = Readonly<Record<MessageKey, string>>;

/** Compile-time check: no key is defined by two areas (a spread would silently keep the later one). */
type Areas = typeof MESSAGE_AREAS;
type AreaKeys<A extends keyof Areas> = keyof Areas[A]['pl'];
type KeysInTwoAreas = { [A in keyof Areas]: { [B in Exclude<keyof Areas, A>]: AreaKeys<A> & AreaKeys<B> }[Exclude<keyof Areas, A>] }[keyof Areas];
const noKeyInTwoAreas: [KeysInTwoAreas] extends [never] ? true : KeysInTwoAreas = true;
void noKeyInTwoAreas;

const en: Messages = {
  ...commonMessages.en,
  ...authMessages.en,
  ...workspaceMessages.en,
  ...mapMessages.en,
  ...exportMessages.en,
  ...surveysMessages.en,
  ...surveyFormMessages.en,
  ...resourcesMessages.en,
  ...programmeMessages.en,
  ...reportMessages.en,
  ...partnerMessages.en,
  ...importWizardMessages.en,
  ...importIssueMessages.en,
  ...areaImportMessages.en,
  ...fieldProblemMessages.en,
  ...analysisRefusalMessages.en,
};

export const MESSAGES: Readonly<Record<Language, Messages>> = { pl, en };

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
 * Looks up `key` in `language` and fills `{placeholders}` from `params` (numbers formatted for the language).
 * A placeholder without a value is left visible, so a mistake shows instead of hiding.
 */
export function translate(language: Language, key: MessageKey, params?: Readonly<Record<string, string | number>>): string {
  const template = MESSAGES[language][key];
  if (!params) return template;
  const numberFormat = new Intl.NumberFormat(language === 'pl' ? 'pl-PL' : 'en-GB');
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = params[name];
    if (value === undefined) return match;
    return typeof value === 'number' ? numberFormat.format(value) : value;
  });
}

/** Reads a stored language choice; anything else falls back to Polish. */
export function parseLanguage(value: string | null | undefined): Language {
  return value === 'en' ? 'en' : 'pl';
}
