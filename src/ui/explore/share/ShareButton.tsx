import { lazy, Suspense, useState } from 'react';
import type { DataSource } from '../../../data/dataSource';
import { useT } from '../../i18n/useT';
import { useAnalysis } from '../../shell/useAnalysis';
import '../../common/sharing/partner.css';

/** The dialog and what it needs (disclosure texts, the package and link limits): loaded on the first click. */
const ShareDialog = lazy(() => import('./ShareDialog').then((m) => ({ default: m.ShareDialog })));

/**
 * "Udostępnij partnerowi" in the map view's left panel: the button is part of the first paint, the dialog
 * (ShareDialog.tsx) a chunk of its own, fetched when first opened. Enabled once the worker holds the town.
 */
export function ShareButton({ dataSource }: { dataSource: DataSource }) {
  const t = useT();
  const analysis = useAnalysis();
  const [openRequest, setOpenRequest] = useState(0);
  return (
    <div className="share-panel">
      <button type="button" className="share-button" onClick={() => setOpenRequest((n) => n + 1)} disabled={analysis.status !== 'ready'}>
        {t('shareOpen')}
      </button>
      {openRequest > 0 ? (
        <Suspense fallback={null}>
          <ShareDialog dataSource={dataSource} openRequest={openRequest} />
        </Suspense>
      ) : null}
    </div>
  );
}
