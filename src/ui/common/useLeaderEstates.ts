import { useEffect, useState } from 'react';
import type { Workspace } from '../../domain';
import { thrownFailure, type AnalysisFailure } from '../i18n/analysisRefusalText';
import { isAnalysisAbort, useAnalysis } from '../shell/useAnalysis';
import { leaderEstates } from './leaderCandidates';

export type LeaderEstatesState = { status: 'loading' } | { status: 'ready'; estates: ReadonlyMap<string, string> } | { status: 'failed'; failure: AnalysisFailure };

/**
 * The estate the engine counts each leader candidate in (leaderCandidates.ts `leaderEstates`), for `workspace`, from
 * the shared analysis worker once it holds that workspace; asked again whenever the worker reloads.
 */
export function useLeaderEstates(workspace: Workspace | null, channel: string): LeaderEstatesState {
  const analysis = useAnalysis();
  const [state, setState] = useState<LeaderEstatesState>({ status: 'loading' });
  useEffect(() => {
    if (analysis.status === 'failed') return setState({ status: 'failed', failure: analysis.failure });
    // The worker places the answers of the workspace it holds: wait until it holds this one.
    if (analysis.status !== 'ready' || !workspace || analysis.workspace !== workspace) return setState({ status: 'loading' });
    const controller = new AbortController();
    setState({ status: 'loading' });
    leaderEstates(analysis.client, workspace, { signal: controller.signal, channel }).then(
      (estates) => {
        if (!controller.signal.aborted) setState({ status: 'ready', estates });
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAnalysisAbort(error)) return;
        setState({ status: 'failed', failure: thrownFailure(error) });
      },
    );
    return () => controller.abort();
  }, [analysis, workspace, channel]);
  return state;
}
