import demoMap from 'virtual:demo-map';
import type { FirstPaintMap } from '../firstPaint';

/**
 * The demo town's map made by the build (data/demoMapPlugin.ts), or null under `vite dev` and in Supabase builds.
 * Its own module, imported lazily by the embedded adapter, so Node (tests, bench) never resolves the virtual module.
 */
export const DEMO_MAP: FirstPaintMap | null = demoMap;
