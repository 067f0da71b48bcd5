import { describe, expect, it } from 'vitest';
import { Id, NEED_CATEGORY_IDS, SurveyResponse } from '../../src/domain';
import { buildSurveyResponse, EMPTY_DRAFT, localIsoDate, parseHouseholdSize, toggleInOrder, type HouseholdDraft } from '../../src/ui/surveyForm/householdDraft';

const context = Object.freeze({ id: '0b7f3c1e-2a4d-4f7e-9c1a-5d6e7f801234', campaignId: 'campaign-2026-w2', addressId: 'addr-polna-12', date: '2026-05-04', contactId: 'lc-7' });
const draft = (over: Partial<HouseholdDraft>): HouseholdDraft => Object.freeze({ ...EMPTY_DRAFT, ...over });

describe('household draft → SurveyResponse', () => {
  it('maps a filled draft to a valid response, lists in taxonomy order, severities kept', () => {
    const result = buildSurveyResponse(
      draft({
        householdSize: '3',
        // Ticked in the "wrong" order on purpose: the response lists them in the taxonomy's order.
        severities: Object.freeze({ health: 3, unemployment: 1 }),
        nuisances: Object.freeze(['stray_dogs', 'litter'] as const),
        offers: Object.freeze(['tutoring'] as const),
      }),
      context,
    );
    expect(result).toEqual({
      ok: true,
      response: {
        id: context.id,
        campaignId: 'campaign-2026-w2',
        addressId: 'addr-polna-12',
        date: '2026-05-04',
        householdSize: 3,
        needs: [
          { category: 'unemployment', severity: 1 },
          { category: 'health', severity: 3 },
        ],
        nuisances: ['litter', 'stray_dogs'],
        offers: ['tutoring'],
      },
    });
    expect(result.ok && SurveyResponse.safeParse(result.response).success).toBe(true);
  });

  it('records a leader candidate only with consent; interests without consent are dropped', () => {
    const without = buildSurveyResponse(draft({ householdSize: '1', leaderConsent: false, leaderInterests: ['safety'] }), context);
    expect(without.ok).toBe(true);
    if (!without.ok) return;
    expect('leaderCandidate' in without.response).toBe(false);
    const withConsent = buildSurveyResponse(draft({ householdSize: '1', leaderConsent: true, leaderInterests: ['safety', 'addiction'] }), context);
    expect(withConsent.ok && withConsent.response.leaderCandidate).toEqual({ consent: true, interests: ['addiction', 'safety'] });
    const noInterests = buildSurveyResponse(draft({ householdSize: '1', leaderConsent: true }), context);
    expect(noInterests.ok && noInterests.response.leaderCandidate).toEqual({ consent: true, interests: [] });
  });

  it('builds a leader contact only after both consents, kept 12 months from the consent day', () => {
    const filled = { householdSize: '2', leaderConsent: true, contactName: ' Anna Nowak ', contactPhone: '600 100 200', contactEmail: '' };
    // The separate contact consent not given: whatever was typed is not stored.
    const noContactConsent = buildSurveyResponse(draft(filled), context);
    expect(noContactConsent.ok && 'contact' in noContactConsent).toBe(false);
    // Contact consent without the leader consent (unticked later): no contact either.
    const noLeader = buildSurveyResponse(draft({ ...filled, contactConsent: true, leaderConsent: false }), context);
    expect(noLeader.ok && 'contact' in noLeader).toBe(false);
    const both = buildSurveyResponse(draft({ ...filled, contactConsent: true }), context);
    expect(both.ok && both.contact).toEqual({ id: 'lc-7', responseId: context.id, name: 'Anna Nowak', phone: '600 100 200', consentDate: '2026-05-04', retainUntil: '2027-05-04' });
    // The response itself still carries no name or phone.
    expect(both.ok && JSON.stringify(both.response)).not.toMatch(/Anna|600/);
  });

  it('names the contact field of each problem, and reports them with the answers\' problems at once', () => {
    const base = { leaderConsent: true, contactConsent: true, contactName: 'Anna Nowak' };
    expect(buildSurveyResponse(draft({ ...base, householdSize: '2' }), context)).toEqual({ ok: false, errors: { contactPhone: 'surveyErrorContactChannel' } });
    expect(buildSurveyResponse(draft({ ...base, householdSize: '2', contactPhone: '600 100' }), context)).toEqual({ ok: false, errors: { contactPhone: 'surveyErrorContactPhone' } });
    expect(buildSurveyResponse(draft({ ...base, householdSize: '2', contactEmail: 'anna@' }), context)).toEqual({ ok: false, errors: { contactEmail: 'surveyErrorContactEmail' } });
    expect(buildSurveyResponse(draft({ ...base, householdSize: '', contactName: '', contactEmail: 'anna@example.pl' }), context)).toEqual({
      ok: false, errors: { contactName: 'surveyErrorContactName', householdSize: 'surveyErrorHouseholdSize' },
    });
  });

  it('names the field of every problem, as dictionary keys', () => {
    expect(buildSurveyResponse(draft({ householdSize: '' }), context)).toEqual({ ok: false, errors: { householdSize: 'surveyErrorHouseholdSize' } });
    expect(buildSurveyResponse(draft({ householdSize: '21' }), context)).toEqual({ ok: false, errors: { householdSize: 'surveyErrorHouseholdSize' } });
    expect(buildSurveyResponse(draft({ householdSize: '0' }), context)).toEqual({ ok: false, errors: { householdSize: 'surveyErrorHouseholdSize' } });
    expect(buildSurveyResponse(draft({ householdSize: '2' }), { ...context, addressId: undefined })).toEqual({ ok: false, errors: { addressId: 'surveyErrorAddress' } });
    expect(buildSurveyResponse(draft({ householdSize: '2' }), { ...context, campaignId: '' })).toEqual({ ok: false, errors: { campaignId: 'surveyErrorCampaign' } });
    expect(buildSurveyResponse(draft({ householdSize: '' }), { ...context, addressId: undefined })).toEqual({
      ok: false,
      errors: { householdSize: 'surveyErrorHouseholdSize', addressId: 'surveyErrorAddress' },
    });
  });

  it('rates all twelve needs at once and stays valid', () => {
    const severities = Object.fromEntries(NEED_CATEGORY_IDS.map((id, i) => [id, ((i % 3) + 1) as 1 | 2 | 3]));
    const result = buildSurveyResponse(draft({ householdSize: '20', severities }), context);
    expect(result.ok && result.response.needs.map((n) => n.severity)).toEqual([1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3]);
  });

  it('crypto.randomUUID() ids pass the domain Id pattern', () => {
    for (let i = 0; i < 100; i++) expect(Id.safeParse(crypto.randomUUID()).success).toBe(true);
  });
});

describe('form helpers', () => {
  it('parses only plain digits as a household size', () => {
    expect(parseHouseholdSize(' 4 ')).toBe(4);
    expect(parseHouseholdSize('4.5')).toBeNaN();
    expect(parseHouseholdSize('-1')).toBeNaN();
    expect(parseHouseholdSize('')).toBeNaN();
  });

  it('toggles keeping the taxonomy order and never mutates', () => {
    const order = ['a', 'b', 'c'] as const;
    const selected = Object.freeze(['c'] as Array<'a' | 'b' | 'c'>);
    expect(toggleInOrder(order, selected, 'a')).toEqual(['a', 'c']);
    expect(toggleInOrder(order, selected, 'c')).toEqual([]);
    expect(selected).toEqual(['c']);
  });

  it('writes the local calendar date, not the UTC one', () => {
    expect(localIsoDate(new Date(2026, 0, 5, 0, 30))).toBe('2026-01-05');
    expect(localIsoDate(new Date(2026, 11, 31, 23, 59))).toBe('2026-12-31');
  });
});
