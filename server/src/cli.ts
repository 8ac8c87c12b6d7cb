// psylint: the command-line linter, the same engine as the editor's.
// Exit codes (README, "Command line"): 0 no findings at or above --max-severity, 1 findings,
// 2 usage or input error (a message on stderr names the file and the problem).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_MAX_FILE_SIZE, isIgnored } from './config';
import { collectDrafts, decodeDraft, readDraft } from './drafts';
import { cacheFile, engineKey, LintCache } from './cli/cache';
import { hasSafeFixes, lintTask } from './cli/lintFile';
import { autoJobsFor, lintAll, workerScript, workerSettings, type WorkerData } from './cli/pool';
import { progress } from './cli/progress';
import { parseShard, shardOf } from './cli/shard';
import { lint } from './engine/lint';
import { isAtLeast, SEVERITIES, type Severity } from './engine/types';
import { cellLabel, isNotebookFile, lintNotebook, NOTEBOOK_EXTENSION } from './notebook';
import { githubChunks, jsonChunks, sarifChunks, stylishChunks, type FileResult } from './format';
import { readStreamCapped } from './readFile';
import { DIALECTS } from './engine/dialect';
import { lintOptionsOf } from './workspace';
import { version } from '../../package.json';

const USAGE = `Usage: psylint [options] [files | directories | globs | -]

Lints psychology writing in Markdown (.md), Quarto (.qmd), R Markdown (.Rmd),
MDX (.mdx), plain text and the Markdown cells of Jupyter notebooks (.ipynb).
With no paths, lints the current directory.

Options:
  -f, --format <name>        stylish (default), json, sarif or github
      --fix                  write the safe fixes to the files
  -c, --config <file>        use this configuration file instead of the nearest .psylint.yaml
      --max-severity <level> exit 1 when findings at or above this level exist:
                             error, warning (default), information or hint
      --summary              print each file's claims: how many cite evidence and how many do not
      --stdin-filename <f>   name used for text read from standard input (-)
  -j, --jobs <n>             lint on n threads (default: one per 4 million characters
                             of drafts to lint, up to one per core)
      --cache                reuse the findings of files unchanged since the last run
                             (standard input is always linted)
      --cache-location <p>   cache file or directory (default node_modules/.cache/psylint/
                             when node_modules exists, else .psylintcache)
      --shard <i/n>          lint only part i of n of the files (for a CI matrix;
                             not with standard input)
      --dialect <d>          spell fixes and suggested wording en-US or en-GB (over
                             .psylint.yaml's dialect:; a file's front matter lang: wins)
      --allow-outside-glossaries
                             read glossaries that .psylint.yaml names outside the working
                             directory and the configuration's folder (refused by default)
  -h, --help                 show this help
  -v, --version              show the version
`;

const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  cwd: string;
  /** Standard input, for `-` (process.stdin when absent). */
  stdin?: AsyncIterable<Uint8Array | string>;
}

export async function main(argv: string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'stylish' },
        fix: { type: 'boolean', default: false },
        config: { type: 'string', short: 'c' },
        'max-severity': { type: 'string', default: 'warning' },
        'stdin-filename': { type: 'string' },
        summary: { type: 'boolean', default: false },
        jobs: { type: 'string', short: 'j' },
        cache: { type: 'boolean', default: false },
        'cache-location': { type: 'string' },
        shard: { type: 'string' },
        dialect: { type: 'string' },
        'allow-outside-glossaries': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    io.stderr.write(`psylint: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (values.version) {
    io.stdout.write(`${version}\n`);
    return 0;
  }
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) return usage(io, `unknown format '${values.format}' (use ${FORMATS.join(', ')})`);
  const threshold = values['max-severity'] as Severity;
  if (!SEVERITIES.includes(threshold)) return usage(io, `unknown severity '${values['max-severity']}' (use ${SEVERITIES.join(', ')})`);
  const configFile = values.config ? path.resolve(io.cwd, values.config) : undefined;
  if (configFile && !fs.existsSync(configFile)) return usage(io, `${values.config}: configuration file not found`);
  const fromStdin = positionals.includes('-');
  if (fromStdin && values.fix) return usage(io, '--fix cannot be used with standard input');
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) return usage(io, `--jobs must be a whole number of at least 1 (got '${values.jobs}')`);
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (shard && 'problem' in shard) return usage(io, shard.problem);
  // Shards must add up to the whole run: standard input in every shard would be reported n times, in one of them by surprise.
  if (shard && fromStdin) return usage(io, '--shard splits files; it cannot be used with standard input (-)');

  const dialect = DIALECTS.find((d) => d === values.dialect);
  if (values.dialect !== undefined && !dialect) return usage(io, `unknown dialect '${values.dialect}' (use ${DIALECTS.join(', ')})`);

  let inputError = false;
  const fail = (file: string, message: string) => {
    io.stderr.write(`psylint: ${file}: ${message}\n`);
    inputError = true;
  };
  // The main thread resolves settings exactly as the pool's workers do, from the same data.
  const workerData: WorkerData = { cwd: io.cwd, configFile, allowOutsideGlossaries: values['allow-outside-glossaries'], dialect };
  const reported = new Set<string>();
  const settingsOf = workerSettings(workerData);
  const settingsFor = (file: string) => {
    const settings = settingsOf(file);
    for (const p of settings.configProblems) {
      const key = `${p.file}:${p.line}:${p.column}:${p.message}`;
      if (reported.has(key)) continue;
      reported.add(key);
      io.stderr.write(`psylint: ${display(io.cwd, p.file)}:${p.line}:${p.column}: ${p.severity}: ${p.message}\n`);
      if (p.severity === 'error') inputError = true;
    }
    for (const p of settings.glossaryProblems) {
      const key = `${p.file}:${p.line}:${p.column}:${p.message}`;
      if (reported.has(key)) continue;
      reported.add(key);
      fail(`${display(io.cwd, p.file)}:${p.line}:${p.column}`, p.message);
    }
    return settings;
  };

  const results: FileResult[] = [];
  const summaries: string[] = [];
  const record = (shown: string, text: string, outcome: { findings: FileResult['findings']; claims: { total: number; cited: number; uncited: number } }) => {
    results.push({ file: shown, text, findings: outcome.findings });
    const c = outcome.claims;
    summaries.push(`${shown}: ${c.total} claim${c.total === 1 ? '' : 's'}, ${c.cited} cited, ${c.uncited} uncited`);
  };

  if (fromStdin) {
    const name = values['stdin-filename'] ?? '<stdin>';
    const file = path.resolve(io.cwd, values['stdin-filename'] ?? 'stdin.md');
    // Standard input obeys maxFileSize like a file on disk: reading stops at the cap.
    const read = await readStreamCapped(io.stdin ?? process.stdin, guard(() => settingsFor(file).config.maxFileSize, DEFAULT_MAX_FILE_SIZE));
    const decoded = 'bytes' in read ? decodeDraft(read.bytes) : { problem: read.skipped ? `skipped: ${read.problem} (maxFileSize)` : read.problem };
    if ('problem' in decoded) fail(name, decoded.problem);
    else {
      try {
        record(name, decoded.text, lintTask({ file, text: decoded.text, fix: false }, settingsFor(file)));
      } catch (error) {
        // One input the engine cannot handle must not cost the findings of every other file.
        fail(name, `could not be linted (internal error, please report it): ${oneLine(error)}`);
      }
    }
  }
  const paths = positionals.filter((p) => p !== '-');
  if (paths.length || !fromStdin) {
    const { files, problems } = collectDrafts(paths.length ? paths : ['.'], io.cwd, [NOTEBOOK_EXTENSION]);
    for (const p of problems) fail(display(io.cwd, path.resolve(io.cwd, p.file)), p.message);
    let drafts: { file: string; shown: string; settings: ReturnType<typeof settingsFor> }[] = [];
    for (const file of files) {
      const shown = display(io.cwd, file);
      try {
        const settings = settingsFor(file);
        if (!isIgnored(settings.config, file)) drafts.push({ file, shown, settings });
      } catch (error) {
        // A configuration the resolver cannot handle costs this file, not the run.
        fail(shown, `could not be linted (internal error, please report it): ${oneLine(error)}`);
      }
    }
    if (shard) drafts = shardOf(drafts, (d) => d.shown, shard);
    const cache = values.cache ? new LintCache(cacheFile(io.cwd, values['cache-location']), engineKey(version, [__filename, ...guard(() => [workerScript()], [])]), (m) => io.stderr.write(`psylint: warning: ${m}\n`)) : undefined;
    // Read every file here (cheap), answer what the cache can, lint the rest on the pool, report in file order.
    const slots: { shown: string; failures: string[]; linted?: Parameters<typeof record>[2] & { text: string }; cells?: (Parameters<typeof record>[2] & { shown: string; text: string })[] }[] = [];
    const pending: { slot: number; key?: string; file: string; text: string }[] = [];
    for (const d of drafts) {
      const read = readDraft(d.file, d.settings.config.maxFileSize);
      if ('problem' in read) {
        slots.push({ shown: d.shown, failures: [read.problem] });
        continue;
      }
      if (isNotebookFile(d.file)) {
        // Each Markdown cell is linted on its own, here, and reported as `notes.ipynb:cell_N` (server/src/notebook.ts).
        const options = { ...lintOptionsOf(d.settings), language: `${d.file}.md` };
        let notebook: ReturnType<typeof lintNotebook>;
        try {
          notebook = lintNotebook(read.text, (source) => lint(source, options), values.fix);
        } catch (error) {
          slots.push({ shown: d.shown, failures: [`could not be linted (internal error, please report it): ${oneLine(error)}`] });
          continue;
        }
        if ('problem' in notebook) {
          slots.push({ shown: d.shown, failures: [notebook.problem] });
          continue;
        }
        const failures: string[] = [];
        if (notebook.fixedText !== undefined) {
          try {
            fs.writeFileSync(d.file, notebook.fixedText);
          } catch (error) {
            failures.push(`cannot write fixes: ${(error as Error).message}`);
          }
        }
        slots.push({ shown: d.shown, failures, cells: notebook.cells.map((c) => ({ shown: cellLabel(d.shown, c.cell), text: c.source, findings: c.findings, claims: c.claims })) });
        continue;
      }
      const key = cache?.key(d.file, read.text, d.settings);
      const hit = key === undefined ? undefined : cache!.get(d.file, key);
      if (hit && !(values.fix && hasSafeFixes(hit.findings))) slots.push({ shown: d.shown, failures: [], linted: { text: read.text, ...hit } });
      else {
        pending.push({ slot: slots.length, key, file: d.file, text: read.text });
        slots.push({ shown: d.shown, failures: [] });
      }
    }
    const bar = progress(io.stderr, pending.length);
    await lintAll(
      pending.map((p) => ({ file: p.file, text: p.text, fix: values.fix })),
      jobs ?? autoJobsFor(pending),
      workerData,
      settingsFor,
      (reply) => {
        bar.tick();
        const p = pending[reply.index];
        const slot = slots[p.slot];
        if ('error' in reply) slot.failures.push(`internal error: ${reply.error}`);
        else {
          const { findings, claims, failures } = reply.outcome;
          const text = reply.outcome.text ?? p.text;
          slot.failures.push(...failures);
          slot.linted = { text, findings, claims };
          // With --fix the file now holds `text`: that is what the entry describes.
          if (cache && failures.length === 0) cache.set(p.file, text === p.text ? p.key! : cache.key(p.file, text, settingsFor(p.file)), findings, claims);
        }
      },
    );
    bar.done();
    cache?.save();
    for (const slot of slots) {
      for (const f of slot.failures) fail(slot.shown, f);
      if (slot.linted) record(slot.shown, slot.linted.text, slot.linted);
      for (const cell of slot.cells ?? []) record(cell.shown, cell.text, cell);
    }
  }

  // Every format is written piece by piece: no output is ever one string (many long fixes pass V8's limit).
  const isTty = Boolean((io.stdout as NodeJS.WriteStream).isTTY) && !process.env.NO_COLOR;
  const chunks =
    format === 'json' ? jsonChunks(results) : format === 'sarif' ? sarifChunks(results, version) : format === 'github' ? githubChunks(results) : stylishChunks(results, isTty);
  for (const chunk of chunks) io.stdout.write(chunk);
  if (values.summary) {
    // Machine-readable formats keep stdout clean: the summary goes to stderr there.
    const out = format === 'json' || format === 'sarif' ? io.stderr : io.stdout;
    out.write(`\nEvidence summary\n${summaries.map((line) => `  ${line}\n`).join('')}`);
  }
  if (inputError) return 2;
  return results.some((r) => r.findings.some((f) => isAtLeast(f.severity, threshold))) ? 1 : 0;
}

function usage(io: { stderr: NodeJS.WritableStream }, message: string): number {
  io.stderr.write(`psylint: ${message}\n\n${USAGE}`);
  return 2;
}

function display(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  if (relative === '') return '.';
  return (relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file).split(path.sep).join('/');
}

/** An error as one short line: no stack, no kilobytes of a glossary's text echoed back. */
function oneLine(error: unknown): string {
  const message = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).split('\n')[0];
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}

function guard<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}

/** Entry point of bin/psylint.js. */
export function run(): void {
  // A reader that closed the pipe (`psylint … | head`) wants no more output: that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') return;
    process.stderr.write(`psylint: cannot write output: ${error.message}\n`);
    process.exit(2);
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`psylint: internal error (please report it): ${oneLine(error)}\n`);
      process.exitCode = 2;
    },
  );
}
