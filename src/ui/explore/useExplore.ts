import { createContext, createElement, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useAnalysis } from '../shell/useAnalysis';
import { useExploreUrlSync } from './exploreUrlSync';
import { ExploreController, type ExploreState } from './exploreController';

const ExploreContext = createContext<ExploreController | null>(null);

/**
 * One explore controller for the map view, fed by the app's shared analysis worker (useAnalysis). Wrap the map
 * view's panels and map in it; they read the state with useExploreState() and change it with useExploreController().
 */
export function ExploreProvider({ children }: { children?: ReactNode }) {
  const analysis = useAnalysis();
  const [controller] = useState(() => new ExploreController());
  useExploreUrlSync(controller);
  useEffect(() => {
    if (analysis.status === 'ready') controller.attach(analysis.client, analysis.summary.campaigns, analysis.generation);
  }, [analysis, controller]);
  useEffect(() => () => controller.detach(), [controller]);
  return createElement(ExploreContext.Provider, { value: controller }, children);
}

/** The explore controller, or null outside an ExploreProvider (the map then shows the plain town). */
export function useExploreController(): ExploreController | null {
  return useContext(ExploreContext);
}

const NO_STATE = (): null => null;
const noSubscribe = () => () => {};

/** The explore state (settings, worker answers); null outside an ExploreProvider. Re-renders on every change. */
export function useExploreState(): ExploreState | null {
  const controller = useContext(ExploreContext);
  return useSyncExternalStore(controller ? controller.subscribe : noSubscribe, controller ? controller.getState : NO_STATE);
}
