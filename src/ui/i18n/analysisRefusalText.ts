import { NEED_BY_ID, type InputIssue, type NeedCategoryId } from '../../domain';
import type { AnalysisRefusal } from '../../domain/analysisRefusal';
import { translate, type Language } from './dictionary';
import { inputIssuesText } from './problemText';

/** A failed analysis as views keep it: the refusal and its issues, worded only when shown (so a language switch rewords it). */
export interface AnalysisFailure {
  refusal: AnalysisRefusal;
  issues: readonly InputIssue[];
}

/** The failure of an outcome the worker refused. */
export const failureOf = (outcome: { refusal: AnalysisRefusal; issues: readonly InputIssue[] }): AnalysisFailure => ({ refusal: outcome.refusal, issues: outcome.issues });

/** A failure from an exception thrown on the way (not an abort: callers drop those first). */
export const thrownFailure = (error: unknown): AnalysisFailure => ({ refusal: { code: 'engine_failed', reason: error instanceof Error ? error.message : String(error) }, issues: [] });

/**
 * Why the analysis did not answer, in the user's language: the refusal's code from the dictionary, a need by its
 * label, a bad request by its issues' coded problems. Pure; text, never HTML.
 * @example analysisRefusalText({ refusal: { code: 'unknown_wave', campaignId: 'w9' }, issues: [] }, 'pl') → 'nie ma fali badania „w9”'
 */
export function analysisRefusalText(outcome: AnalysisFailure, language: Language): string {
  const { refusal } = outcome;
  const need = (id: string) => NEED_BY_ID[id as NeedCategoryId]?.label[language] ?? id;
  switch (refusal.code) {
    case 'bad_request':
      return translate(language, 'analysisRefusal_bad_request', { issues: inputIssuesText(outcome.issues, language) });
    case 'invalid_weight':
      return translate(language, 'analysisRefusal_invalid_weight', { need: need(refusal.needId), value: refusal.value });
    case 'need_not_aggregated':
      return translate(language, 'analysisRefusal_need_not_aggregated', { need: need(refusal.needId) });
    default: {
      const { code, ...params } = refusal;
      return translate(language, `analysisRefusal_${code}`, params);
    }
  }
}
