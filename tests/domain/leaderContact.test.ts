import { describe, expect, it } from 'vitest';
import { addMonths, isLeaderContactExpired, issuesFromZod, latestRetainUntil, LeaderContact, shortenRetention } from '../../src/domain';

const valid = Object.freeze({ id: 'lc-1', responseId: 'r-1', name: 'Anna Nowak', phone: '600 100 200', consentDate: '2026-05-04', retainUntil: '2027-05-04' });
const problems = (value: unknown) => {
  const parsed = LeaderContact.safeParse(value);
  return parsed.success ? [] : issuesFromZod(parsed.error, 'leaderContacts').map((i) => `${i.field}:${i.problem?.code === 'rule' ? i.problem.rule : i.problem?.code}`);
};

describe('LeaderContact', () => {
  it('accepts a name with a phone or an e-mail, kept at most 12 months', () => {
    expect(problems(valid)).toEqual([]);
    expect(problems({ ...valid, phone: undefined, email: 'anna.nowak@example.pl' })).toEqual([]);
    expect(problems({ ...valid, phone: '+48 600-100-200' })).toEqual([]);
    expect(problems({ ...valid, name: 'Zofia Żółć-Kowalska' })).toEqual([]);
    expect(LeaderContact.parse({ ...valid, name: '  Anna Nowak ' }).name).toBe('Anna Nowak');
  });

  it('names the field of each problem', () => {
    expect(problems({ ...valid, phone: undefined })).toEqual(['phone:no_contact_channel']);
    expect(problems({ ...valid, phone: '600 100' })).toEqual(['phone:phone_digits']); // 6 digits
    expect(problems({ ...valid, phone: '600 100 200 300 400 5' })).toEqual(['phone:phone_digits']); // 16 digits
    expect(problems({ ...valid, phone: 'zadzwoń 600100200' })).toEqual(['phone:bad_format']);
    expect(problems({ ...valid, email: 'anna@' })).toEqual(['email:bad_format']);
    expect(problems({ ...valid, name: 'A' })).toEqual(['name:too_small']);
    expect(problems({ ...valid, name: '<b>Anna</b>' })).toEqual(['name:bad_format']);
    expect(problems({ ...valid, retainUntil: '2027-05-05' })).toEqual(['retainUntil:retention_out_of_range']); // 12 months + 1 day
    expect(problems({ ...valid, retainUntil: '2026-05-04' })).toEqual(['retainUntil:retention_out_of_range']); // the consent day itself
    expect(problems({ ...valid, pesel: '80010112345' })).toEqual(['(record):unknown_keys']);
  });

  it('allows a shorter retention the planner sets', () => {
    expect(problems({ ...valid, retainUntil: '2026-08-04' })).toEqual([]);
  });
});

describe('retention dates', () => {
  it('adds calendar months, clamping to the last day of a shorter month', () => {
    expect(addMonths('2026-05-04', 12)).toBe('2027-05-04');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29'); // leap year
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(latestRetainUntil('2028-02-29')).toBe('2029-02-28');
  });

  it('expires a contact the day after its last day', () => {
    expect(isLeaderContactExpired(valid, '2027-05-04')).toBe(false);
    expect(isLeaderContactExpired(valid, '2027-05-05')).toBe(true);
  });
});

describe('shortening the retention', () => {
  const contact = LeaderContact.parse(valid);
  it('brings the deletion date forward, never later, never to the consent day', () => {
    expect(shortenRetention(contact, '2026-09-30')).toEqual({ ok: true, contact: { ...contact, retainUntil: '2026-09-30' } });
    expect(shortenRetention(contact, '2027-05-04')).toEqual({ ok: true, contact });
    const later = shortenRetention({ ...contact, retainUntil: '2026-09-30' }, '2026-10-01');
    expect(later).toMatchObject({ ok: false, issues: [{ field: 'retainUntil', problem: { code: 'rule', rule: 'retention_not_shorter' } }] });
    expect(shortenRetention(contact, '2026-05-04')).toMatchObject({ ok: false, issues: [{ field: 'retainUntil', problem: { code: 'rule', rule: 'retention_out_of_range' } }] });
    const malformed = shortenRetention(contact, '30.09.2026');
    expect(malformed.ok ? [] : malformed.issues[0]).toMatchObject({ field: 'retainUntil', problem: { code: 'bad_format', format: 'date' } });
  });
});
