import { describe, expect, it } from 'vitest';
import { ANALYSIS_REFUSAL_CODES, AnalysisRefusal, type AnalysisRefusalCode } from '../../src/domain/analysisRefusal';
import { AnalysisMessageHandler } from '../../src/worker/handleAnalysisMessage';
import { AnalysisResponseEnvelope, type AnalysisResponse } from '../../src/worker/protocol';
import { analysisRefusalText } from '../../src/ui/i18n/analysisRefusalText';
import { deepFreeze } from '../analysis/seededRandom';
import { smallWorkspace } from '../worker/smallWorkspace';
import { ENGLISH_WORDS } from './englishWords';

/** One refusal of each code, with parameters a reader can find again in the text. */
const SAMPLES: { readonly [C in AnalysisRefusalCode]: Extract<AnalysisRefusal, { code: C }> } = {
  bad_request: { code: 'bad_request' },
  no_workspace: { code: 'no_workspace' },
  no_waves: { code: 'no_waves' },
  engine_failed: { code: 'engine_failed', reason: 'boom-17' },
  worker_stopped: { code: 'worker_stopped', reason: 'boom-18' },
  contiguity_for_areas: { code: 'contiguity_for_areas' },
  invalid_weight: { code: 'invalid_weight', needId: 'housing', value: '-3' },
  all_weights_zero: { code: 'all_weights_zero' },
  need_not_aggregated: { code: 'need_not_aggregated', needId: 'health' },
  unknown_wave: { code: 'unknown_wave', campaignId: 'fala-9' },
  lisa_permutations: { code: 'lisa_permutations', minimum: 99 },
  unknown_unit: { code: 'unknown_unit', unitKind: 'estate', unitId: 'osiedle-42' },
};

describe('analysis refusals in words', () => {
  it.each(ANALYSIS_REFUSAL_CODES)('%s: both languages, parameters shown, no placeholder left, Polish without English words', (code) => {
    const refusal = SAMPLES[code];
    expect(AnalysisRefusal.parse(refusal)).toEqual(refusal);
    const issues = [{ source: 'needMap request', field: 'query.minResponses', message: 'minResponses must be at least 1', problem: { code: 'too_small' as const, origin: 'number' as const, minimum: 1, inclusive: true } }];
    const pl = analysisRefusalText({ refusal, issues }, 'pl');
    const en = analysisRefusalText({ refusal, issues }, 'en');
    expect(pl).not.toBe(en);
    for (const text of [pl, en]) expect(text).not.toMatch(/\{\w+\}/);
    expect(pl.split(/[^\p{L}]+/u).filter((w) => ENGLISH_WORDS.has(w.toLowerCase())), pl).toEqual([]);
    const shown = Object.entries(refusal).filter(([k]) => k !== 'code' && k !== 'needId').map(([, v]) => String(v));
    for (const value of shown) expect(pl, value).toContain(value);
    if (code === 'invalid_weight') expect(pl).toContain('Warunki mieszkaniowe');
    if (code === 'need_not_aggregated') expect(en).toContain('Health');
    if (code === 'bad_request') expect(pl).toBe('zapytanie do analizy jest niepoprawne: needMap request, pole query.minResponses: wartość musi wynosić co najmniej 1');
  });

  it('words the worker’s own refusals in Polish: a bad request, a query before init, an unknown wave', () => {
    const answers: AnalysisResponse[] = [];
    const tasks: (() => void)[] = [];
    const handler = new AnalysisMessageHandler((message) => answers.push(message), { schedule: (task) => tasks.push(task) });
    const run = () => {
      while (tasks.length) tasks.shift()!();
    };
    const query = (campaignId: string, extra: Record<string, unknown> = {}) => ({ unit: { kind: 'hex' }, campaignId, selection: { kind: 'need', needId: 'housing' }, ...extra });
    handler.receive({ type: 'needMap', id: 1, query: query('wave-1', { minResponses: 0 }) });
    handler.receive({ type: 'needMap', id: 2, channel: 'a', query: query('wave-1') });
    run();
    handler.receive({ type: 'init', id: 3, workspace: deepFreeze(smallWorkspace()) });
    run();
    handler.receive({ type: 'needMap', id: 4, query: query('fala-nieznana') });
    run();
    const refusals = answers.filter((a) => 'ok' in a && !a.ok);
    expect(refusals.map((a) => 'refusal' in a && a.refusal.code)).toEqual(['bad_request', 'no_workspace', 'unknown_wave']);
    const texts = refusals.map((answer) => {
      // What the client receives: the envelope keeps the refusal and the issues' problems.
      const parsed = AnalysisResponseEnvelope.parse(structuredClone(answer));
      if (!('ok' in parsed) || parsed.ok) throw new Error('expected a refusal');
      return analysisRefusalText({ refusal: parsed.refusal, issues: parsed.issues }, 'pl');
    });
    expect(texts).toEqual([
      'zapytanie do analizy jest niepoprawne: needMap request, pole query.minResponses: wartość musi wynosić co najmniej 1',
      'analiza nie ma jeszcze wczytanych danych — poczekaj chwilę i spróbuj ponownie',
      'nie ma fali badania „fala-nieznana”',
    ]);
  });
});
