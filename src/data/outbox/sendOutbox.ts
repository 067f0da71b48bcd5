import { formatIssue, type InputIssue, type SurveyResponse } from '../../domain';
import type { DataSource } from '../dataSource';
import { isAbortError } from '../abort';
import type { SurveyOutbox } from './surveyOutbox';

/** What one sending round did. `sent` are the answers the DataSource accepted (and that left the outbox). */
export interface SendReport {
  sent: SurveyResponse[];
  /** Still queued after this round (failed, or saved while it ran). */
  failedIds: string[];
  issues: InputIssue[];
}

/**
 * Sends every queued answer to the DataSource, oldest first, in one `saveRecords` batch (one request for Supabase),
 * except answers with a leader contact, which go one by one with their contact (saveResponseWithLeaderContact),
 * and removes what it accepted. If the batch is refused because some records are invalid there (the issues carry
 * their rows), those stay queued with the reason and the others are sent in a second batch, so one bad answer
 * never blocks the rest. Any other failure (offline, server down) leaves everything queued for the next round.
 * Without `saveRecords`, answers go one by one with `saveRecord`. Never throws except an AbortError.
 *
 * @example const report = await sendOutbox(outbox, dataSource, signal); // report.sent.length answers left the phone
 */
export async function sendOutbox(
  outbox: SurveyOutbox,
  target: Pick<DataSource, 'saveRecord' | 'saveRecords' | 'saveResponseWithLeaderContact'>,
  signal?: AbortSignal,
): Promise<SendReport> {
  let entries;
  try {
    ({ entries } = await outbox.read(signal));
  } catch (error) {
    if (isAbortError(error)) throw error;
    return { sent: [], failedIds: [], issues: [{ source: 'outbox', field: '(storage)', message: error instanceof Error ? error.message : String(error) }] };
  }
  if (entries.length === 0) return { sent: [], failedIds: [], issues: [] };

  const sent: SurveyResponse[] = [];
  const failed = new Map<string, string>();
  const issues: InputIssue[] = [];

  const trySend = async (records: SurveyResponse[]): Promise<void> => {
    if (records.length === 0) return;
    if (!target.saveRecords) {
      for (const record of records) {
        const result = await target.saveRecord('responses', record, signal);
        if (result.ok) sent.push(record);
        else {
          failed.set(record.id, result.issues.map(formatIssue).join('; '));
          issues.push(...result.issues);
        }
      }
      return;
    }
    const result = await target.saveRecords('responses', records, signal);
    if (result.ok) {
      sent.push(...records);
      return;
    }
    const badRows = new Set(result.issues.flatMap((issue) => (issue.row === undefined ? [] : [issue.row])));
    const isolatable = badRows.size > 0 && badRows.size < records.length && result.issues.every((issue) => issue.row !== undefined);
    issues.push(...result.issues);
    if (!isolatable) {
      const reason = result.issues.map(formatIssue).join('; ');
      for (const record of records) failed.set(record.id, reason);
      return;
    }
    for (const row of badRows) {
      const record = records[row];
      if (record) failed.set(record.id, result.issues.filter((issue) => issue.row === row).map(formatIssue).join('; '));
    }
    // The rest passed validation; send them alone (a second failure leaves them queued, not split again).
    const rest = records.filter((_, row) => !badRows.has(row));
    const second = await target.saveRecords('responses', rest, signal);
    if (second.ok) sent.push(...rest);
    else {
      issues.push(...second.issues);
      const reason = second.issues.map(formatIssue).join('; ');
      for (const record of rest) failed.set(record.id, reason);
    }
  };

  // Answers with a leader contact go one by one, each with its contact in one all-or-nothing call.
  const sendWithContacts = async (): Promise<void> => {
    for (const entry of entries) {
      if (!entry.leaderContact) continue;
      const result = await target.saveResponseWithLeaderContact(entry.record, entry.leaderContact, signal);
      if (result.ok) sent.push(entry.record);
      else {
        failed.set(entry.id, result.issues.map(formatIssue).join('; '));
        issues.push(...result.issues);
      }
    }
  };

  try {
    await trySend(entries.filter((entry) => !entry.leaderContact).map((entry) => entry.record));
    await sendWithContacts();
  } catch (error) {
    if (isAbortError(error) || signal?.aborted) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    issues.push({ source: 'outbox', field: '(send)', message: reason });
    for (const entry of entries) if (!sent.some((r) => r.id === entry.id)) failed.set(entry.id, reason);
  }

  await outbox.remove(sent.map((record) => record.id), signal);
  // Group by reason so each distinct reason is one transaction.
  const byReason = new Map<string, string[]>();
  for (const [id, reason] of failed) byReason.set(reason, [...(byReason.get(reason) ?? []), id]);
  for (const [reason, ids] of byReason) await outbox.markFailed(ids, reason, signal);

  return { sent, failedIds: [...failed.keys()], issues };
}
