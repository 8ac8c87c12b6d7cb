// npm run test:mutation: break one behaviour at a time in the source, rebuild,
// run the tests meant to guard it, and expect them to fail. A mutation the
// tests survive is a behaviour no test protects. The source is restored after
// each mutation (also on Ctrl-C). Prints a table and the score.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const UNIT = 'out/test/unit/trust.test.js';
const LSP = 'out/test/lsp/trust.test.js';
const GLOSSARY_DATA = 'out/test/unit/glossaryData.test.js';
const DOCS = 'out/test/unit/docs.test.js';

/** id, what it breaks, the source edit (`from` must occur exactly once), and the tests that must catch it. */
const MUTATIONS = [
  { id: 'bin-exit-0', what: 'the binary exits 0 when there are findings', file: 'server/src/cli.ts', from: 'isAtLeast(f.severity, threshold))) ? 1 : 0', to: 'isAtLeast(f.severity, threshold))) ? 0 : 0', tests: [UNIT], grep: 'exits 0 with no findings' },
  { id: 'enable-ignored', what: 'psylint.enable: false is ignored', file: 'server/src/lsp/settings.ts', from: 'enable: value.enable !== false,', to: 'enable: true,', tests: [LSP], grep: 'psylint.enable' },
  { id: 'glossaries-ignored', what: 'psylint.glossaries is ignored', file: 'server/src/lsp/settings.ts', from: "glossaries: Array.isArray(value.glossaries) ? value.glossaries.filter((g): g is string => typeof g === 'string' && g.length > 0) : [],", to: 'glossaries: [],', tests: [LSP], grep: 'psylint.glossaries' },
  { id: 'info-hint-swapped', what: 'information and hint severities swapped', file: 'server/src/lsp/convert.ts', from: 'information: DiagnosticSeverity.Information,\n  hint: DiagnosticSeverity.Hint,', to: 'information: DiagnosticSeverity.Hint,\n  hint: DiagnosticSeverity.Information,', tests: [LSP], grep: 'psylint.rules' },
  // Two places check that the document moved on (diagnosticsFor while it works, publish before it sends): both go.
  { id: 'publish-no-move-check', what: 'publish() no longer checks that the document moved on', file: 'server/src/lsp/publisher.ts', from: 'if (!current || current.version !== version || current.getText() !== text) return;', to: 'if (!current) return;', also: { file: 'server/src/lsp/diagnostics.ts', from: 'return current?.version === version && current.getText() === text && linter.generation === generation;', to: 'return linter.generation === generation;' }, tests: [LSP], grep: 'slow lint|storm' },
  { id: 'publish-stale', what: 'publish() publishes a stale (empty) report', file: 'server/src/lsp/publisher.ts', from: '      if (report.stale) {', to: '      if (false) {', tests: [LSP], grep: 'storm' },
  { id: 'cache-by-version', what: 'results cached by version number alone', file: 'server/src/lsp/linter.ts', from: 'cached.version === doc.version && cached.text === text', to: 'cached.version === doc.version', tests: [LSP], grep: 'repeats or lowers' },
  { id: 'max-size-chars', what: 'the server counts maxFileSize in characters', file: 'server/src/lsp/linter.ts', from: 'text.length > resolved.config.maxFileSize / 3 && utf8Length(text) > resolved.config.maxFileSize', to: 'text.length > resolved.config.maxFileSize', tests: [LSP], grep: 'UTF-8 bytes' },
  { id: 'plaintext-kind', what: '.qmd/.Rmd opened as plaintext linted as plain text', file: 'server/src/lsp/linter.ts', from: '  if (isDraftFile(URI.parse(doc.uri).path)) return doc.uri;\n', to: '', tests: [LSP], grep: 'qmd or .Rmd' },
  { id: 'status-silent', what: 'configuration problems are not reported to the status item', file: 'server/src/serverCore.ts', from: '    void connection.sendNotification(StatusNotification.method, { problems } satisfies StatusParams);', to: '', tests: [LSP], grep: 'status item' },
  { id: 'read-any-file', what: 'a pipe or device is read like a file', file: 'server/src/readFile.ts', from: "if (!stat.isFile()) return { problem: 'not a regular file', skipped: true };", to: '', tests: [UNIT], grep: 'dev/zero' },
  { id: 'no-size-cap', what: 'files over the cap are read', file: 'server/src/readFile.ts', from: 'if (stat.size > maxBytes) return', to: 'if (false) return', tests: [UNIT], grep: 'over 1 MB' },
  { id: 'echo-content', what: 'a file that is not ours gets one error per line', file: 'server/src/yamlData.ts', from: 'if (problems.length > 10 && !keys.some((k) => known.includes(String(k)))) return notOurs();', to: '', tests: [UNIT], grep: 'some other file' },
  { id: 'no-confinement', what: 'glossaries outside the workspace are read', file: 'server/src/workspace.ts', from: '    if (allowOutside || !fs.existsSync(file)) return true; // a missing file is reported when read', to: '    return true;', tests: [UNIT], grep: 'outside the workspace' },
  { id: 'epipe-throws', what: 'EPIPE ends the CLI with a stack trace', file: 'server/src/cli.ts', from: "if (error.code === 'EPIPE') return;", to: '', tests: [UNIT], grep: 'closes the pipe' },
  { id: 'no-phrase-limit', what: 'overlong glossary phrases are loaded', file: 'server/src/glossary/load.ts', from: '    if (long) problems.push(', to: '    if (false) problems.push(', tests: [UNIT, LSP], grep: 'built to break the engine' },
  { id: 'config-all-or-nothing', what: 'one bad value discards the whole configuration', file: 'server/src/config.ts', from: "  const usable = (key: string) => !bad.has(key) && data[key] !== undefined;", to: "  const usable = (key: string) => bad.size === 0 && data[key] !== undefined;", tests: ['out/test/unit/config.test.js'], grep: 'valid rest' },
  { id: 'no-did-you-mean', what: 'unknown rule ids get no suggestion', file: 'server/src/config.ts', from: "const near = nearest(id, CATALOG.map((r) => r.id));", to: 'const near = undefined as string | undefined;', tests: ['out/test/unit/config.test.js'], grep: 'nearest rule id' },
  { id: 'ignore-never', what: 'ignore: patterns match nothing', file: 'server/src/config.ts', from: '    return match(target);', to: '    return false && match(target);', tests: ['out/test/unit/config.test.js', UNIT], grep: 'ignore|isIgnored|backtracking' },
  { id: 'fix-cycles-allowed', what: '--fix cycles and self-containing replacements are accepted', file: 'server/src/glossary/load.ts', from: '  problems.push(...refuseUnsettledRewrites(entries, origins));\n', to: '', tests: [UNIT], grep: 'settles' },
  // The generated glossary and rule-page tests apply each preferred fix and check the text it writes.
  { id: 'outdated-fix-uninflected', what: 'a term/outdated fix writes the bare glossary term (case and plural lost)', file: 'server/src/engine/rules/termOutdated.ts', from: 'edits: [{ start: match.start, end: match.end, text: rewrite(original, r.term, surface.plural, initial) }],', to: 'edits: [{ start: match.start, end: match.end, text: r.term }],', tests: [GLOSSARY_DATA, DOCS], grep: 'matches:|preferred fix applied' },
  { id: 'wording-fix-noop', what: 'a stigmatizing/imprecise fix rewrites nothing', file: 'server/src/engine/rules/avoidedWording.ts', from: 'const text = rewrite(original, p, surface.plural, match.first === 0);', to: 'const text = original;', tests: [GLOSSARY_DATA, DOCS], grep: 'matches:|preferred fix applied' },
  { id: 'wording-message-prose', what: 'a stigmatizing/imprecise message carries the glossary reason again', file: 'server/src/engine/rules/avoidedWording.ts', from: "        message: written.length", to: "        message: entry.avoid.why + (written.length", also: { from: "          : `${wrong}; rephrase it.`,", to: "          : `${wrong}; rephrase it.`),"}, tests: ['out/test/unit/messages.test.js'], grep: 'finding messages' },
  { id: 'partial-override-rejected', what: 'a partial glossary override is rejected', file: 'server/src/glossary/load.ts', from: "    perFile.definitions.entry.required = ['id'];\n", to: '', tests: ['out/test/unit/glossary.test.js'], grep: 'partial override' },
];

const sources = new Map();
function restoreAll() {
  for (const [file, text] of sources) fs.writeFileSync(file, text);
}
process.on('SIGINT', () => {
  restoreAll();
  process.exit(130);
});

function run(command, args, timeoutMs) {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}`, timedOut: r.error?.code === 'ETIMEDOUT' };
}

const only = process.argv.slice(2);
const results = [];
try {
  for (const m of MUTATIONS.filter((x) => only.length === 0 || only.includes(x.id))) {
    const original = fs.readFileSync(m.file, 'utf8');
    sources.set(m.file, original);
    const count = original.split(m.from).length - 1;
    if (count !== 1) {
      results.push({ ...m, outcome: `not applied (found ${count} times)` });
      continue;
    }
    let mutated = original.replace(m.from, () => m.to);
    // A second change, in the same file or (also.file) another one.
    const alsoFile = m.also?.file ?? m.file;
    if (m.also && alsoFile === m.file) mutated = mutated.replace(m.also.from, () => m.also.to);
    fs.writeFileSync(m.file, mutated);
    const alsoOriginal = alsoFile !== m.file ? fs.readFileSync(alsoFile, 'utf8') : undefined;
    if (alsoOriginal !== undefined) {
      sources.set(alsoFile, alsoOriginal);
      fs.writeFileSync(alsoFile, alsoOriginal.replace(m.also.from, () => m.also.to));
    }
    try {
      const build = run(process.execPath, ['scripts/build.mjs'], 300_000);
      if (!build.ok) {
        results.push({ ...m, outcome: 'killed (does not build)' });
        continue;
      }
      const started = Date.now();
      const test = run('npx', ['mocha', '--no-config', '--timeout', '60000', '--reporter', 'dot', '-g', m.grep, ...m.tests], 600_000);
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      const passing = /(\d+) passing/.exec(test.out)?.[1] ?? '0';
      const failing = /(\d+) failing/.exec(test.out)?.[1] ?? '0';
      results.push({ ...m, outcome: test.ok ? `SURVIVED (${passing} passing)` : `killed (${failing} failing, ${seconds} s)` });
    } finally {
      fs.writeFileSync(m.file, original);
      if (alsoOriginal !== undefined) fs.writeFileSync(alsoFile, alsoOriginal);
    }
    console.log(`${results.at(-1).id}: ${results.at(-1).outcome}`);
  }
} finally {
  restoreAll();
  run(process.execPath, ['scripts/build.mjs'], 300_000);
}

const killed = results.filter((r) => r.outcome.startsWith('killed')).length;
console.log('\n| mutation | what it breaks | outcome |\n|---|---|---|');
for (const r of results) console.log(`| \`${r.id}\` | ${r.what} | ${r.outcome} |`);
console.log(`\nMutation score: ${killed}/${results.length} killed`);
process.exitCode = killed === results.length ? 0 : 1;
