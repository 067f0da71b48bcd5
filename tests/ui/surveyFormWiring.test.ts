import { describe, expect, it } from 'vitest';
import type { SurveyResponse } from '../../src/domain';
import { createAppStore, initialAppState, upsertResponses } from '../../src/ui/shell/appStore';
import { smallTown } from './fixtures/smallTown';

const answer = (id: string, householdSize: number): SurveyResponse =>
  Object.freeze({ id, campaignId: 'w1', addressId: 'a1', date: '2026-05-04', householdSize, needs: [], nuisances: [], offers: [] });

describe('the survey form in the app', () => {
  it('puts accepted answers into the loaded workspace, replacing by id, without touching the old state', () => {
    const store = createAppStore(initialAppState());
    upsertResponses(store, [answer('r1', 1)]); // nothing loaded yet: ignored
    expect(store.getState().load.status).toBe('loading');

    const workspace = { ...smallTown, responses: [answer('r1', 1)] };
    store.setState((s) => ({ ...s, load: { status: 'ready', workspace, issues: [] } }));
    const before = store.getState();
    upsertResponses(store, [answer('r1', 4), answer('r2', 2)]);
    const after = store.getState();
    expect(after.load.status === 'ready' && after.load.workspace.responses.map((r) => [r.id, r.householdSize])).toEqual([
      ['r1', 4],
      ['r2', 2],
    ]);
    expect(before.load.status === 'ready' && before.load.workspace.responses).toEqual([answer('r1', 1)]);
    upsertResponses(store, []);
    expect(store.getState()).toBe(after); // nothing to add: same state, no re-render
  });
});
