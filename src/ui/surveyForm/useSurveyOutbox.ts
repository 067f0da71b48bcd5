import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createConnectivityMonitor, type ConnectivityMonitor } from '../../data/connectivity';
import type { DataSource } from '../../data/dataSource';
import { createSurveyOutbox, sendOutbox } from '../../data/outbox';
import type { InputIssue, LeaderContact, SurveyResponse } from '../../domain';
import { inputIssuesText } from '../i18n/problemText';
import { upsertResponses, useAppStore } from '../shell/appStore';

/** How often a phone with queued answers tries again while it believes it is online. */
const RETRY_INTERVAL_MS = 30_000;

export interface OutboxView {
  /** Answers saved on this phone that the DataSource has not accepted yet. */
  queued: SurveyResponse[];
  /** Why the last sending attempt failed, if it did (shown under the counter). */
  lastError: string | undefined;
  sending: boolean;
  online: boolean;
}

/** A static file the service worker never caches (vite.config.ts): fetching it tells whether the server is reachable. */
export const ONLINE_CHECK_URL = `${import.meta.env.BASE_URL}online-check.txt`;

/**
 * Whether the server can be reached now (src/data/connectivity.ts): navigator.onLine alone can say "online" while
 * every request fails, so a failed probe or a failed send also counts. `monitor` lets callers report failures.
 */
export function useConnectivity(): { online: boolean; monitor: ConnectivityMonitor | null } {
  const [monitor, setMonitor] = useState<ConnectivityMonitor | null>(null);
  const [online, setOnline] = useState(() => (typeof navigator === 'undefined' ? true : navigator.onLine));
  useEffect(() => {
    const created = createConnectivityMonitor({ probeUrl: ONLINE_CHECK_URL });
    setMonitor(created);
    setOnline(created.getSnapshot());
    const off = created.subscribe(() => setOnline(created.getSnapshot()));
    return () => {
      off();
      created.dispose();
    };
  }, []);
  return { online, monitor };
}

/**
 * Every answer goes first into the IndexedDB outbox (it survives a flat battery or a closed tab), then to the
 * DataSource. With the embedded DataSource that second step is local and immediate; with a remote one it runs
 * when the phone is online: at once, on the browser's "online" event, and every 30 s while answers wait.
 * Accepted answers are put into the loaded workspace, so counts and duplicate checks see them at once.
 */
export function useSurveyOutbox(dataSource: DataSource) {
  const store = useAppStore();
  const outbox = useMemo(() => createSurveyOutbox(), []);
  const { online, monitor } = useConnectivity();
  const onlineRef = useRef(online);
  onlineRef.current = online;
  const [queued, setQueued] = useState<SurveyResponse[]>([]);
  const [lastError, setLastError] = useState<string | undefined>(undefined);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef<Promise<void> | null>(null);
  const signalRef = useRef<AbortSignal | undefined>(undefined);
  const sendsLocally = dataSource.kind === 'embedded';

  const refresh = useCallback(async () => {
    const { entries } = await outbox.read(signalRef.current);
    setQueued(entries.map((e) => e.record));
    setLastError(entries.find((e) => e.lastError !== undefined)?.lastError);
  }, [outbox]);

  const send = useCallback((): Promise<void> => {
    if (sendingRef.current) return sendingRef.current;
    if (!sendsLocally && !onlineRef.current) return Promise.resolve();
    const signal = signalRef.current;
    const round = (async () => {
      setSending(true);
      try {
        const report = await sendOutbox(outbox, dataSource, signal);
        upsertResponses(store, report.sent);
        await refresh();
        // Answers still waiting after a round: a lost signal is the usual reason. A probe tells the volunteer
        // "offline" if so (navigator.onLine may still say online), and brings the next round when it comes back.
        if (report.failedIds.length > 0 && !sendsLocally) void monitor?.check();
      } catch {
        // Aborted on unmount: the answers stay queued for next time.
      } finally {
        sendingRef.current = null;
        if (!signal?.aborted) setSending(false);
      }
    })();
    sendingRef.current = round;
    return round;
  }, [dataSource, monitor, outbox, refresh, sendsLocally, store]);

  useEffect(() => {
    const controller = new AbortController();
    signalRef.current = controller.signal;
    refresh()
      .then(() => send())
      .catch(() => undefined);
    return () => controller.abort();
  }, [refresh, send]);

  useEffect(() => {
    if (online) void send();
  }, [online, send]);

  useEffect(() => {
    if (queued.length === 0 || !online) return;
    const timer = window.setInterval(() => void send(), RETRY_INTERVAL_MS);
    return () => window.clearInterval(timer);
  }, [queued.length, online, send]);

  /**
   * Queues the answer (with the leader contact its resident consented to, if any: both or neither) and tries to send
   * it; resolves once it is safely on the phone (queued or sent).
   */
  const save = useCallback(
    async (record: SurveyResponse, contact?: LeaderContact): Promise<{ ok: true } | { ok: false; reason: string; issues: InputIssue[] }> => {
      try {
        const result = await outbox.enqueue(record, signalRef.current, contact);
        if (!result.ok) return { ok: false, reason: inputIssuesText(result.issues, store.getState().language), issues: result.issues };
      } catch (error) {
        return { ok: false, reason: error instanceof Error ? error.message : String(error), issues: [] };
      }
      await refresh().catch(() => undefined);
      // A round already running read the outbox before this answer was queued: let it finish, then send again.
      if (sendingRef.current) await sendingRef.current;
      await send();
      return { ok: true };
    },
    [outbox, refresh, send, store],
  );

  const view: OutboxView = { queued, lastError, sending, online };
  return { view, save, sendNow: send, sendsLocally };
}
