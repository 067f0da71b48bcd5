import type { EnglishAreas, Messages } from './dictionary';
import { analysisRefusalMessagesEn } from './messages/en/analysisRefusals';
import { areaImportMessagesEn } from './messages/en/areaImport';
import { authMessagesEn } from './messages/en/auth';
import { commonMessagesEn } from './messages/en/common';
import { exportMessagesEn } from './messages/en/export';
import { fieldProblemMessagesEn } from './messages/en/fieldProblems';
import { importIssueMessagesEn } from './messages/en/importIssues';
import { importWizardMessagesEn } from './messages/en/importWizard';
import { mapMessagesEn } from './messages/en/map';
import { residentHelpMessagesEn } from './messages/en/residentHelp';
import { partnerMessagesEn } from './messages/en/partner';
import { partnerViewMessagesEn } from './messages/en/partnerView';
import { programmeMessagesEn } from './messages/en/programmes';
import { reportMessagesEn } from './messages/en/report';
import { resourcesMessagesEn } from './messages/en/resources';
import { surveyFormMessagesEn } from './messages/en/surveyForm';
import { surveysMessagesEn } from './messages/en/surveys';
import { workspaceMessagesEn } from './messages/en/workspace';

/**
 * The English dictionary: a chunk of its own, imported only by `loadLanguage('en')` (dictionary.ts). Every area
 * (MESSAGE_AREAS and SCREEN_AREAS) must be here with exactly its keys (EnglishAreas): an area left out does not compile.
 */
export const ENGLISH_AREAS: EnglishAreas = {
  common: commonMessagesEn,
  auth: authMessagesEn,
  workspace: workspaceMessagesEn,
  map: mapMessagesEn,
  residentHelp: residentHelpMessagesEn,
  export: exportMessagesEn,
  surveys: surveysMessagesEn,
  surveyForm: surveyFormMessagesEn,
  resources: resourcesMessagesEn,
  programmes: programmeMessagesEn,
  report: reportMessagesEn,
  partner: partnerMessagesEn,
  partnerView: partnerViewMessagesEn,
  importWizard: importWizardMessagesEn,
  importIssues: importIssueMessagesEn,
  areaImport: areaImportMessagesEn,
  fieldProblems: fieldProblemMessagesEn,
  analysisRefusals: analysisRefusalMessagesEn,
};

// Each area has exactly its Polish keys and no key is in two areas (dictionary.ts), so the union has every key once.
export const ENGLISH_MESSAGES: Messages = Object.assign({}, ...Object.values(ENGLISH_AREAS)) as Messages;
