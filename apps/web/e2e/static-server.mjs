// Tiny static file server for the end-to-end test (node:http only, no deps).
//
//   import { serve } from './static-server.mjs';
//   const { url, close } = await serve('/path/to/dist');   // url = 'http://127.0.0.1:<port>/'
//
// - listens on 127.0.0.1 with an ephemeral port (port 0)
// - GET and HEAD only; a directory is served as its index.html
// - 404 for anything missing, 403 for paths that would escape `dir`
// - `headers` (optional) go on every file served, e.g. COOP/COEP for a cross-origin isolated page
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.onnx': 'application/octet-stream',
};

function contentTypeFor(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function send(res, status, text, head) {
  const body = Buffer.from(text + '\n');
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': body.length });
  res.end(head ? undefined : body);
}

/**
 * Serve the files under `dir`.
 * @param {string} dir
 * @param {Record<string, string>} [headers]
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export function serve(dir, headers = {}) {
  const root = fs.realpathSync(path.resolve(dir));

  const server = http.createServer((req, res) => {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      res.setHeader('Allow', 'GET, HEAD');
      return send(res, 405, 'method not allowed', head);
    }

    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      return send(res, 400, 'bad request', head);
    }
    if (pathname.includes('\0')) return send(res, 400, 'bad request', head);

    // Resolve against the root and refuse anything that lands outside it
    // (".." segments, encoded "%2e%2e", absolute paths, symlinks pointing out).
    let file = path.resolve(root, '.' + path.posix.normalize('/' + pathname));
    const inside = (p) => p === root || p.startsWith(root + path.sep);
    if (!inside(file)) return send(res, 403, 'forbidden', head);

    let stat;
    try {
      file = fs.realpathSync(file);
      if (!inside(file)) return send(res, 403, 'forbidden', head);
      stat = fs.statSync(file);
      if (stat.isDirectory()) {
        file = path.join(file, 'index.html');
        stat = fs.statSync(file);
      }
    } catch {
      return send(res, 404, 'not found: ' + pathname, head);
    }
    if (!stat.isFile()) return send(res, 404, 'not found: ' + pathname, head);

    res.writeHead(200, {
      'Content-Type': contentTypeFor(file),
      'Content-Length': stat.size,
      'Cache-Control': 'no-store',
      ...headers,
    });
    if (head) return res.end();
    const stream = fs.createReadStream(file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  });

  // Keep track of sockets so close() does not wait for keep-alive connections.
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}/`,
        close: () =>
          new Promise((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
