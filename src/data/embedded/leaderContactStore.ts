import { issuesFromZod, LeaderContact, type InputIssue } from '../../domain';
import { STORAGE_SOURCE } from './overlayEntry';

/**
 * Validates contacts read from IndexedDB (an older version or a tampered store may have written them). A bad one
 * becomes issues (source "browser storage", its row) and is left out; the others are returned. Never throws. O(n).
 */
export function restoreLeaderContacts(stored: readonly unknown[]): { contacts: LeaderContact[]; issues: InputIssue[] } {
  const contacts: LeaderContact[] = [];
  const issues: InputIssue[] = [];
  stored.forEach((raw, row) => {
    const parsed = LeaderContact.safeParse(raw);
    if (parsed.success) contacts.push(parsed.data);
    else issues.push(...issuesFromZod(parsed.error, STORAGE_SOURCE, row).map((issue) => ({ ...issue, message: `${issue.message} (saved leader contact; skipped)` })));
  });
  return { contacts, issues };
}
