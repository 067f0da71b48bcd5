import type { LoadState } from '../appStore';
import { useT } from '../../i18n/useT';

interface LoadStatusProps {
  load: LoadState;
  mapDrawn: boolean;
  onRetry: () => void;
}

/** Progress in words over the map while loading; the reason and a retry button if loading failed. */
export function LoadStatus({ load, mapDrawn, onRetry }: LoadStatusProps) {
  const t = useT();
  if (load.status === 'failed') {
    return (
      <div className="map-overlay">
        <div className="overlay-card notice-error" role="alert">
          <p>{t('loadFailed', { reason: load.reason })}</p>
          <button type="button" className="button-primary" onClick={onRetry}>
            {t('retry')}
          </button>
        </div>
      </div>
    );
  }
  if (load.status === 'ready' && mapDrawn) return null;
  return (
    <div className="map-overlay" aria-hidden="false">
      <div className="overlay-card" role="status" data-testid="load-status">
        <span className="progress-dot" aria-hidden="true" />
        {load.status === 'loading' ? t('loading') : t('loadingMap')}
        {load.status === 'ready' ? (
          <p className="overlay-detail">
            {t('loadedCounts', {
              districts: load.workspace.areas.filter((a) => a.kind === 'district').length,
              estates: load.workspace.areas.filter((a) => a.kind === 'estate').length,
              streets: load.workspace.streets.length,
              addresses: load.workspace.addresses.length,
              resources: load.workspace.resources.length,
            })}
          </p>
        ) : null}
      </div>
    </div>
  );
}
