// Bundles the client, the language server and the CLI into dist/, and the
// tests into out/. One bundle per entry so the VSIX needs no node_modules.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const production = process.argv.includes('--production');
const withTests = !process.argv.includes('--no-tests');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  // vscode is provided by the editor at run time.
  external: ['vscode'],
};

/**
 * The web worker has no file system: `fs` becomes a read-only in-memory one
 * holding the glossary (read at build time), so the server finds its bundled
 * glossary as on disk, and finds no workspace configuration or bibliography.
 */
const bundledFiles = {
  name: 'bundled-files',
  setup(build) {
    build.onResolve({ filter: /^(node:)?fs$/ }, () => ({ path: 'fs', namespace: 'bundled-files' }));
    build.onLoad({ filter: /.*/, namespace: 'bundled-files' }, () => {
      const files = {};
      for (const name of fs.readdirSync('glossary').filter((f) => /\.(ya?ml|json)$/.test(f)).sort()) {
        files[`/psylint/glossary/${name}`] = fs.readFileSync(path.join('glossary', name), 'utf8');
      }
      files['/psylint/dist/glossary.json'] = fs.readFileSync('dist/glossary.json', 'utf8');
      return { contents: `const files = ${JSON.stringify(files)};\n${fs.readFileSync('scripts/bundled-fs.js', 'utf8')}`, loader: 'js' };
    });
  },
};

const browser = {
  ...common,
  platform: 'browser',
  // A web worker has no DOM: packages with a 'worker' export (micromark's entity decoder) must not get their DOM build.
  conditions: ['worker'],
  format: 'iife',
  target: 'es2022',
  alias: { path: 'path-browserify', 'node:path': 'path-browserify' },
  define: { __dirname: '"/psylint/dist"', 'process.platform': '"web"', 'process.env.NODE_ENV': '"production"' },
  plugins: [bundledFiles],
};

function testEntries(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true })
    .filter((f) => /\.test\.ts$|^runner\.ts$/.test(path.basename(f)))
    .map((f) => path.join(dir, f));
}

// First the claim language (data/claim-language.yaml), checked and compiled into the engine's data module and its docs page.
await esbuild.build({ ...common, sourcemap: false, minify: false, entryPoints: { 'compile-claim-language': 'scripts/compile-claim-language.ts' }, outdir: 'out/scripts' });
execFileSync(process.execPath, ['out/scripts/compile-claim-language.js'], { stdio: 'inherit' });

// The US and UK spelling pairs (data/spelling.yaml), checked and compiled into the engine's data module.
await esbuild.build({ ...common, sourcemap: false, minify: false, entryPoints: { 'compile-spelling': 'scripts/compile-spelling.ts' }, outdir: 'out/scripts' });
execFileSync(process.execPath, ['out/scripts/compile-spelling.js'], { stdio: 'inherit' });

// The rule lists made from the rule objects: package.json's settings schema, the README rule table, docs/rules/README.md.
await esbuild.build({ ...common, sourcemap: false, minify: false, entryPoints: { 'rule-docs': 'scripts/rule-docs.ts' }, outdir: 'out/scripts' });
execFileSync(process.execPath, ['out/scripts/rule-docs.js'], { stdio: 'inherit' });

// The JSON schemas as validation code (server/src/schemaValidators.ts): no schema is compiled at run time.
await esbuild.build({ ...common, sourcemap: false, minify: false, entryPoints: { 'compile-schemas': 'scripts/compile-schemas.ts' }, outdir: 'out/scripts' });
execFileSync(process.execPath, ['out/scripts/compile-schemas.js'], { stdio: 'inherit' });

// Then the bundled glossary, parsed and validated once (the server and the web bundle read dist/glossary.json).
await esbuild.build({ ...common, sourcemap: false, minify: false, entryPoints: { 'compile-glossary': 'scripts/compile-glossary.ts' }, outdir: 'out/scripts' });
execFileSync(process.execPath, ['out/scripts/compile-glossary.js', 'dist'], { stdio: 'inherit' });

await Promise.all([
  esbuild.build({ ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist' }),
  esbuild.build({ ...common, entryPoints: { server: 'server/src/server.ts', cli: 'server/src/cli.ts', cliWorker: 'server/src/cli/worker.ts' }, outdir: 'dist' }),
  esbuild.build({ ...browser, entryPoints: { server: 'server/src/browserServer.ts' }, outdir: 'dist/browser' }),
  esbuild.build({ ...browser, format: 'cjs', entryPoints: { client: 'client/src/browserExtension.ts' }, outdir: 'dist/browser' }),
  withTests &&
    esbuild.build({
      ...common,
      sourcemap: 'inline',
      minify: false,
      entryPoints: [...testEntries('test/unit'), ...testEntries('test/lsp'), ...testEntries('test/e2e'), 'scripts/glossary-docs.ts', 'scripts/coverage-docs.ts', 'scripts/eval.ts', 'bench/engine.ts'],
      outdir: 'out',
      outbase: '.',
      external: ['vscode', 'mocha', 'playwright-core', '@vscode/test-electron'],
    }),
]);
