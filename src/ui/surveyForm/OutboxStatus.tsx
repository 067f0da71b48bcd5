import { useT } from '../i18n/useT';
import type { OutboxView } from './useSurveyOutbox';

interface OutboxStatusProps {
  outbox: OutboxView;
  /** Embedded DataSource: "sending" is a local write, so there is never anything to wait for a network. */
  sendsLocally: boolean;
  /** Answers in the chosen wave (stored and queued), or null without a wave. */
  waveCount: number | null;
  onSendNow: () => void;
}

/** The strip at the top of the form: how many answers wait to be sent, the wave's count, and whether we are offline. */
export function OutboxStatus({ outbox, sendsLocally, waveCount, onSendNow }: OutboxStatusProps) {
  const t = useT();
  const pending = outbox.queued.length;
  return (
    <section className="survey-status" data-testid="survey-status" aria-live="polite">
      <p className="survey-status-line">
        <strong data-testid="survey-pending" data-count={pending}>
          {t('surveyPending', { count: pending })}
        </strong>
        {waveCount !== null ? (
          <span data-testid="survey-wave-count" data-count={waveCount}>
            {t('surveyWaveCount', { count: waveCount })}
          </span>
        ) : null}
      </p>
      {!outbox.online ? <p className="survey-status-note survey-offline">{sendsLocally ? t('surveyOfflineLocal') : t('surveyOffline')}</p> : null}
      {outbox.lastError && pending > 0 ? <p className="survey-status-note survey-field-error">{t('surveySendFailed', { reason: outbox.lastError })}</p> : null}
      {pending > 0 && outbox.online && !sendsLocally ? (
        <button type="button" className="button-secondary survey-small-button" disabled={outbox.sending} onClick={onSendNow}>
          {outbox.sending ? t('surveySending') : t('surveySendNow')}
        </button>
      ) : null}
    </section>
  );
}
