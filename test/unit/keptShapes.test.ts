// The engine's compiled code survives a full collection that finds no lint
// running (V8's memory reducer runs one when the editor has been idle): no
// function is thrown away because the shape of an object it checked for was
// freed (server/src/engine/keptShapes.ts). V8 reports each such discard under
// --trace-deopt as "reason: weak objects". Uses out/bench/engine.js, the
// engine bundle `npm run build` makes.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

const CHILD = `
const fs = require('node:fs');
const path = require('node:path');
const engine = require(${JSON.stringify(path.join(ROOT, 'out', 'bench', 'engine.js'))});
const glossary = new engine.GlossaryStore().build(engine.bundledGlossaryFiles()).glossary;
const dir = ${JSON.stringify(path.join(ROOT, 'eval', 'drafts'))};
const text = fs.readdirSync(dir).sort().map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\\n\\n');
const lint = () => engine.lint(text, { glossary, language: 'markdown' }).findings.length;
// Code that ran once (reading the glossary's YAML) is let go here, as it may be.
globalThis.gc();
for (let i = 0; i < 40; i++) lint();
console.log('@@ collected');
globalThis.gc();
globalThis.gc();
for (let i = 0; i < 3; i++) lint();
console.log('@@ done');
`;

describe('compiled code across a full collection', function () {
  this.timeout(120_000);

  it('no engine function is discarded for a freed object shape after a full collection between lints', () => {
    const result = spawnSync(process.execPath, ['--expose-gc', '--trace-deopt', '-e', CHILD], { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
    assert.equal(result.status, 0, result.stderr);
    const out = result.stdout;
    const start = out.indexOf('@@ collected');
    assert.ok(start >= 0 && out.includes('@@ done'), 'the child ran to the end');
    // The trace is on: the warm-up lints themselves deoptimise something (feedback V8 had not yet met).
    assert.match(out.slice(0, start), /deoptimiz/);
    const discarded = out
      .slice(start)
      .split('\n')
      .filter((line) => line.includes('reason: weak objects'))
      .map((line) => /SharedFunctionInfo ([^>]*)>/.exec(line)?.[1] ?? line);
    assert.deepEqual(discarded, [], `functions discarded for a freed shape: ${discarded.join(', ')}`);
  });
});
