import { gzipSync } from 'node:zlib';

/**
 * The JavaScript a browser fetches before the app can run: the entry `<script type="module" src>` and every
 * `<link rel="modulepreload" href>` of a built index.html, in document order, without duplicates. Lazily imported
 * chunks (views, the English dictionary, the Supabase client) are not in it. Paths as written in the HTML
 * (`/assets/index-abc.js`). Attribute order and quotes do not matter; other scripts and links are skipped.
 */
export function initialScriptPaths(indexHtml: string): string[] {
  const paths: string[] = [];
  const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)?.slice(1).find((v) => v !== undefined);
  for (const [tag] of indexHtml.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    const isScript = /^<script/i.test(tag);
    const src = isScript ? (attr(tag, 'type')?.toLowerCase() === 'module' ? attr(tag, 'src') : undefined) : attr(tag, 'rel')?.toLowerCase() === 'modulepreload' ? attr(tag, 'href') : undefined;
    if (src !== undefined && !paths.includes(src)) paths.push(src);
  }
  return paths;
}

export interface InitialJs {
  files: { path: string; bytes: number; gzipBytes: number }[];
  bytes: number;
  /** Sum of each file gzipped on its own at level 9 (as `gzip -9`; a server compresses each response apart). */
  gzipBytes: number;
}

/** Sizes of the initial scripts of a build: `readAsset('/assets/index-abc.js')` returns the file's bytes. */
export function initialJsOf(indexHtml: string, readAsset: (path: string) => Uint8Array): InitialJs {
  const files = initialScriptPaths(indexHtml).map((path) => {
    const content = readAsset(path);
    return { path, bytes: content.byteLength, gzipBytes: gzipSync(content, { level: 9 }).byteLength };
  });
  return { files, bytes: files.reduce((s, f) => s + f.bytes, 0), gzipBytes: files.reduce((s, f) => s + f.gzipBytes, 0) };
}
