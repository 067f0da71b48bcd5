import { describe, expect, it } from 'vitest';
import { canSeeLeaderContacts, mayRecordLeaderContacts } from '../../src/ui/common/audience';

describe('who meets leader contacts', () => {
  it('the form asks for them on the embedded default and for admins, planners and surveyors; never for partners', () => {
    expect([null, 'admin', 'planner', 'surveyor', 'partner', 'loading', 'unknown', 'none'].map((role) => [role, mayRecordLeaderContacts(role)])).toEqual([
      [null, true], ['admin', true], ['planner', true], ['surveyor', true], ['partner', false], ['loading', false], ['unknown', false], ['none', false],
    ]);
  });

  it('only the planner\'s audience lists them', () => {
    expect(canSeeLeaderContacts('planner')).toBe(true);
    expect(canSeeLeaderContacts('partner')).toBe(false);
  });
});
