// The mocha runner VS Code loads as extensionTestsPath (out/test/e2e/runner.js):
// runs out/test/e2e/suite/*.test.js inside the extension host and ends with
// one line "N passed, N failed" that scripts/e2e.mjs reads. The web session
// loads it through a shim outside the extension's folder (so the tests run in
// the Node extension host while the extension runs in the web worker host)
// and calls runSuite('web').

import * as fs from 'node:fs';
import * as path from 'node:path';

type MochaInstance = import('mocha');
type MochaConstructor = new (options?: import('mocha').MochaOptions) => MochaInstance;

export function run(): Promise<void> {
  return runSuite('suite');
}

/** Runs out/test/e2e/<folder>/*.test.js. */
export async function runSuite(folder: 'suite' | 'web'): Promise<void> {
  // mocha 12 is ESM-only: require() gives its module namespace (Node's require(esm)).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('mocha') as { Mocha?: MochaConstructor; default?: MochaConstructor };
  const Mocha = loaded.Mocha ?? loaded.default ?? (loaded as unknown as MochaConstructor);
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30_000, slow: 5_000 });

  const suiteDir = path.join(__dirname, folder);
  const files = fs.existsSync(suiteDir) ? fs.readdirSync(suiteDir).filter((f) => f.endsWith('.test.js')).sort() : [];
  const only = process.env.PSYLINT_E2E_GREP;
  if (only) mocha.grep(only);
  for (const file of files) mocha.addFile(path.join(suiteDir, file));
  await mocha.loadFilesAsync();

  await new Promise<void>((resolve, reject) => {
    const runner = mocha.run(() => {
      const { passes = 0, failures = 0 } = runner.stats ?? {};
      console.log(`${passes} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} end-to-end test(s) failed`));
      // Under PSYLINT_E2E_GREP one of the two sessions may have nothing to run.
      else if (passes === 0 && !only) reject(new Error(`no end-to-end tests ran (looked in ${suiteDir})`));
      else resolve();
    });
  });
}
