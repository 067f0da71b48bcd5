import { useState, useSyncExternalStore } from 'react';
import { applyServiceWorkerUpdate, getServiceWorkerStatus, subscribeServiceWorkerStatus } from '../../../sw/registerServiceWorker';
import { useT } from '../../i18n/useT';

/**
 * "A new version is ready": shown when a new deployment has been installed by the service worker and waits. The
 * switch (and the page reload it needs) happens only when the user asks, so nobody loses a half-typed answer;
 * answers already saved live in IndexedDB and survive it.
 */
export function UpdateNotice() {
  const t = useT();
  const status = useSyncExternalStore(subscribeServiceWorkerStatus, getServiceWorkerStatus);
  const [dismissed, setDismissed] = useState(false);
  const [switching, setSwitching] = useState(false);
  if (!status.updateReady || dismissed) return null;
  return (
    <section className="notice notice-info update-notice" role="status" data-testid="update-notice">
      <div className="notice-head">
        <p className="notice-title">{t('updateReady')}</p>
        <span className="update-notice-actions">
          <button
            type="button"
            className="button-primary"
            disabled={switching}
            onClick={() => {
              setSwitching(true);
              void applyServiceWorkerUpdate();
            }}
          >
            {t('updateReload')}
          </button>
          <button type="button" className="button-link" onClick={() => setDismissed(true)}>
            {t('updateLater')}
          </button>
        </span>
      </div>
    </section>
  );
}
