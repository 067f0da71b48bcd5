import { dataAttribution } from '../../i18n/attribution';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useId, useRef, useState } from 'react';
import { useAnalysis } from '../../shell/useAnalysis';
import { canExportRawAnswers, CURRENT_AUDIENCE, type Audience } from '../../common/audience';
import { legendTitle } from '../../common/viewText';
import { useExploreState } from '../useExplore';
import { shownMap } from '../exploreController';
import { useAppState } from '../../shell/appStore';
import { useT } from '../../i18n/useT';
import { exportFileName } from './download';
import './export.css';

/** The file writers (CSV, GeoJSON, the PNG with its legend): loaded on the first export, not with the first paint. */
const exporters = () => import('./exporters');

interface ExportMenuProps {
  map: MapLibreMap | null;
  /** Who is looking: raw answers are offered to planners only (audience.ts), never in a partner view. */
  audience?: Audience;
}

/**
 * "Eksport" on the map view: the map as PNG with legend and attribution, the aggregates on screen (the layer, wave
 * and measure the map shows, from the same worker answer) as CSV or GeoJSON, and — for planners, after a GDPR
 * warning — the raw answers of the wave.
 */
export function ExportMenu({ map, audience = CURRENT_AUDIENCE }: ExportMenuProps) {
  const language = useAppState((s) => s.language);
  const t = useT();
  const state = useExploreState();
  const analysis = useAnalysis();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const menuRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const menuId = useId();
  const titleId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!menuRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  const workspace = analysis.status === 'ready' ? analysis.workspace : null;
  const layer = state?.results.layer ?? null;
  // The map the units are coloured by: the residents' resources map in that mode, else the need map (as the legend).
  const needMap = state ? shownMap(state) : null;
  const aggregatesReady = !!(layer && needMap && needMap.layerKey === layer.key && workspace);
  const town = workspace?.organisation.town ?? '';
  const campaign = state?.campaigns.find((c) => c.id === state.settings.campaignId);
  const baseName = () => exportFileName('calmap', town, layer?.key.replace(':', '') ?? 'mapa', campaign?.startDate ?? '');
  const attribution = t('exportAttribution', { source: dataAttribution(language, workspace?.organisation) });

  const exportAggregates = async (format: 'csv' | 'csvDot' | 'geojson') => {
    setOpen(false);
    if (!aggregatesReady || !state || !layer || !needMap || !workspace) return setMessage(t('exportNotReady'));
    const { aggregateRows, aggregatesCsv, aggregatesGeoJson, downloadText, POLISH_EXCEL_CSV, unitGeometries } = await exporters();
    const rows = aggregateRows(layer, needMap);
    if (format === 'geojson') {
      const measure = legendTitle(state.settings, campaign, language);
      const text = aggregatesGeoJson(rows, unitGeometries(layer, workspace), { town, campaignId: needMap.campaignId, measure, unitKind: layer.key, minResponses: needMap.minResponses });
      downloadText(text, `${baseName()}.geojson`, 'application/geo+json');
    } else {
      const options = format === 'csv' ? POLISH_EXCEL_CSV : { separator: ',' as const, decimalComma: false, bom: true };
      const measure = legendTitle(state.settings, campaign, language);
      const header = {
        unitId: t('exportColUnitId'),
        name: t('exportColName'),
        households: t('exportColHouseholds'),
        responses: t('exportColResponses'),
        responseRate: t('exportColResponseRate'),
        value: t('exportColValue', { measure }),
        lower: t('exportColLower'),
        upper: t('exportColUpper'),
        suppressed: t('exportColSuppressed', { k: needMap.minResponses }),
      };
      downloadText(aggregatesCsv(rows, header, options), `${baseName()}${format === 'csvDot' ? '-en' : ''}.csv`, 'text/csv;charset=utf-8');
    }
    setMessage('');
  };

  const exportPng = async () => {
    setOpen(false);
    if (!map) return setMessage(t('exportNotReady'));
    try {
      const { downloadBlob, legendModel, mapPng } = await exporters();
      const blob = await mapPng(map, state ? legendModel(state, language) : null, attribution);
      downloadBlob(blob, `${baseName()}.png`);
      setMessage('');
    } catch (error) {
      setMessage(t('exportPngFailed', { reason: error instanceof Error ? error.message : String(error) }));
    }
  };

  const exportRaw = async () => {
    dialogRef.current?.close();
    if (!canExportRawAnswers(audience) || !workspace || !state?.settings.campaignId) return;
    const { downloadText, rawAnswersCsv } = await exporters();
    downloadText(rawAnswersCsv(workspace.responses, state.settings.campaignId), `${exportFileName('calmap', town, 'odpowiedzi', campaign?.startDate ?? '')}.csv`, 'text/csv;charset=utf-8');
  };

  return (
    <div className="export" ref={menuRef}>
      <button ref={buttonRef} type="button" className="export-button" aria-expanded={open} aria-controls={menuId} onClick={() => setOpen((o) => !o)}>
        {t('exportMenu')}
      </button>
      <div id={menuId} className="export-menu" hidden={!open}>
        <button type="button" className="settings-item" data-export="png" onClick={() => void exportPng()} disabled={!map}>
          {t('exportPng')}
        </button>
        <button type="button" className="settings-item" data-export="csv" onClick={() => void exportAggregates('csv')} disabled={!aggregatesReady}>
          {t('exportCsv')}
        </button>
        <button type="button" className="settings-item" data-export="csv-dot" onClick={() => void exportAggregates('csvDot')} disabled={!aggregatesReady}>
          {t('exportCsvDot')}
        </button>
        <button type="button" className="settings-item" data-export="geojson" onClick={() => void exportAggregates('geojson')} disabled={!aggregatesReady}>
          {t('exportGeojson')}
        </button>
        {canExportRawAnswers(audience) ? (
          <button
            type="button"
            className="settings-item export-raw"
            data-export="raw"
            disabled={!workspace || !state?.settings.campaignId}
            onClick={() => {
              setOpen(false);
              dialogRef.current?.showModal();
            }}
          >
            {t('exportRaw')}
          </button>
        ) : null}
      </div>
      <p className="export-message" role="status">
        {message}
      </p>
      {canExportRawAnswers(audience) ? (
        <dialog ref={dialogRef} className="confirm-dialog" aria-labelledby={titleId} onClose={() => buttonRef.current?.focus()}>
          <h2 id={titleId}>{t('exportRawTitle')}</h2>
          <p>{t('exportRawBody')}</p>
          <div className="dialog-actions">
            <button type="button" className="button-secondary" onClick={() => dialogRef.current?.close()}>
              {t('exportCancel')}
            </button>
            <button type="button" className="button-danger" data-export="raw-confirm" onClick={() => void exportRaw()}>
              {t('exportRawConfirm')}
            </button>
          </div>
        </dialog>
      ) : null}
    </div>
  );
}
