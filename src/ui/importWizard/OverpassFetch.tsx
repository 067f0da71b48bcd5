import { useRef, useState } from 'react';
import { isAbortError } from '../../data/abort';
import { fetchGminaFromOverpass } from '../../data/import/overpass';
import type { Organisation } from '../../domain';
import { useT } from '../i18n/useT';

type FetchStatus = { kind: 'idle' } | { kind: 'fetching' } | { kind: 'done'; streets: number; addresses: number; incomplete: boolean } | { kind: 'failed'; reason: string };

/**
 * "Pobierz z OpenStreetMap": the gmina's named streets and addressed buildings fetched by its TERYT code, handed to
 * the wizard as if the user had chosen an OSM export file (the same preview, checks and one commit follow). Needs the
 * internet; the file path stays first-class offline.
 */
export function OverpassFetch({ organisation, onFile, disabled }: { organisation: Organisation | undefined; onFile: (file: File) => void; disabled: boolean }) {
  const t = useT();
  const [status, setStatus] = useState<FetchStatus>({ kind: 'idle' });
  const controllerRef = useRef<AbortController | null>(null);
  if (!organisation) return null;

  const fetchNow = async () => {
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    setStatus({ kind: 'fetching' });
    try {
      const result = await fetchGminaFromOverpass(organisation.gminaTeryt, { signal: controller.signal });
      if (result.counts.streets === 0 && result.counts.buildings + result.counts.addressPoints === 0) {
        setStatus({ kind: 'failed', reason: t('overpassNothing', { teryt: organisation.gminaTeryt }) });
        return;
      }
      setStatus({ kind: 'done', streets: result.counts.streets, addresses: result.counts.buildings + result.counts.addressPoints, incomplete: Boolean(result.remark) });
      const name = `openstreetmap-${organisation.town.replace(/[^\p{L}\p{N}]+/gu, '-')}.geojson`;
      onFile(new File([JSON.stringify(result.geojson)], name, { type: 'application/geo+json' }));
    } catch (error) {
      if (isAbortError(error)) return;
      const offline = typeof navigator !== 'undefined' && !navigator.onLine;
      setStatus({ kind: 'failed', reason: offline ? t('overpassOffline') : error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <div className="import-overpass" data-testid="overpass">
      <button type="button" className="button-secondary" disabled={disabled || status.kind === 'fetching'} onClick={() => void fetchNow()}>
        {status.kind === 'fetching' ? t('overpassFetching') : t('overpassFetch', { town: organisation.town })}
      </button>
      <p className="import-note">{t('overpassNote', { teryt: organisation.gminaTeryt })}</p>
      <p role="status" className="import-note">
        {status.kind === 'done' ? t('overpassDone', { streets: status.streets, addresses: status.addresses }) : null}
        {status.kind === 'done' && status.incomplete ? ` ${t('overpassIncomplete')}` : null}
      </p>
      {status.kind === 'failed' ? (
        <p className="form-error" role="alert">
          {t('overpassFailed', { reason: status.reason })}
        </p>
      ) : null}
    </div>
  );
}
