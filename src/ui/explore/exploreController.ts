import { mostUnitsHidden } from './scaleOffer';
import type { CampaignInfo, ClusterResult, CoverageResult, ExploreLayer, HotSpotResult, MatchingResult, NeedMapResult, OfferMapResult, ScaleAdviceResult } from '../../analysis/exploreSession';
import { MIN_RESPONSES } from '../../domain/units';
import type { LisaResult } from '../../analysis/exploreLisa';
import { isAbortError } from '../../data/abort';
import type { AnalysisClient, AnalysisOutcome } from '../../worker/analysisClient';
import { gapNeed, hotSpotsApply, initialExploreSettings, lisaApply, matchingQuery, needMapQuery, needSelection, offerMapQuery, unitChoice, withCampaigns, type ExploreSettings } from '../common/exploreSettings';
import { failureOf, thrownFailure, type AnalysisFailure } from '../i18n/analysisRefusalText';

/** The worker's answers for the current settings; each is replaced (never mutated) when a newer one arrives. */
export interface ExploreResults {
  layer: ExploreLayer | null;
  needMap: NeedMapResult | null;
  /** Residents' resources (what households offer), in the resources mode. */
  offerMap: OfferMapResult | null;
  /** Needs matched with help nearby, in the matching view. */
  matching: MatchingResult | null;
  hotSpots: HotSpotResult | null;
  /** Local Moran's I classes when LISA colours the map. */
  lisa: LisaResult | null;
  clusters: ClusterResult | null;
  coverage: CoverageResult | null;
  /** Hexagon maps only: which hexagon size shows the pattern best while keeping most answers (issue 13). */
  scaleAdvice: ScaleAdviceResult | null;
  /** A refusal or failure of the worker, in its words (e.g. "give at least one need a weight above zero"). */
  error: AnalysisFailure | null;
  /** performance.now() of the input that asked for the need map now shown (for the re-colour timing). */
  needMapRequestedAt: number;
}

export interface ExploreState {
  settings: ExploreSettings;
  campaigns: readonly CampaignInfo[];
  results: ExploreResults;
  /** The worker holds a workspace and answers. */
  ready: boolean;
}

const EMPTY_RESULTS: ExploreResults = { layer: null, needMap: null, offerMap: null, matching: null, hotSpots: null, lisa: null, clusters: null, coverage: null, scaleAdvice: null, error: null, needMapRequestedAt: 0 };

type Part = 'needMap' | 'offerMap' | 'matching' | 'hotSpots' | 'lisa' | 'clusters' | 'coverage' | 'scaleAdvice';

/**
 * Drives the explore map from the planner's settings: turns them into worker queries, keeps the latest answer of
 * each, and tells its subscribers (the map, the panels) at once. Throttled to one round of queries per animation
 * frame (leading edge: the first slider input is sent at once); older answers lose to newer ones through the
 * client's channels ("explore:needMap"…), so a dragged slider costs the worker one computation per frame at most.
 * A query whose inputs have not changed is not sent again (a heatmap switch costs no worker call).
 *
 * The need map goes first; hot spots, clusters and coverage follow SECONDARY_DELAY_MS after the last input. The
 * worker is one thread: a cluster run (Gi* + DBSCAN) started by every slider step would queue the next need map
 * behind it, so while a slider moves only the colours are recomputed (measured in tests/e2e/explore.test.ts).
 */
export const SECONDARY_DELAY_MS = 150;

export class ExploreController {
  private state: ExploreState = { settings: initialExploreSettings(), campaigns: [], results: EMPTY_RESULTS, ready: false };
  private readonly listeners = new Set<() => void>();
  private client: AnalysisClient | null = null;
  private generation = -1;
  private frame: number | null = null;
  private dirty = false;
  private lastInputAt = 0;
  private secondaryTimer: ReturnType<typeof setTimeout> | null = null;
  private keys: Record<Part | 'layer', string> = { layer: '', needMap: '', offerMap: '', matching: '', hotSpots: '', lisa: '', clusters: '', coverage: '', scaleAdvice: '' };

  constructor(
    private readonly requestFrame: (callback: () => void) => number = (cb) => requestAnimationFrame(cb),
    private readonly cancelFrame: (handle: number) => void = (h) => cancelAnimationFrame(h),
    private readonly now: () => number = () => performance.now(),
    private readonly secondaryDelayMs: number = SECONDARY_DELAY_MS,
  ) {}

  getState = (): ExploreState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The shared worker became ready with a (new) workspace: forget old answers and ask again. */
  attach(client: AnalysisClient, campaigns: readonly CampaignInfo[], generation: number): void {
    if (this.client === client && this.generation === generation) return;
    this.client = client;
    this.generation = generation;
    this.keys = { layer: '', needMap: '', offerMap: '', matching: '', hotSpots: '', lisa: '', clusters: '', coverage: '', scaleAdvice: '' };
    this.set({ ...this.state, campaigns, settings: withCampaigns(this.state.settings, campaigns), results: EMPTY_RESULTS, ready: true });
    this.schedule();
  }

  detach(): void {
    this.client = null;
    this.generation = -1;
    if (this.frame !== null) this.cancelFrame(this.frame);
    this.frame = null;
    if (this.secondaryTimer !== null) clearTimeout(this.secondaryTimer);
    this.secondaryTimer = null;
    this.set({ ...this.state, ready: false });
  }

  /** Applies a settings transition (exploreSettings.ts) and asks the worker for what changed. */
  update(transition: (settings: ExploreSettings) => ExploreSettings): void {
    const settings = transition(this.state.settings);
    if (settings === this.state.settings) return;
    this.lastInputAt = this.now();
    this.set({ ...this.state, settings });
    this.schedule();
  }

  private set(next: ExploreState): void {
    this.state = next;
    for (const listener of [...this.listeners]) listener();
  }

  private setResults(patch: Partial<ExploreResults>): void {
    this.set({ ...this.state, results: { ...this.state.results, ...patch } });
  }

  /** Leading-edge throttle: run now, then at most once per animation frame while inputs keep coming. */
  private schedule(): void {
    if (this.frame !== null) {
      this.dirty = true;
      return;
    }
    this.run();
    this.frame = this.requestFrame(() => {
      this.frame = null;
      if (this.dirty) {
        this.dirty = false;
        this.schedule();
      }
    });
  }

  private run(): void {
    const client = this.client;
    const s = this.state.settings;
    if (!client || !s.campaignId) return;
    const unit = unitChoice(s.unit, s.hexSizeMeters);
    const layerKey = JSON.stringify(unit);
    if (this.keys.layer !== layerKey) {
      this.keys.layer = layerKey;
      void client.layer(unit).then(
        (outcome) => {
          if (this.client !== client || this.keys.layer !== layerKey) return;
          if (outcome.ok) this.setResults({ layer: outcome.value });
          else this.setResults({ error: failureOf(outcome) });
        },
        (error: unknown) => this.fail(error),
      );
    }

    const query = needMapQuery(s);
    const requestedAt = this.lastInputAt;
    this.ask('needMap', query, (q, options) => client.needMap(q, options), (needMap) => {
      // On streets, estates or districts the scale advice is asked only when this need map hides most units (below):
      // then it is wanted, and never competes with the first map for the CPU.
      if (s.unit !== 'hex' && mostUnitsHidden(needMap)) queueMicrotask(() => this.askScaleAdvice());
      return { needMap, needMapRequestedAt: requestedAt };
    });
    this.ask('offerMap', offerMapQuery(s), (q, options) => client.offerMap(q, options), (offerMap) => ({ offerMap, needMapRequestedAt: requestedAt }));
    if (this.secondaryTimer !== null) clearTimeout(this.secondaryTimer);
    this.secondaryTimer = setTimeout(() => {
      this.secondaryTimer = null;
      this.runSecondary();
    }, this.secondaryDelayMs);
  }

  /** Hot spots, clusters and coverage for the current settings (each only if its query changed). */
  private runSecondary(): void {
    const client = this.client;
    const s = this.state.settings;
    if (!client || !s.campaignId) return;
    const unit = unitChoice(s.unit, s.hexSizeMeters);
    const campaignId = s.campaignId;
    const selection = needSelection(s);
    const query = needMapQuery(s);
    this.ask(
      'hotSpots',
      hotSpotsApply(s) && query ? { unit, campaignId, selection, minResponses: MIN_RESPONSES } : null,
      (q, options) => client.hotSpots(q, options),
      (hotSpots) => ({ hotSpots }),
    );
    this.ask(
      'lisa',
      lisaApply(s) && query ? { unit, campaignId, selection, minResponses: MIN_RESPONSES } : null,
      (q, options) => client.lisa(q, options),
      (lisa) => ({ lisa }),
    );
    this.ask(
      'clusters',
      s.clusters && query ? { hexSizeMeters: s.hexSizeMeters, campaignId, selection, minResponses: MIN_RESPONSES } : null,
      (q, options) => client.clusters(q, options),
      (clusters) => ({ clusters }),
    );
    // Hexagons: the advice says whether another size keeps more answers. Other units: asked once their need map
    // shows most units hidden (see the need map's answer above).
    if (s.unit === 'hex' && s.subject !== 'resources') this.askScaleAdvice();
    this.ask('matching', matchingQuery(s), (q, options) => client.matching(q, options), (matching) => ({ matching }));
    this.ask('coverage', s.gaps && s.subject === 'needs' ? { unit, campaignId, needId: gapNeed(s), minResponses: MIN_RESPONSES } : null, (q, options) => client.coverage(q, options), (coverage) => ({ coverage }));
  }

  /**
   * Which hexagon size keeps most answers for this wave and need (one request per wave and need; the worker caches the
   * aggregates). On streets or estates it backs the offer shown when most units hold fewer than k answers.
   */
  private askScaleAdvice(): void {
    const client = this.client;
    const s = this.state.settings;
    if (!client || !s.campaignId || !needMapQuery(s) || s.subject !== 'needs') return;
    this.ask('scaleAdvice', { campaignId: s.campaignId, selection: needSelection(s), minResponses: MIN_RESPONSES }, (q, options) => client.scaleAdvice(q, options), (scaleAdvice) => ({ scaleAdvice }));
  }

  /** Sends `query` on the part's channel unless the same query is already shown or on its way; null clears the part. */
  private ask<Q, R>(part: Part, query: Q | null, send: (query: Q, options: { channel: string }) => Promise<AnalysisOutcome<R>>, apply: (value: R) => Partial<ExploreResults>): void {
    const key = query === null ? '' : JSON.stringify(query);
    if (key === this.keys[part]) return;
    this.keys[part] = key;
    if (query === null) {
      if (this.state.results[part] !== null) this.setResults({ [part]: null });
      return;
    }
    const client = this.client;
    send(query, { channel: `explore:${part}` }).then(
      (outcome) => {
        if (this.client !== client || this.keys[part] !== key) return; // a newer question was asked
        if (outcome.ok) this.setResults({ ...apply(outcome.value), error: null });
        else this.setResults({ error: failureOf(outcome) });
      },
      (error: unknown) => this.fail(error),
    );
  }

  private fail(error: unknown): void {
    if (isAbortError(error)) return; // superseded by a newer request: not an error
    this.setResults({ error: thrownFailure(error) });
  }
}

/**
 * The map the units are coloured by: the residents' resources map in that mode, else the need map (the matching view
 * colours by its need). Both are the engine's AnswerMapResult: the same classes, intervals and suppression.
 */
export function shownMap(state: Pick<ExploreState, 'settings' | 'results'>): NeedMapResult | OfferMapResult | null {
  return state.settings.subject === 'resources' ? state.results.offerMap : state.results.needMap;
}
