// .psylint.yaml: parsing, positions of problems, finding the file upward,
// and ignore patterns.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_MAX_FILE_SIZE, findConfigFile, isIgnored, loadConfigFile, parseConfig } from '../../server/src/config';
import { removeTempDirs, tempDir, writeFiles } from './helpers';
import { compileSchemas } from '../../scripts/compile-schemas';
import { validateConfig, validateGlossaryFile } from '../../server/src/schemaValidators';

const FILE = path.resolve('/proj/sub/.psylint.yaml');
const posix = (p: string) => p.split(path.sep).join('/');

function problemsOf(text: string): [number, number, string, string][] {
  return parseConfig(FILE, text).problems.map((p) => [p.line, p.column, p.severity, p.message]);
}

describe('parseConfig', () => {
  it('reads rules, glossaries relative to the file, ignore globs and maxFileSize', () => {
    const text = ['rules:', '  term/outdated: error', '  claim/overstated: off', 'glossaries:', '  - ../shared/extra.yaml', '  - local.yaml', 'ignore:', '  - "drafts/**"', '  - "*.tmp.md"', 'maxFileSize: 1000', ''].join('\n');
    const { config, problems } = parseConfig(FILE, text);
    assert.deepEqual(problems, []);
    assert.deepEqual(config, {
      file: FILE,
      rules: { 'term/outdated': 'error', 'claim/overstated': 'off' },
      glossaries: [path.resolve('/proj/shared/extra.yaml'), path.resolve('/proj/sub/local.yaml')],
      ignore: [posix(path.resolve('/proj/sub')) + '/drafts/**', posix(path.resolve('/proj/sub')) + '/*.tmp.md'],
      maxFileSize: 1000,
      accept: [],
    });
  });

  it('gives the defaults for an empty file', () => {
    const { config, problems } = parseConfig(FILE, '');
    assert.deepEqual(problems, []);
    assert.deepEqual(config, { file: FILE, rules: {}, glossaries: [], ignore: [], maxFileSize: DEFAULT_MAX_FILE_SIZE, accept: [] });
  });

  it('reports a YAML error at its line and column and falls back to the defaults', () => {
    const text = ['rules:', '  term/outdated: error', '    claim/overstated: off', ''].join('\n');
    const { config, problems } = parseConfig(FILE, text);
    assert.deepEqual(
      problems.map((p) => [p.file, p.line, p.column, p.severity, p.message]),
      [
        [FILE, 2, 18, 'error', 'YAML: Nested mappings are not allowed in compact mappings'],
        [FILE, 2, 18, 'error', 'YAML: Implicit keys need to be on a single line'],
      ],
    );
    assert.deepEqual(config.rules, {});
  });

  it('reports a bad severity at the line and column of the value', () => {
    const text = ['maxFileSize: 10', 'rules:', '  term/outdated: fatal', ''].join('\n');
    const { config, problems } = parseConfig(FILE, text);
    assert.deepEqual(
      problems.map((p) => [p.line, p.column, p.severity]),
      [[3, 18, 'error']],
    );
    // Issue 15: the message names the allowed values (it was raw schema output), and the bad value costs only itself.
    assert.equal(problems[0].message, "rules.term/outdated: 'fatal' is not allowed; use error, warning, information, hint, off");
    assert.equal(config.maxFileSize, 10);
  });

  it('reads dialect, and reports a bad one at its value with the allowed values, keeping the rest', () => {
    assert.equal(parseConfig(FILE, 'dialect: en-GB\n').config.dialect, 'en-GB');
    const { config, problems } = parseConfig(FILE, ['maxFileSize: 10', 'dialect: british', ''].join('\n'));
    assert.deepEqual(
      problems.map((p) => [p.line, p.column, p.severity, p.message]),
      [[2, 10, 'error', "dialect: 'british' is not allowed; use en-US, en-GB"]],
    );
    assert.equal(config.dialect, undefined);
    assert.equal(config.maxFileSize, 10);
  });

  // Issue 15: one bad value discarded the whole file, so the valid settings were silently not applied.
  it('applies the valid rest of a file with bad values: other rules, glossaries, patterns and maxFileSize', () => {
    const text = ['rules:', '  term/outdated: error', '  claim/unsupported: warn', 'glossaries: [ok.yaml, 7, ""]', 'ignore: ["drafts/**", 12]', 'maxFileSize: .inf', 'colour: red', ''].join('\n');
    const { config, problems } = parseConfig(FILE, text);
    assert.deepEqual(config.rules, { 'term/outdated': 'error' });
    assert.deepEqual(config.glossaries, [path.resolve('/proj/sub', 'ok.yaml')]);
    assert.deepEqual(config.ignore, [posix(path.resolve('/proj/sub')) + '/drafts/**']);
    assert.equal(config.maxFileSize, DEFAULT_MAX_FILE_SIZE, 'Infinity is refused');
    assert.deepEqual(
      problems.map((p) => p.message),
      [
        "unknown setting 'colour'; known: rules, glossaries, ignore, maxFileSize, accept, dialect",
        "rules.claim/unsupported: 'warn' is not allowed; use error, warning, information, hint, off (did you mean 'warning'?)",
        'glossaries.1 must be text',
        'glossaries.2 must NOT have fewer than 1 characters',
        'ignore.1 must be text',
        'maxFileSize must be <= 1000000000',
      ],
    );
  });

  it('suggests the nearest rule id for an unknown one', () => {
    const { problems } = parseConfig(FILE, 'rules:\n  term/outdate: error\n  claim/overstatd: off\n  nothing-like-it: off\n');
    assert.deepEqual(
      problems.map((p) => p.message),
      ["unknown rule 'term/outdate' (ignored); did you mean 'term/outdated'?", "unknown rule 'claim/overstatd' (ignored); did you mean 'claim/overstated'?", "unknown rule 'nothing-like-it' (ignored)"],
    );
  });

  it('reports a maxFileSize below 1 at the value', () => {
    assert.deepEqual(problemsOf('ignore: []\nmaxFileSize: 0\n'), [[2, 14, 'error', 'maxFileSize must be >= 1']]);
  });

  it('reports an unknown setting by name', () => {
    const problems = problemsOf('maxFileSize: 10\ncolour: red\n');
    assert.equal(problems.length, 1);
    assert.equal(problems[0][3], "unknown setting 'colour'; known: rules, glossaries, ignore, maxFileSize, accept, dialect");
  });

  // Regression (fixed): an unknown top-level setting is reported at 1:1 (the root mapping), not at its key.
  it('reports an unknown setting at its key', () => {
    assert.deepEqual(
      problemsOf('maxFileSize: 10\ncolour: red\n').map(([line, column]) => [line, column]),
      [[2, 1]],
    );
  });

  it('warns about an unknown rule id at its key and keeps the rest of the file', () => {
    const text = ['rules:', '  term/outdated: error', '  term/made-up: off', 'maxFileSize: 42', ''].join('\n');
    const { config, problems } = parseConfig(FILE, text);
    assert.deepEqual(
      problems.map((p) => [p.line, p.column, p.severity, p.message]),
      [[3, 3, 'warning', "unknown rule 'term/made-up' (ignored)"]],
    );
    assert.deepEqual(config.rules, { 'term/outdated': 'error' });
    assert.equal(config.maxFileSize, 42);
  });

  // Regression (fixed): a rule key outside the term/ and claim/ families (here `outdated`) fails the schema's
  // propertyNames pattern: two errors, and the whole configuration is thrown away, where an
  // unknown rule id should be a warning.
  it('warns about an unknown rule id without a family and keeps the rest of the file', () => {
    const text = ['rules:', '  outdated: off', 'maxFileSize: 42', ''].join('\n');
    const { config, problems } = parseConfig(FILE, text);
    assert.deepEqual(
      problems.map((p) => [p.line, p.column, p.severity]),
      [[2, 3, 'warning']],
    );
    assert.equal(config.maxFileSize, 42);
  });

  // Regression (fixed): an alias to an undefined anchor throws ReferenceError out of parseConfig (doc.toJS),
  // although "problems never throw"; the CLI then dies with an internal error.
  it('reports an undefined YAML alias as a problem instead of throwing', () => {
    const { problems } = parseConfig(FILE, 'rules: *missing\n');
    assert.deepEqual(
      problems.map((p) => [p.line, p.column, p.severity]),
      [[1, 8, 'error']],
    );
  });
});

describe('findConfigFile and loadConfigFile', () => {
  after(removeTempDirs);

  it('finds the nearest configuration file walking upward', () => {
    const root = tempDir();
    writeFiles(root, { 'proj/.psylint.yaml': 'rules: {}\n', 'proj/a/b/c/note.md': 'x' });
    assert.equal(findConfigFile(path.join(root, 'proj/a/b/c')), path.join(root, 'proj/.psylint.yaml'));
  });

  it('prefers a closer file, also when it is named .psylint.yml', () => {
    const root = tempDir();
    writeFiles(root, { 'proj/.psylint.yaml': '', 'proj/a/.psylint.yml': '', 'proj/a/b/x.md': '' });
    assert.equal(findConfigFile(path.join(root, 'proj/a/b')), path.join(root, 'proj/a/.psylint.yml'));
  });

  it('prefers .psylint.yaml over .psylint.yml in the same folder', () => {
    const root = tempDir();
    writeFiles(root, { '.psylint.yml': '', '.psylint.yaml': '' });
    assert.equal(findConfigFile(root), path.join(root, '.psylint.yaml'));
  });

  it('finds nothing inside a tree that has no configuration file', () => {
    const root = tempDir();
    writeFiles(root, { 'a/b/x.md': '' });
    const found = findConfigFile(path.join(root, 'a/b'));
    // An independent walk up from the temp folder: what is found must be exactly that (it passed with any answer outside root).
    let expected: string | undefined;
    for (let dir = path.dirname(root); !expected; dir = path.dirname(dir)) {
      expected = ['.psylint.yaml', '.psylint.yml'].map((n) => path.join(dir, n)).find((f) => fs.existsSync(f));
      if (dir === path.dirname(dir)) break;
    }
    assert.equal(found, expected);
    writeFiles(root, { '.psylint.yml': '' });
    assert.equal(findConfigFile(path.join(root, 'a/b')), path.join(root, '.psylint.yml'));
  });

  it('loads a file from disk', () => {
    const root = tempDir();
    writeFiles(root, { '.psylint.yaml': 'rules:\n  term/outdated: hint\n' });
    const { config, problems } = loadConfigFile(path.join(root, '.psylint.yaml'));
    assert.deepEqual(problems, []);
    assert.deepEqual(config.rules, { 'term/outdated': 'hint' });
  });

  it('reports a file it cannot read at 1:1', () => {
    const root = tempDir();
    fs.mkdirSync(path.join(root, '.psylint.yaml'));
    const { problems } = loadConfigFile(path.join(root, '.psylint.yaml'));
    assert.deepEqual(
      problems.map((p) => [p.line, p.column, p.severity]),
      [[1, 1, 'error']],
    );
    assert.equal(problems[0].message, 'configuration not read: is a directory');
  });
});

describe('isIgnored', () => {
  const { config } = parseConfig(FILE, 'ignore:\n  - "drafts/**"\n  - "*.tmp.md"\n');
  const under = (p: string) => path.resolve('/proj/sub', p);

  it('ignores files matching a pattern relative to the configuration file', () => {
    assert.equal(isIgnored(config, under('drafts/a/b.md')), true);
    assert.equal(isIgnored(config, under('drafts/.hidden.md')), true);
    assert.equal(isIgnored(config, under('notes.tmp.md')), true);
  });

  it('does not ignore other files', () => {
    assert.equal(isIgnored(config, under('notes.md')), false);
    assert.equal(isIgnored(config, under('deep/notes.tmp.md')), false);
    assert.equal(isIgnored(config, path.resolve('/proj/other/drafts/a.md')), false);
  });

  it('ignores nothing without patterns', () => {
    assert.equal(isIgnored(parseConfig(FILE, '').config, under('drafts/a.md')), false);
  });
});

describe('schema validators', () => {
  it('are compiled from the schemas at build time (server/src/schemaValidators.ts is not stale)', () => {
    assert.equal(fs.readFileSync(path.resolve('server/src/schemaValidators.ts'), 'utf8'), compileSchemas(), 'run npm run build');
  });

  it('report every error (allErrors), each with its parent schema and data (verbose), as the messages need', () => {
    assert.equal(validateConfig({ maxFileSize: 'big', dialect: 'martian' }), false);
    const errors = validateConfig.errors ?? [];
    assert.deepEqual(errors.map((e) => e.instancePath).sort(), ['/dialect', '/maxFileSize']);
    assert.ok(errors.every((e) => e.parentSchema !== undefined && e.data !== undefined));
  });

  it('check a glossary file entry for its id only (the other required fields are checked once files are merged)', () => {
    assert.equal(validateGlossaryFile({ entries: [{ id: 'some-term' }] }), true);
    assert.equal(validateGlossaryFile({ entries: [{}] }), false);
  });

  it('leave the schema compiler out of every bundle, so no process compiles a schema when it starts', () => {
    // A message of ajv's schema compiler (core.js): in the bundle only if the compiler is.
    for (const bundle of ['server.js', 'cli.js', 'cliWorker.js', 'browser/server.js']) {
      const text = fs.readFileSync(path.resolve('dist', bundle), 'utf8');
      assert.ok(!text.includes('meta-schema not available'), `dist/${bundle} holds ajv's schema compiler`);
    }
  });
});
