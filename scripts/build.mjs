// Bundles the client, the language server and the CLI into dist/, and the
// tests into out/. One bundle per entry so the VSIX needs no node_modules.
import * as esbuild from 'esbuild';
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

function testEntries(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true })
    .filter((f) => /\.test\.ts$|^runner\.ts$/.test(path.basename(f)))
    .map((f) => path.join(dir, f));
}

await Promise.all([
  esbuild.build({ ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist' }),
  esbuild.build({ ...common, entryPoints: { server: 'server/src/server.ts', cli: 'server/src/cli.ts' }, outdir: 'dist' }),
  withTests &&
    esbuild.build({
      ...common,
      sourcemap: 'inline',
      minify: false,
      entryPoints: [...testEntries('test/unit'), ...testEntries('test/lsp'), ...testEntries('test/e2e'), 'scripts/glossary-docs.ts', 'scripts/eval.ts', 'bench/engine.ts'],
      outdir: 'out',
      outbase: '.',
      external: ['vscode', 'mocha', 'playwright-core', '@vscode/test-electron'],
    }),
]);
