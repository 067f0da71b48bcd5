import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { initialJsOf, initialScriptPaths } from '../../bench/initialJs';

// The head of an index.html as Vite writes it, with a lazily loaded chunk that must not count.
const HTML = `<!doctype html><html><head>
  <script type="module" crossorigin src="/assets/index-A.js"></script>
  <link rel="modulepreload" crossorigin href="/assets/react-B.js">
  <link rel='modulepreload' href='/assets/units-C.js'>
  <link rel="stylesheet" crossorigin href="/assets/index-D.css">
  <link rel="icon" href="/favicon.svg">
  <link rel="manifest" href="/manifest.webmanifest">
  <script>console.log('inline')</script>
  <script src="/classic.js"></script>
  <link href="/assets/react-B.js" rel="modulepreload">
</head><body><div id="root"></div></body></html>`;

describe('initial JS of a build (bench/initialJs.ts)', () => {
  it('takes the module entry and the modulepreloads, once each, and nothing else', () => {
    expect(initialScriptPaths(HTML)).toEqual(['/assets/index-A.js', '/assets/react-B.js', '/assets/units-C.js']);
  });

  it('sums the raw and the gzip -9 sizes of each file on its own', () => {
    const text: Record<string, string> = { '/assets/index-A.js': 'a'.repeat(1000), '/assets/react-B.js': 'const x = 1;', '/assets/units-C.js': '' };
    const read = (path: string) => new TextEncoder().encode(text[path]!);
    const js = initialJsOf(HTML, read);
    expect(js.bytes).toBe(1000 + 12 + 0);
    const gz = (s: string) => gzipSync(s, { level: 9 }).byteLength;
    expect(js.gzipBytes).toBe(gz('a'.repeat(1000)) + gz('const x = 1;') + gz(''));
    // 1000 equal bytes gzip to a few dozen: each file was compressed, not just measured.
    expect(js.files[0]!.gzipBytes).toBeLessThan(50);
  });
});
