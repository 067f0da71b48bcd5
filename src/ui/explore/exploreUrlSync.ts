import { useEffect } from 'react';
import type { CampaignInfo } from '../../analysis/exploreSession';
import { NEED_CATEGORY_IDS, OFFER_IDS, positiveWeights } from '../../domain';
import type { OfferWeights, OverlayId, ViewState, Weights } from '../../share/viewState';
import { EQUAL_OFFER_SLIDERS, initialExploreSettings, offerWeightsEqual, type ExploreSettings, type ExploreToggle } from '../common/exploreSettings';
import { getUrlSnapshot, subscribeUrlReads, updateUrlState, urlReadPending } from '../shell/url/urlStore';
import type { ExploreController } from './exploreController';

/**
 * The map screen's part of the link: wave, need or weights, unit and overlays ⇄ the explore settings. The rest of
 * the link (camera, selection, layers, language) is the shell's (shell/url/urlSync.ts).
 */

const TOGGLES: ReadonlyArray<[ExploreToggle, OverlayId]> = [
  ['hotSpots', 'hotspots'],
  ['clusters', 'clusters'],
  ['gaps', 'gaps'],
  ['heatmap', 'heatmap'],
  ['lisa', 'lisa'],
];

const DEFAULTS = initialExploreSettings();

/**
 * The explore settings a link asks for, on top of the current ones; `s` itself when nothing changes. `campaigns`:
 * the waves of the loaded workspace (undefined while unknown).
 */
export function settingsFromUrl(s: ExploreSettings, url: ViewState, campaigns?: readonly CampaignInfo[]): ExploreSettings {
  // Before the waves are known any id is taken (the controller checks it when it attaches); after, only known ones.
  const waveKnown = url.campaignId !== null && (campaigns === undefined || campaigns.some((c) => c.id === url.campaignId));
  const next: ExploreSettings = {
    ...s,
    campaignId: waveKnown ? url.campaignId : s.campaignId,
    mode: url.weights ? 'index' : 'need',
    needId: url.need ?? DEFAULTS.needId,
    weights: url.weights ? (Object.fromEntries(NEED_CATEGORY_IDS.map((id) => [id, url.weights![id] ?? 0])) as ExploreSettings['weights']) : s.weights,
    unit: url.unit ?? DEFAULTS.unit,
    hexSizeMeters: url.hex ?? DEFAULTS.hexSizeMeters,
    subject: url.show ?? DEFAULTS.subject,
    offer: url.offer ?? DEFAULTS.offer,
    // A link without `ow` weighs every offer 1 (a link is the whole view: a fresh page shows what the sender saw).
    offerWeights: url.offerWeights ? (Object.fromEntries(OFFER_IDS.map((id) => [id, url.offerWeights![id] ?? 0])) as ExploreSettings['offerWeights']) : EQUAL_OFFER_SLIDERS,
    matchMeters: url.within ?? DEFAULTS.matchMeters,
  };
  // The matching view shows one need: a link with index weights and show=dopasowanie opens the need.
  if (next.subject === 'matching') next.mode = 'need';
  for (const [toggle, overlay] of TOGGLES) next[toggle] = url.layers.includes(overlay);
  const same =
    next.campaignId === s.campaignId &&
    next.mode === s.mode &&
    next.needId === s.needId &&
    next.unit === s.unit &&
    next.hexSizeMeters === s.hexSizeMeters &&
    next.subject === s.subject &&
    next.offer === s.offer &&
    OFFER_IDS.every((id) => next.offerWeights[id] === s.offerWeights[id]) &&
    next.matchMeters === s.matchMeters &&
    NEED_CATEGORY_IDS.every((id) => next.weights[id] === s.weights[id]) &&
    TOGGLES.every(([t]) => next[t] === s[t]);
  return same ? s : next;
}

/** The URL's explore part for these settings (defaults left out). */
export function urlFromSettings(url: ViewState, s: ExploreSettings): ViewState {
  const weights: Weights | null = s.mode === 'index' ? positiveWeights(s.weights) : null;
  return {
    ...url,
    campaignId: s.campaignId ?? url.campaignId,
    need: s.needId === DEFAULTS.needId ? null : s.needId,
    weights,
    unit: s.unit === DEFAULTS.unit ? null : s.unit,
    hex: s.hexSizeMeters === DEFAULTS.hexSizeMeters ? null : s.hexSizeMeters,
    show: s.subject === DEFAULTS.subject ? null : s.subject,
    offer: s.subject !== 'resources' || s.offer === DEFAULTS.offer ? null : s.offer,
    // Written while the potential index is shown and its weights are not the default (every offer 1).
    offerWeights: s.subject !== 'resources' || s.offer !== 'index' || offerWeightsEqualToDefault(s) ? null : positiveWeights(s.offerWeights),
    within: s.subject !== 'matching' || s.matchMeters === DEFAULTS.matchMeters ? null : s.matchMeters,
    layers: TOGGLES.filter(([t]) => s[t]).map(([, o]) => o),
  };
}

const offerWeightsEqualToDefault = (s: ExploreSettings) => offerWeightsEqual(s.offerWeights) && s.offerWeights[OFFER_IDS[0]] === 1;

const sameWeights = (a: Weights | null, b: Weights | null) => a === b || (a !== null && b !== null && NEED_CATEGORY_IDS.every((id) => a[id] === b[id]));
const sameOfferWeights = (a: OfferWeights | null, b: OfferWeights | null) => a === b || (a !== null && b !== null && OFFER_IDS.every((id) => a[id] === b[id]));
const sameExplorePart = (a: ViewState, b: ViewState) =>
  a.campaignId === b.campaignId &&
  a.need === b.need &&
  a.unit === b.unit &&
  a.hex === b.hex &&
  a.show === b.show &&
  a.offer === b.offer &&
  a.within === b.within &&
  sameWeights(a.weights, b.weights) &&
  sameOfferWeights(a.offerWeights, b.offerWeights) &&
  a.layers.join() === b.layers.join();

/** Keeps an explore controller and the URL in step (call once, inside ExploreProvider). */
export function useExploreUrlSync(controller: ExploreController): void {
  useEffect(() => {
    let lastTick = -1;
    const knownCampaigns = () => (controller.getState().ready ? controller.getState().campaigns : undefined);
    const fromUrl = () => {
      const { state, readTick } = getUrlSnapshot();
      if (readTick === lastTick) return;
      lastTick = readTick;
      controller.update((s) => settingsFromUrl(s, state, knownCampaigns()));
    };
    const toUrl = () => {
      if (urlReadPending(lastTick)) return; // a newer link waits to be applied: never write the old settings over it
      const settings = controller.getState().settings;
      updateUrlState((url) => {
        const next = urlFromSettings(url, settings);
        return sameExplorePart(url, next) ? url : next;
      });
    };
    // A fresh controller (the map tab opened again) starts from the address, not from the defaults.
    controller.update((s) => settingsFromUrl(s, getUrlSnapshot().state, knownCampaigns()));
    lastTick = getUrlSnapshot().readTick;
    const offUrl = subscribeUrlReads(fromUrl);
    const offController = controller.subscribe(toUrl);
    return () => {
      offUrl();
      offController();
    };
  }, [controller]);
}

