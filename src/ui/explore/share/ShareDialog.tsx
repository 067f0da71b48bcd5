import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { offerMapQuery, sharedOfferSelection, selectedNeeds } from '../../common/exploreSettings';
import { OFFER_IDS } from '../../../domain';
import type { ShareLinkView, ShareSelection } from '../../../domain/sharePackage';
import { shownMap } from '../exploreController';
import type { DataSource } from '../../../data/dataSource';
import type { ShareLinkInfo } from '../../../data/supabase/shareLinks';

/** Share links exist only on a centre's server: their client code loads when the dialog first talks to it. */
const shareLinks = () => import('../../../data/supabase/shareLinks');
/** Building a package runs the disclosure control over the whole town (and the hexagon grids): loaded when asked for. */
const packageBuilder = () => Promise.all([import('./buildSharePackage'), import('./packageDisclosure')]);
import type { SupabaseDataSource } from '../../../data/supabase';
import { MAX_SHARE_DAYS, MAX_SHARE_K, MIN_SHARE_K, type SharePackage } from '../../../domain/sharePackage';
import { useAnalysis } from '../../shell/useAnalysis';
import { legendTitle } from '../../common/viewText';
import { useExploreState } from '../useExplore';
import { translate, type Language } from '../../i18n/dictionary';
import { useT } from '../../i18n/useT';
import { issueReasonText } from '../../i18n/problemText';
import { useAppState } from '../../shell/appStore';

import { embeddedShareNote } from '../../common/sharing/disclosureText';
import { shareLinkUrl } from '../../shell/partnerRoute';
import { formatDate, unitName } from '../../common/sharing/partnerText';
import '../../common/sharing/partner.css';
import { slugOf } from '../../../domain/text';

const DAY_MS = 86_400_000;
const isoDay = (date: Date): string => date.toISOString().slice(0, 10);
/** The end of the chosen day, UTC (a link valid "until 31 May" works through 31 May). */
const endOfDay = (day: string): Date => new Date(`${day}T23:59:59Z`);

function isSupabase(source: DataSource): source is SupabaseDataSource {
  return source.kind === 'supabase';
}

/** The package file's name: "pakiet-partner-debowo-2026-11-23.json". */
export function packageFileName(pkg: SharePackage): string {
  const town = slugOf(pkg.organisation.town);
  return `pakiet-partner-${town || 'cal'}-${pkg.createdAt.slice(0, 10)}.json`;
}

function linkState(link: ShareLinkInfo, language: Language): string {
  if (link.revokedAt) return translate(language, 'shareLinkRevoked', { date: formatDate(link.revokedAt, language) });
  if (!link.active) return translate(language, 'shareLinkExpired', { date: formatDate(link.expiresAt, language) });
  return translate(language, 'shareLinkActive', { date: formatDate(link.expiresAt, language) });
}

/**
 * "Udostępnij partnerowi" in the map view, opened by ShareButton (which loads this file on the first click; each click
 * bumps `openRequest` and opens the dialog again). On Supabase: create a partner link for the current view (k, expiry), list
 * the centre's links and revoke them. On the embedded default: one sentence on why there are no links, and the
 * aggregates-only package file built from the worker's current need map instead.
 */
export function ShareDialog({ dataSource, openRequest }: { dataSource: DataSource; openRequest: number }) {
  const t = useT();
  const language = useAppState((s) => s.language);
  const analysis = useAnalysis();
  const explore = useExploreState();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [k, setK] = useState(String(MIN_SHARE_K));
  const [expiry, setExpiry] = useState(() => isoDay(new Date(Date.now() + 30 * DAY_MS)));
  const [status, setStatus] = useState<string | null>(null);
  const [createdUrl, setCreatedUrl] = useState<string | null>(null);
  const [links, setLinks] = useState<ShareLinkInfo[] | null>(null);

  const workspace = analysis.status === 'ready' ? analysis.workspace : null;
  const settings = explore?.settings ?? null;
  const layer = explore?.results.layer ?? null;
  const needMap = explore ? shownMap(explore) : null;
  const campaign = settings?.campaignId ? explore?.campaigns.find((c) => c.id === settings.campaignId) : undefined;
  const current = layer && needMap && needMap.layerKey === layer.key ? { layer, needMap } : null;
  const supabase = isSupabase(dataSource) ? dataSource : null;

  const checkedInput = (): { k: number; expiresAt: Date } | string => {
    const kValue = Number(k);
    if (!Number.isInteger(kValue) || kValue < MIN_SHARE_K || kValue > MAX_SHARE_K) return t('shareKInvalid');
    const expiresAt = endOfDay(expiry);
    const now = Date.now();
    if (!Number.isFinite(expiresAt.getTime()) || expiresAt.getTime() <= now || expiresAt.getTime() > now + MAX_SHARE_DAYS * DAY_MS) return t('shareExpiryInvalid');
    return { k: kValue, expiresAt };
  };

  const refreshLinks = useCallback(async () => {
    if (!supabase) return;
    const membership = await supabase.membership();
    if (!membership.ok || !membership.current) return;
    const listed = await (await shareLinks()).listShareLinks(supabase.client, membership.current.organisationId);
    if (listed.ok) setLinks(listed.value);
    else setStatus(translate(language, 'shareFailed', { reason: issueReasonText(listed.issue, language) }));
  }, [supabase, language]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    const onClose = () => setCreatedUrl(null);
    dialog.addEventListener('close', onClose);
    return () => dialog.removeEventListener('close', onClose);
  }, []);

  const open = () => {
    setStatus(null);
    if (!dialogRef.current?.open) dialogRef.current?.showModal();
    if (supabase) void refreshLinks();
  };
  const openRef = useRef(open);
  openRef.current = open;
  useEffect(() => {
    if (openRequest > 0) openRef.current();
  }, [openRequest]);

  const download = async () => {
    const input = checkedInput();
    if (typeof input === 'string') return setStatus(input);
    if (!workspace || !settings || !current) return setStatus(t('shareNotReady'));
    // The same disclosure rules as a share link (supabase/README.md): over every street, area and hexagon of the wave.
    if (!settings.campaignId) return setStatus(t('shareNotReady'));
    // Residents' resources travel as the same suppressed aggregates: the offers shown decide what a household "has".
    // The potential index is shared with the chosen offers weighing equally (sharedOfferSelection); when the map shows
    // other weights, the figures are asked of the worker for the shared index.
    const offers = settings.subject === 'resources' ? sharedOfferSelection(settings) : null;
    const selection: ShareSelection = offers ? (offers.kind === 'offer' ? offers : { kind: 'offerIndex', weights: offers.weights }) : (current.needMap.selection as ShareSelection);
    let figuresMap = current.needMap;
    if (offers?.kind === 'index' && !sharesMapWeights(settings)) {
      const query = offerMapQuery(settings);
      if (!query || analysis.status !== 'ready') return setStatus(t('shareNotReady'));
      const shared = await analysis.client.offerMap({ ...query, selection: offers }, { channel: 'share:offerMap' });
      if (!shared.ok) return setStatus(t('shareFailed', { reason: shared.message }));
      figuresMap = shared.value;
    }
    const answers = offers ? { offerIds: offers.kind === 'offer' ? [offers.offerId] : OFFER_IDS.filter((id) => (offers.weights[id] ?? 0) > 0) } : { needIds: selectedNeeds(settings), minSeverity: 1 as const };
    const [{ buildSharePackage, figuresOf, unitGeometries }, { packageDisclosure }] = await packageBuilder();
    const disclosure = packageDisclosure(workspace, settings.campaignId, answers, input.k, current.layer, settings.hexSizeMeters);
    const pkg = buildSharePackage({
      disclosure,
      organisation: workspace.organisation,
      campaign: campaign ? { name: campaign.name, wave: campaign.wave } : null,
      unit: current.layer.kind,
      selection,
      minSeverity: 1,
      k: input.k,
      createdAt: new Date(),
      expiresAt: input.expiresAt,
      figures: figuresOf(current.layer, figuresMap, unitGeometries(current.layer, workspace.streets, workspace.areas)),
    });
    const blob = new Blob([JSON.stringify(pkg, null, 1)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = packageFileName(pkg);
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    const hidden = pkg.units.filter((u) => u.suppressed).length;
    setStatus(t('shareDownloaded', { shown: pkg.units.length - hidden, hidden, k: pkg.k }));
  };

  const create = async () => {
    const input = checkedInput();
    if (typeof input === 'string') return setStatus(input);
    if (!supabase || !settings?.campaignId || !workspace) return setStatus(t('shareNotReady'));
    // Residents' resources: the server counts households offering the shown offer (or, for the potential index, any
    // weighted offer) under the same disclosure rules as needs, and the partner sees the share or the index.
    const offers = settings.subject === 'resources' ? sharedOfferSelection(settings) : null;
    const membership = await supabase.membership();
    if (!membership.ok || !membership.current) return setStatus(t('shareFailed', { reason: membership.ok ? '—' : (membership.issues[0]?.message ?? '—') }));
    const needs = selectedNeeds(settings);
    const areaKind = settings.unit === 'estate' || settings.unit === 'district' ? settings.unit : null;
    const view: ShareLinkView = {
      v: 1,
      unit: settings.unit === 'street' ? 'street' : settings.unit === 'hex' ? 'hex' : 'area',
      ...(offers
        ? { offers: offers.kind === 'offer' ? { kind: 'offer' as const, offerId: offers.offerId } : { kind: 'offerIndex' as const, weights: offers.weights } }
        : { needs: needs as ShareLinkView['needs'] }),
      minSeverity: 1,
      exploreUnit: settings.unit,
      ...(settings.unit === 'hex' ? { hexSizeMeters: 250 } : {}),
      ...(areaKind ? { areaIds: workspace.areas.filter((a) => a.kind === areaKind).map((a) => a.id) } : {}),
    };
    const created = await (await shareLinks()).createShareLink(supabase.client, { organisationId: membership.current.organisationId, campaignId: settings.campaignId, view, expiresAt: input.expiresAt, k: input.k });
    if (!created.ok) return setStatus(t('shareFailed', { reason: issueReasonText(created.issue, language) }));
    setCreatedUrl(shareLinkUrl(window.location.origin, import.meta.env.BASE_URL, created.value.token));
    setStatus(null);
    await refreshLinks();
  };

  const revoke = async (linkId: string) => {
    if (!supabase) return;
    const revoked = await (await shareLinks()).revokeShareLink(supabase.client, linkId);
    if (!revoked.ok) setStatus(t('shareFailed', { reason: issueReasonText(revoked.issue, language) }));
    await refreshLinks();
  };

  const what = settings ? legendTitle(settings, campaign, language) : '';

  return (
    <>
      <dialog ref={dialogRef} className="share-dialog" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{t('shareOpen')}</h2>
        <p>{t('shareIntro')}</p>
        {settings ? <p>{t('shareViewNow', { what, unit: unitName(settings.unit, language) })}</p> : null}
        {settings?.subject === 'resources' && !sharesMapWeights(settings) ? <p data-testid="share-offer-weights-note">{t('shareOfferWeightsEqual')}</p> : null}
        <div className="share-fields">
          <label htmlFor={`${id}-k`}>{t('shareK')}</label>
          <input id={`${id}-k`} type="number" min={MIN_SHARE_K} max={MAX_SHARE_K} step={1} value={k} onChange={(e) => setK(e.target.value)} />
          <label htmlFor={`${id}-expiry`}>{t('shareExpiry')}</label>
          <input id={`${id}-expiry`} type="date" value={expiry} min={isoDay(new Date(Date.now() + DAY_MS))} max={isoDay(new Date(Date.now() + (MAX_SHARE_DAYS - 1) * DAY_MS))} onChange={(e) => setExpiry(e.target.value)} />
        </div>
        {supabase ? (
          <>
            <div className="share-actions">
              <button type="button" className="share-button" onClick={() => void create()}>
                {t('shareCreate')}
              </button>
            </div>
            {createdUrl ? (
              <div>
                <label htmlFor={`${id}-url`}>{t('shareCreated')}</label>
                <input id={`${id}-url`} className="share-link-output" readOnly value={createdUrl} onFocus={(e) => e.target.select()} />
                <button type="button" className="share-button" onClick={() => void navigator.clipboard?.writeText(createdUrl).then(() => setStatus(t('shareCopied')))}>
                  {t('shareCopy')}
                </button>
              </div>
            ) : null}
            <h3>{t('shareLinksTitle')}</h3>
            {links === null ? <p>{t('shareLinksLoading')}</p> : links.length === 0 ? <p>{t('shareLinksEmpty')}</p> : null}
            <ul className="share-links">
              {(links ?? []).map((link) => (
                <li key={link.id}>
                  <span>
                    {linkState(link, language)} <span className="share-status">({t('shareLinkMeta', { date: formatDate(link.createdAt, language), k: link.k })})</span>
                  </span>
                  {link.active ? (
                    <button type="button" className="share-button" onClick={() => void revoke(link.id)}>
                      {t('shareRevoke')}
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <>
            <p className="share-note">{embeddedShareNote(language)}</p>
            <div className="share-actions">
              <button type="button" className="share-button" onClick={() => void download()}>
                {t('shareDownload')}
              </button>
            </div>
          </>
        )}
        <p role="status" className="share-status">
          {status}
        </p>
        <div className="share-actions">
          <button type="button" className="share-button" onClick={() => dialogRef.current?.close()}>
            {t('shareClose')}
          </button>
        </div>
      </dialog>
    </>
  );
}

/** Whether the shared view is the map's own: one offer, or a potential index whose chosen offers weigh the same. */
function sharesMapWeights(settings: NonNullable<ReturnType<typeof useExploreState>>['settings']): boolean {
  return settings.offer !== 'index' || new Set(Object.values(settings.offerWeights).filter((w) => w > 0)).size <= 1;
}
