import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json',
  '.pbf': 'application/x-protobuf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Answers a request instead of the file on disk: return a body, or undefined to serve the file. */
export type RouteOverride = (pathname: string) => { status?: number; contentType?: string; body: string | Buffer } | undefined;

export interface StaticServer {
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  /** Every path requested, in order. */
  requests: string[];
  setOverride(override: RouteOverride | undefined): void;
  /** Serves another folder from now on (a new deployment over the old one). */
  setRoot(root: string): void;
  close(): Promise<void>;
}

/**
 * A tiny static file server for dist/ on 127.0.0.1 and a free port (0 → the OS picks). No directory listings,
 * no paths outside the root; unknown paths get index.html (SPA). `setOverride` lets a test serve a broken file.
 */
export async function startStaticServer(root: string): Promise<StaticServer> {
  const requests: string[] = [];
  let override: RouteOverride | undefined;
  const withSep = (folder: string) => (folder.endsWith(sep) ? folder : folder + sep);
  let rootWithSep = withSep(root);

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const pathname = decodeURIComponent(url.pathname);
      requests.push(pathname);
      const replaced = override?.(pathname);
      if (replaced) {
        res.writeHead(replaced.status ?? 200, { 'content-type': replaced.contentType ?? 'application/json; charset=utf-8', 'cache-control': 'no-store' });
        res.end(replaced.body);
        return;
      }
      let file = normalize(join(root, pathname));
      if (!file.startsWith(rootWithSep)) {
        res.writeHead(403).end();
        return;
      }
      let info = await stat(file).catch(() => undefined);
      if (info?.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file).catch(() => undefined);
      }
      if (!info) {
        // Asset-looking paths 404; anything else is the SPA.
        if (extname(pathname)) {
          res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
          return;
        }
        file = join(root, 'index.html');
      }
      res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      // The file can vanish between stat and read (a test removes a deployment while the browser still asks for it):
      // end that one response instead of throwing an unhandled stream error into the test run.
      createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    setOverride: (next) => {
      override = next;
    },
    setRoot: (next) => {
      root = next;
      rootWithSep = withSep(next);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
