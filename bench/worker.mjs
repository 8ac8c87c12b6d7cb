// One tool, one document, in a child process of bench/run.mjs (forked with
// an IPC channel, so a runaway tool can be killed and its memory stays its
// own). Loads the tool, warms it up on bench/tmp/warmup.md (which shares no
// paragraph with the measured corpora), then times full lints of the
// document and reports each run to the parent as it ends.
//
//   node --expose-gc bench/worker.mjs '{"tool":"alex","file":"...","warmupFile":"...","maxRuns":5,"softCapMs":20000}'

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH, '..');
const ENGINE = path.join(ROOT, 'out', 'bench', 'engine.js');

/** Each tool: setup() → { prepare?(): state (or Promise), lint(text, state): number of messages (or Promise of it) }. prepare runs before each run, untimed. */
export const TOOLS = {
  async psylint() {
    const engine = require(ENGINE);
    // The glossary is built once, as the CLI and the server do. lint() with no
    // `cache` option (the per-document LintCache the server passes) is a lint
    // from scratch; bench/run.mjs still flags runs that get much faster than
    // the first, in case some cache appears elsewhere.
    const glossary = new engine.GlossaryStore().build(engine.bundledGlossaryFiles()).glossary;
    return { lint: (text) => engine.lint(text, { glossary, language: 'markdown' }).findings.length };
  },
  async alex() {
    const { markdown } = await import('alex');
    return { lint: (text) => markdown(text).messages.length };
  },
  async 'write-good'() {
    const writeGood = require('write-good');
    return { lint: (text) => writeGood(text).length };
  },
  async harper() {
    const { LocalLinter } = await import('harper.js');
    const { binaryInlined } = await import('harper.js/binaryInlined');
    // harper.js caches results by text: the same LocalLinter answers a second
    // lint of the same document from memory. A full lint is of a document the
    // linter has not seen, so every run gets a new LocalLinter (set up outside
    // the timed region; the WASM module and its one-time initialisation are
    // shared and happen during warm-up).
    const fresh = async () => {
      const linter = new LocalLinter({ binary: binaryInlined });
      await linter.setup();
      return linter;
    };
    await fresh();
    return { prepare: fresh, lint: async (text, linter) => (await linter.lint(text, { language: 'markdown' })).length };
  },
  async 'textlint-prh'() {
    const { TextlintKernel } = require('@textlint/kernel');
    const markdownPlugin = interop(require('@textlint/textlint-plugin-markdown'));
    const prh = interop(require('textlint-rule-prh'));
    const kernel = new TextlintKernel();
    const options = {
      ext: '.md',
      filePath: path.join(BENCH, 'tmp', 'document.md'),
      plugins: [{ pluginId: 'markdown', plugin: markdownPlugin }],
      rules: [{ ruleId: 'prh', rule: prh, options: { rulePaths: [path.join(BENCH, 'prh.yml')] } }],
    };
    return { lint: async (text) => (await kernel.lintText(text, options)).messages.length };
  },
  /** The parse-only floor: remark-parse → remark-retext → retext-english, no rules, on the whole document as alex runs it. */
  async floor() {
    const process = await floorProcessor();
    return { lint: (text) => process(text) };
  },
  /** Not a peer: the same floor pipeline on ~20 kB pieces cut at blank lines (linear), for comparison. */
  async 'floor-chunked'() {
    const process = await floorProcessor();
    return {
      lint: async (text) => {
        let n = 0;
        for (const piece of pieces(text, 20_000)) n += await process(piece);
        return n;
      },
    };
  },
};

async function floorProcessor() {
  const { unified } = await import('unified');
  const remarkParse = (await import('remark-parse')).default;
  const remarkRetext = (await import('remark-retext')).default;
  const retextEnglish = (await import('retext-english')).default;
  const { VFile } = await import('vfile');
  const processor = unified().use(remarkParse).use(remarkRetext, unified().use(retextEnglish)).freeze();
  // remark-retext 6 bridges to the retext processor asynchronously: run, not runSync. No rules, so no messages.
  return async (text) => {
    const file = new VFile(text);
    await processor.run(processor.parse(file), file);
    return file.messages.length;
  };
}

/** Pieces of about `size` characters, cut at blank lines outside fenced code. */
function* pieces(text, size) {
  let start = 0;
  let fence;
  const lineRe = /[^\n]*\n|[^\n]+$/g;
  let m;
  let previousBlank = false;
  while ((m = lineRe.exec(text))) {
    const line = m[0].replace(/\n$/, '');
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length) fence = undefined;
      continue;
    }
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (open) fence = open[1];
    const blank = line.trim() === '';
    if (previousBlank && !blank && !open && !/^[ \t]/.test(line) && m.index - start >= size) {
      yield text.slice(start, m.index);
      start = m.index;
    }
    previousBlank = blank;
  }
  if (start < text.length) yield text.slice(start);
}

function interop(mod) {
  let m = mod;
  while (m && m.__esModule && m.default) m = m.default;
  return m;
}

function peakRssMB() {
  try {
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
    return kb ? Math.round(kb / 1024) : undefined;
  } catch {
    return Math.round(process.memoryUsage().rss / 2 ** 20);
  }
}

async function main() {
  const send = (msg) => new Promise((resolve) => process.send(msg, resolve));
  const job = JSON.parse(process.argv[2]);
  const gc = globalThis.gc ?? (() => {});
  let t = performance.now();
  const tool = await TOOLS[job.tool]();
  await send({ type: 'setup', ms: performance.now() - t });

  const warmText = fs.readFileSync(job.warmupFile, 'utf8');
  t = performance.now();
  let warmRuns = 0;
  while (warmRuns < 20 && (warmRuns < 2 || performance.now() - t < 1000)) {
    await tool.lint(warmText, await tool.prepare?.());
    warmRuns++;
  }
  await send({ type: 'warm', runs: warmRuns, ms: performance.now() - t });

  const text = fs.readFileSync(job.file, 'utf8');
  let measured = 0;
  for (let i = 0; i < job.maxRuns; i++) {
    const state = await tool.prepare?.();
    gc();
    await send({ type: 'start', run: i });
    const start = performance.now();
    const messages = await tool.lint(text, state);
    const ms = performance.now() - start;
    measured += ms;
    await send({ type: 'run', run: i, ms, messages });
    // Start another run only if it should fit in the soft cap.
    if (measured + measured / (i + 1) > job.softCapMs) break;
  }
  // Once more on a text no run has seen: a run much faster than the first on it too is warm-up, not a cache.
  if (job.controlFile) {
    const control = fs.readFileSync(job.controlFile, 'utf8');
    const state = await tool.prepare?.();
    gc();
    const start = performance.now();
    await tool.lint(control, state);
    await send({ type: 'control', ms: performance.now() - start });
  }
  await send({ type: 'done', peakRssMB: peakRssMB() });
  process.disconnect();
}

if (process.send) {
  main().catch((error) => {
    process.send({ type: 'error', message: String(error?.stack ?? error).slice(0, 2000) }, () => process.exit(1));
  });
}
