import { createContext, useContext, useSyncExternalStore } from 'react';
import type { InputIssue, SurveyResponse, Workspace } from '../../domain';
import { LAYER_GROUPS, type FeatureKind, type LayerGroup } from '../../map/layers';
import { isLanguageLoaded, loadLanguage, parseLanguage, type Language } from '../i18n/dictionary';

export interface FeatureRef { kind: FeatureKind; id: string }

export type LoadState =
  | { status: 'loading' }
  /** `generation`: the loadGeneration this workspace was loaded for; `asBuilt`: LoadedWorkspace.asBuilt. */
  | { status: 'ready'; workspace: Workspace; issues: InputIssue[]; generation?: number; asBuilt?: boolean }
  | { status: 'failed'; reason: string };

/** State that several views share (STYLE.md habit 6). Everything else lives in the component that uses it. */
export interface AppState {
  language: Language;
  visibleGroups: Readonly<Record<LayerGroup, boolean>>;
  selection: FeatureRef | null;
  load: LoadState;
  /** A request to bring a feature into view (from a list or search, not from a click on the map). */
  focus: { ref: FeatureRef; tick: number } | null;
  /** Bumped to ask the loader to load the workspace again (after a reset). */
  loadGeneration: number;
  /**
   * Fit the map to the town once the workspace of this load generation is drawn: an import or undo changed the town's
   * extent (streets, areas, a workspace file), and the camera of the link would show an empty spot.
   */
  refitGeneration: number | null;
}

export interface AppStore {
  getState(): AppState;
  setState(update: (state: AppState) => AppState): void;
  subscribe(listener: () => void): () => void;
}

export const LANGUAGE_STORAGE_KEY = 'calmap.language';

/** Storage that may be missing or throw (private mode, disabled storage): the app must still open. */
export interface LanguageStorage { getItem(key: string): string | null; setItem(key: string, value: string): void }

export function initialAppState(storage?: LanguageStorage): AppState {
  let stored: string | null;
  try {
    stored = storage?.getItem(LANGUAGE_STORAGE_KEY) ?? null;
  } catch {
    stored = null;
  }
  return {
    language: parseLanguage(stored),
    visibleGroups: Object.fromEntries(LAYER_GROUPS.map((g) => [g, true])) as Record<LayerGroup, boolean>,
    selection: null,
    focus: null,
    load: { status: 'loading' },
    loadGeneration: 0,
    refitGeneration: null,
  };
}

/** A tiny external store for useSyncExternalStore: immutable states, listeners called after each change. */
export function createAppStore(initial: AppState): AppStore {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    setState(update) {
      const next = update(state);
      if (next === state) return;
      state = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/* Actions: named state changes, so components dispatch intent rather than edit state. */

/** The language each store was last asked for, so that a slow English chunk does not undo a later choice. */
const requestedLanguage = new WeakMap<AppStore, Language>();

/**
 * Switches the UI to `language` and remembers it. English words are a chunk of their own (i18n/dictionary.ts
 * `loadLanguage`): the switch happens at once when they are here, else when they arrive — never a screen of
 * half-translated words. If they cannot be fetched, the language stays as it was.
 */
export const setLanguage = (store: AppStore, language: Language, storage?: LanguageStorage): void => {
  try {
    storage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not remembered, still switched.
  }
  requestedLanguage.set(store, language);
  const apply = () => {
    if (requestedLanguage.get(store) === language) store.setState((s) => (s.language === language ? s : { ...s, language }));
  };
  if (isLanguageLoaded(language)) apply();
  else loadLanguage(language).then(apply, (error: unknown) => console.warn(`the ${language} words could not be loaded`, error));
};

export const setGroupVisible = (store: AppStore, group: LayerGroup, visible: boolean): void =>
  store.setState((s) => (s.visibleGroups[group] === visible ? s : { ...s, visibleGroups: { ...s.visibleGroups, [group]: visible } }));

export const select = (store: AppStore, selection: FeatureRef | null): void =>
  store.setState((s) => (sameRef(s.selection, selection) ? s : { ...s, selection }));

/** Selects a feature and asks the map to bring it into view. */
export const focusFeature = (store: AppStore, ref: FeatureRef): void =>
  store.setState((s) => ({ ...s, selection: ref, focus: { ref, tick: (s.focus?.tick ?? 0) + 1 } }));

/** Loads the workspace again; `refit`: then fits the map to the town's new extent (after an import or its undo). */
export const requestReload = (store: AppStore, options: { refit?: boolean } = {}): void =>
  store.setState((s) => ({ ...s, selection: null, loadGeneration: s.loadGeneration + 1, refitGeneration: options.refit ? s.loadGeneration + 1 : s.refitGeneration }));
/** The map has fitted the town of this load generation. */
export const refitDone = (store: AppStore, generation: number): void =>
  store.setState((s) => (s.refitGeneration === generation ? { ...s, refitGeneration: null } : s));

/** Puts survey answers the DataSource has accepted into the loaded workspace (replacing by id): every view sees them without a reload. */
export const upsertResponses = (store: AppStore, responses: readonly SurveyResponse[]): void =>
  store.setState((s) => {
    if (s.load.status !== 'ready' || responses.length === 0) return s;
    const ids = new Set(responses.map((r) => r.id));
    const kept = s.load.workspace.responses.filter((r) => !ids.has(r.id));
    return { ...s, load: { ...s.load, workspace: { ...s.load.workspace, responses: [...kept, ...responses] } } };
  });

export const sameRef = (a: FeatureRef | null, b: FeatureRef | null): boolean => a === b || (a !== null && b !== null && a.kind === b.kind && a.id === b.id);

export const AppStoreContext = createContext<AppStore | null>(null);

export function useAppStore(): AppStore {
  const store = useContext(AppStoreContext);
  if (!store) throw new Error('useAppStore must be used inside <AppStoreContext.Provider>');
  return store;
}

/** Subscribes to one slice of the state; re-renders only when that slice changes (by Object.is). */
export function useAppState<T>(selector: (state: AppState) => T): T {
  const store = useAppStore();
  const read = () => selector(store.getState());
  // The same snapshot on the server: tests render components with react-dom/server (no DOM in the unit project).
  return useSyncExternalStore(store.subscribe, read, read);
}
