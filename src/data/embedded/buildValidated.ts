import demoDigests from 'virtual:demo-digests';
import { sha256Hex, type TrustDemoFile } from './demoLoader';

/**
 * The files this build validated (data/demoMapPlugin.ts), recognised by their SHA-256: parsed without checking each
 * record again. None under `vite dev`. Its own module, imported lazily by the embedded adapter, so Node (tests,
 * bench) never resolves the virtual module.
 */
export const isBuildValidated: TrustDemoFile = async (fileName, text) => {
  const expected = demoDigests?.[fileName];
  return expected !== undefined && (await sha256Hex(text)) === expected;
};
