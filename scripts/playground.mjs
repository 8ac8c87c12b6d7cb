// Builds the playground (playground/ → dist/playground/) and serves it on
// localhost: a static page, a CodeMirror bundle, and the web-worker language
// server from dist/browser/server.js (build it first: npm run build).
//   node scripts/playground.mjs [--port N] [--build-only]
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist', 'playground');
const worker = path.join(root, 'dist', 'browser', 'server.js');

export async function buildPlayground() {
  if (!fs.existsSync(worker)) throw new Error(`${path.relative(root, worker)} is missing: run npm run build first`);
  fs.mkdirSync(out, { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(root, 'playground', 'main.ts')],
    outfile: path.join(out, 'playground.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    logLevel: 'warning',
  });
  fs.copyFileSync(path.join(root, 'playground', 'index.html'), path.join(out, 'index.html'));
  fs.copyFileSync(worker, path.join(out, 'server.js'));
  return Object.fromEntries(['index.html', 'playground.js', 'server.js'].map((f) => [f, fs.statSync(path.join(out, f)).size]));
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

/** Serves exactly the built files, on 127.0.0.1 only. */
export function servePlayground(port) {
  const files = new Set(fs.readdirSync(out).filter((f) => /\.(html|js)$/.test(f)));
  const server = http.createServer((request, response) => {
    const name = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname.slice(1)) || 'index.html';
    if (!files.has(name)) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[path.extname(name)], 'cache-control': 'no-store' });
    fs.createReadStream(path.join(out, name)).pipe(response);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const portAt = args.indexOf('--port');
  const port = portAt >= 0 ? Number(args[portAt + 1]) : 8080;
  try {
    const sizes = await buildPlayground();
    const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
    console.log(`Built dist/playground/: playground.js ${kb(sizes['playground.js'])}, server.js (the worker) ${kb(sizes['server.js'])}`);
  } catch (error) {
    console.error(`playground: ${error.message}`);
    process.exit(1);
  }
  if (!args.includes('--build-only')) {
    const server = await servePlayground(port);
    console.log(`Psylint playground: http://127.0.0.1:${server.address().port}/  (Ctrl+C to stop)`);
  }
}
