import { describe, expect, it } from 'vitest';
import { SERVER_ACTIONS, type InputIssue, type ServerMessage, type ServerMessageCode } from '../../src/domain';
import { serverIssue, malformedReplyIssue } from '../../src/data/supabase/serverIssues';
import { inputIssueText, issueReasonText } from '../../src/ui/i18n/problemText';
import { serverMessageText } from '../../src/ui/i18n/serverMessageText';
import { z } from 'zod';

/** One message of every code (a code added to ServerMessage without a sample here does not compile). */
const SAMPLES: { [C in ServerMessageCode]: Extract<ServerMessage, { code: C }> } = {
  unreachable: { code: 'unreachable', action: 'load_workspace', detail: 'TypeError: Failed to fetch' },
  session_expired: { code: 'session_expired', action: 'save', tag: 'PGRST301' },
  not_allowed: { code: 'not_allowed', action: 'delete', tag: '42501' },
  missing_function: { code: 'missing_function', action: 'import', tag: 'PGRST202' },
  refused: { code: 'refused', action: 'save_changes', detail: 'campaign does not exist', tag: '22023', hint: 'Check the wave.' },
  refused_without_reason: { code: 'refused_without_reason', action: 'save' },
  reply_not_understood: { code: 'reply_not_understood', action: 'read_role', where: '0.role', detail: 'Invalid option' },
  not_signed_in: { code: 'not_signed_in' },
  not_member: { code: 'not_member' },
  no_centre: { code: 'no_centre' },
  not_member_of: { code: 'not_member_of', organisation: 'ops-debowa' },
  workspace_not_object: { code: 'workspace_not_object' },
  workspace_version: { code: 'workspace_version', version: '7' },
  organisation_unreadable: { code: 'organisation_unreadable' },
  collection_missing: { code: 'collection_missing' },
  collection_not_list: { code: 'collection_not_list' },
  duplicate_id: { code: 'duplicate_id', id: 'addr-7' },
  more_invalid_records: { code: 'more_invalid_records', count: 12 },
  records_not_list: { code: 'records_not_list' },
  too_many_records: { code: 'too_many_records', max: 10000 },
  link_malformed: { code: 'link_malformed' },
  link_gone: { code: 'link_gone' },
  share_k_range: { code: 'share_k_range', min: 5, max: 1000 },
  share_expiry_range: { code: 'share_expiry_range', days: 365 },
  not_share_link_id: { code: 'not_share_link_id' },
};

/** Words of the adapter's English log text that must never reach a Polish screen. */
const ENGLISH = /\b(the|server|could not|you are|not allowed|loading|saving|refused|reply|sign in)\b/i;

describe("the server's failures in the user's language (no adapter English on a Polish screen)", () => {
  it('every code and every action has words in both languages, with its parameters shown and no placeholder left', () => {
    for (const message of Object.values(SAMPLES)) {
      const pl = serverMessageText(message, 'pl');
      const en = serverMessageText(message, 'en');
      expect(pl, message.code).not.toMatch(/[{}]/);
      expect(en, message.code).not.toMatch(/[{}]/);
      // The server's own words are quoted („…”) and stay as the server wrote them; the rest must be Polish.
      expect(pl.replace(/„[^”]*”/g, ''), message.code).not.toMatch(ENGLISH);
      expect(pl).not.toBe(en);
      for (const [key, value] of Object.entries(message)) {
        if (key === 'code' || key === 'action' || value === '') continue;
        const shown = typeof value === 'number' ? new Intl.NumberFormat('pl-PL').format(value) : String(value);
        expect(pl, `${message.code}.${key}`).toContain(shown);
      }
    }
    for (const action of SERVER_ACTIONS) {
      expect(serverMessageText({ code: 'refused_without_reason', action }, 'pl')).toMatch(/^[A-ZŁŚŻŹĆ]/);
    }
  });

  it('the adapter codes what it logs: a 403 reads in Polish with the PostgreSQL code kept for the admin', () => {
    const issue = serverIssue({ code: '42501', message: 'permission denied for function save_record' }, 403, 'save');
    expect(issue.server).toEqual({ code: 'not_allowed', action: 'save', tag: '42501' });
    expect(issue.message).toBe('saving: you are not allowed to do this in this centre (42501)');
    expect(issueReasonText(issue, 'pl')).toBe('Zapisywanie: Twoja rola w tym ośrodku na to nie pozwala (42501).');
    expect(inputIssueText(issue, 'en')).toContain('Saving: your role in this centre does not allow this (42501).');
  });

  it("the server's own words are quoted, never translated, and a malformed reply names where", () => {
    const refused = serverIssue({ code: '22023', message: 'campaign does not exist', hint: 'Check <b>it</b>' }, 400, 'create_share_link');
    expect(issueReasonText(refused, 'pl')).toBe('Tworzenie linku dla partnera: serwer odrzucił żądanie: „campaign does not exist” (22023). Wskazówka serwera: „Check <b>it</b>”.');
    const reply = z.object({ ok: z.boolean() }).safeParse({ ok: 'yes' });
    const malformed = malformedReplyIssue('save_changes', reply.error!);
    expect(issueReasonText(malformed, 'pl')).toMatch(/^Zapisywanie zmian: odpowiedź serwera ma nieoczekiwaną postać \(ok: /);
  });

  it('an issue without a code still shows its own message', () => {
    const issue: InputIssue = { source: 'browser', field: '(storage)', message: 'QuotaExceededError' };
    expect(issueReasonText(issue, 'pl')).toBe('QuotaExceededError');
  });
});
