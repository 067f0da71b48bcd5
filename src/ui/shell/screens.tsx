import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { DataSource } from '../../data/dataSource';
import type { Workspace } from '../../domain';
import type { ScreenId } from '../../share/viewState';
import { loadScreenWords, type ScreenArea } from '../i18n/dictionary';

/** What every screen gets from the shell: where the data lives, and the workspace once it is loaded (null before). */
export interface ScreenProps {
  dataSource: DataSource;
  workspace: Workspace | null;
}

type LazyScreen = LazyExoticComponent<ComponentType<ScreenProps>>;

/** A screen's chunk and, beside it, the Polish words only it shows (dictionary.ts SCREEN_AREAS). */
const screen = <K extends string>(load: () => Promise<Record<K, ComponentType<ScreenProps>>>, name: K, words: readonly ScreenArea[] = []): LazyScreen =>
  lazy(() => Promise.all([load(), loadScreenWords(words)]).then(([m]) => ({ default: m[name] })));

/**
 * The router: screen id → its view, each loaded when first opened (its own chunk: the import wizard brings the
 * CSV/Shapefile readers and proj4, "Programy" terra-draw, the report its print layout). The map is not here: it is the
 * first paint and the shell draws it itself (explore/MapScreen). Views never import each other; they are reached only
 * through this table and the URL (openScreen in url/urlStore.ts).
 */
export const LAZY_SCREENS: Readonly<Record<Exclude<ScreenId, 'map'>, LazyScreen>> = {
  survey: screen(() => import('../surveyForm/SurveyFormView'), 'SurveyFormView', ['surveyForm']),
  import: screen(() => import('../importWizard/ImportWizardView'), 'ImportWizardView', ['importWizard', 'importIssues', 'areaImport']),
  campaigns: screen(() => import('../surveys/CampaignsView'), 'CampaignsView', ['surveys']),
  resources: screen(() => import('../resources/ResourcesView'), 'ResourcesView', ['resources']),
  programmes: screen(() => import('../programmes/ProgrammesView'), 'ProgrammesView', ['programmes']),
  report: screen(() => import('../report/ReportView'), 'ReportView', ['report']),
};
