// Reading glossary files: YAML and schema errors at exact positions, merging
// by id, reference checks, and one broken file never taking the rest down.

import assert from 'node:assert/strict';
import { lint } from '../../server/src/engine/lint';
import { buildGlossary } from '../../server/src/glossary/glossary';
import { mergeGlossaryFiles, parseGlossaryText } from '../../server/src/glossary/load';
import type { GlossaryFile } from '../../server/src/glossary/types';
import { entryYaml, glossaryYaml } from './helpers';

const SOURCES = ['    sources:', '      - {author: Test Author, year: 2020, title: A test source}'];

function parsedFile(name: string, text: string): GlossaryFile {
  const parsed = parseGlossaryText(name, text);
  assert.deepEqual(parsed.problems, []);
  return parsed.file!;
}

function ids(build: ReturnType<typeof buildGlossary>): string[] {
  return [...build.glossary.entries.keys()];
}

describe('parseGlossaryText', () => {
  it('reads a valid file with its domain, entries and where each entry starts', () => {
    const text = 'domain: testing\n' + glossaryYaml(entryYaml('alpha-term', 'alpha term', ['aliases: [AT]']), entryYaml('beta-term', 'beta term'));
    const parsed = parseGlossaryText('a.yaml', text);
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.file?.domain, 'testing');
    assert.deepEqual(
      parsed.file?.entries.map((e) => [e.id, e.term, e.aliases]),
      [
        ['alpha-term', 'alpha term', ['AT']],
        ['beta-term', 'beta term', undefined],
      ],
    );
    assert.deepEqual(parsed.file?.origins.get('beta-term'), { file: 'a.yaml', line: 9, column: 5 });
  });

  it('reports a YAML syntax error with file, line and column', () => {
    const text = ['entries:', '  - id: alpha', '    term: alpha', '      definition: indented too far', ''].join('\n');
    const parsed = parseGlossaryText('broken.yaml', text);
    assert.equal(parsed.file, undefined);
    assert.deepEqual(
      parsed.problems.map((p) => [p.file, p.line, p.column, p.message]),
      [
        ['broken.yaml', 3, 11, 'YAML: Nested mappings are not allowed in compact mappings'],
        ['broken.yaml', 3, 11, 'YAML: Implicit keys need to be on a single line'],
      ],
    );
  });

  it('reports a duplicate YAML key', () => {
    const parsed = parseGlossaryText('dup.yaml', 'entries: []\nentries: []\n');
    assert.deepEqual(
      parsed.problems.map((p) => [p.line, p.column, p.message]),
      [[2, 1, 'YAML: Map keys must be unique']],
    );
  });

  it('reports a new entry missing its sources at the entry, and leaves that entry out', () => {
    const text = glossaryYaml(entryYaml('alpha', 'alpha'), '  - id: beta\n    term: beta\n    definition: A definition long enough to pass.\n');
    const build = buildGlossary([{ file: 'g.yaml', text }]);
    assert.deepEqual(
      build.problems.map((p) => [p.line, p.column, p.message]),
      [[7, 5, "entry 'beta': missing 'sources' (a new entry needs id, term, definition, sources; only an override of an earlier entry may leave fields out)"]],
    );
    assert.deepEqual(ids(build), ['alpha']);
  });

  // Issue 15: the README promises that a later file may override fields of an earlier entry, but an entry that
  // gave only some fields failed the schema ("must have required property 'term'") and the file was rejected.
  it('merges a partial override of an earlier entry field by field', () => {
    const base = glossaryYaml(entryYaml('alpha', 'alpha', ['aliases: [alfa]']));
    const override = 'entries:\n  - id: alpha\n    aliases: [alpha-term, alfa]\n';
    const build = buildGlossary([
      { file: 'base.yaml', text: base },
      { file: 'workspace.yaml', text: override },
    ]);
    assert.deepEqual(build.problems, []);
    assert.deepEqual(build.rejected, []);
    const entry = build.glossary.get('alpha')!;
    assert.deepEqual(entry.aliases, ['alpha-term', 'alfa']);
    assert.equal(entry.term, 'alpha');
    assert.ok(entry.definition.length > 0 && entry.sources.length === 1);
  });

  it('reports an id that breaks the id pattern at the id value', () => {
    const text = glossaryYaml(entryYaml('alpha', 'alpha'), entryYaml('Bad_Id', 'beta'));
    const parsed = parseGlossaryText('g.yaml', text);
    assert.deepEqual(
      parsed.problems.map((p) => [p.line, p.column, p.endLine, p.endColumn, p.message]),
      [[7, 9, 7, 15, 'entries.1.id must match pattern "^[a-z0-9]+(-[a-z0-9]+)*$"']],
    );
  });

  it('reports an unknown property and names it', () => {
    const text = glossaryYaml(entryYaml('alpha', 'alpha', ['colour: red']));
    const parsed = parseGlossaryText('g.yaml', text);
    assert.equal(parsed.file, undefined);
    assert.equal(parsed.problems.length, 1);
    assert.match(parsed.problems[0].message, /^entries\.0: unknown field 'colour'; known: id, term, aliases, /);
    assert.equal(parseGlossaryText('g.yaml', glossaryYaml(entryYaml('alpha', 'alpha', ['alias: [a]']))).problems[0].message, "entries.0: unknown field 'alias'; did you mean 'aliases'?");
  });

  // Regression (fixed): an unknown property is reported at the start of its entry (line 2), not at the
  // offending key (line 5), so a long entry gets no pointer to the typo.
  it('reports an unknown property at the line of that property', () => {
    const text = glossaryYaml(entryYaml('alpha', 'alpha', ['colour: red']));
    const parsed = parseGlossaryText('g.yaml', text);
    assert.deepEqual(
      parsed.problems.map((p) => [p.line, p.column]),
      [[5, 5]],
    );
  });

  it('reports a value of the wrong type at the value', () => {
    const text = glossaryYaml(entryYaml('alpha', 'alpha', ['kind_of: beta']));
    const parsed = parseGlossaryText('g.yaml', text);
    assert.deepEqual(
      parsed.problems.map((p) => [p.line, p.column, p.message]),
      [[5, 14, 'entries.0.kind_of must be a list']],
    );
  });

  it('reports an id used twice in one file at the second entry', () => {
    const text = glossaryYaml(entryYaml('alpha', 'alpha'), entryYaml('alpha', 'alpha again'));
    const parsed = parseGlossaryText('g.yaml', text);
    assert.equal(parsed.file, undefined);
    assert.deepEqual(
      parsed.problems.map((p) => [p.line, p.column, p.message]),
      [[7, 5, "duplicate id 'alpha' in this file"]],
    );
  });

  // Regression (fixed): an alias to an undefined anchor throws ReferenceError out of parseGlossaryText
  // (doc.toJS) instead of returning a problem with its position.
  it('reports an undefined YAML alias as a problem instead of throwing', () => {
    const text = 'entries:\n  - id: alpha\n    sources: *missing\n';
    const parsed = parseGlossaryText('g.yaml', text);
    assert.equal(parsed.file, undefined);
    assert.deepEqual(
      parsed.problems.map((p) => [p.line, p.column]),
      [[3, 14]],
    );
  });
});

describe('mergeGlossaryFiles', () => {
  it('lets a later file override fields of an earlier entry by id, keeping the rest', () => {
    const a = parsedFile('a.yaml', glossaryYaml(entryYaml('alpha', 'alpha', ['aliases: [first]', 'category: concept'])));
    const b = parsedFile('b.yaml', glossaryYaml('  - id: alpha\n    term: alpha renamed\n    definition: A replacement definition long enough.\n    aliases: [second]\n' + SOURCES.join('\n') + '\n'));
    const merged = mergeGlossaryFiles([a, b]);
    assert.deepEqual(merged.problems, []);
    const entry = merged.entries.get('alpha')!;
    assert.deepEqual(
      [entry.term, entry.definition, entry.aliases, entry.category],
      ['alpha renamed', 'A replacement definition long enough.', ['second'], 'concept'],
    );
    // The entry is still defined where it first appeared.
    assert.deepEqual(merged.origins.get('alpha'), { file: 'a.yaml', line: 2, column: 5 });
  });

  it('reports a reference to an unknown id at the referencing entry', () => {
    const a = parsedFile('a.yaml', glossaryYaml(entryYaml('alpha', 'alpha'), entryYaml('beta', 'beta', ['see_also: [ghost]'])));
    const merged = mergeGlossaryFiles([a]);
    assert.deepEqual(merged.problems, [{ file: 'a.yaml', line: 7, column: 5, message: "entry 'beta': see_also refers to unknown id 'ghost'" }]);
  });

  it('accepts a reference to an id defined in another file', () => {
    const a = parsedFile('a.yaml', glossaryYaml(entryYaml('alpha', 'alpha')));
    const b = parsedFile('b.yaml', glossaryYaml(entryYaml('beta', 'beta', ['kind_of: [alpha]'])));
    assert.deepEqual(mergeGlossaryFiles([a, b]).problems, []);
  });

  it('reports an entry that refers to itself', () => {
    const a = parsedFile('a.yaml', glossaryYaml(entryYaml('alpha', 'alpha', ['see_also: [alpha]'])));
    assert.deepEqual(
      mergeGlossaryFiles([a]).problems.map((p) => p.message),
      ["entry 'alpha': see_also refers to the entry itself"],
    );
  });

  it('reports a cycle in kind_of once, with the whole cycle', () => {
    const a = parsedFile(
      'a.yaml',
      glossaryYaml(entryYaml('alpha', 'alpha', ['kind_of: [beta]']), entryYaml('beta', 'beta', ['kind_of: [gamma]']), entryYaml('gamma', 'gamma', ['kind_of: [alpha]'])),
    );
    assert.deepEqual(mergeGlossaryFiles([a]).problems, [{ file: 'a.yaml', line: 2, column: 5, message: "entry 'alpha': cycle in kind_of: alpha → beta → gamma → alpha" }]);
  });
});

describe('buildGlossary', () => {
  it('builds a glossary from several good files in order', () => {
    const build = buildGlossary([
      { file: 'a.yaml', text: glossaryYaml(entryYaml('alpha', 'alpha')) },
      { file: 'b.yaml', text: glossaryYaml(entryYaml('beta', 'beta')) },
    ]);
    assert.deepEqual(build.problems, []);
    assert.deepEqual(build.rejected, []);
    assert.deepEqual(ids(build), ['alpha', 'beta']);
    assert.equal(build.glossary.name('beta'), 'beta');
    assert.equal(build.glossary.name('nope'), 'nope');
  });

  it('rejects a broken file and keeps the others working', () => {
    const build = buildGlossary([
      { file: 'a.yaml', text: glossaryYaml(entryYaml('alpha', 'alpha')) },
      { file: 'b.yaml', text: 'entries: [' },
      { file: 'c.yaml', text: glossaryYaml(entryYaml('gamma', 'gamma')) },
    ]);
    assert.deepEqual(build.rejected, ['b.yaml']);
    assert.deepEqual(
      build.problems.map((p) => [p.file, p.line, p.column]),
      [['b.yaml', 1, 11]],
    );
    assert.deepEqual(ids(build), ['alpha', 'gamma']);
  });

  it('reports a reference to an unknown id but keeps the file serving', () => {
    const build = buildGlossary([
      { file: 'a.yaml', text: glossaryYaml(entryYaml('alpha', 'alpha')) },
      { file: 'b.yaml', text: glossaryYaml(entryYaml('beta', 'beta', ['kind_of: [ghost]'])) },
    ]);
    assert.deepEqual(build.rejected, []);
    assert.deepEqual(build.problems, [{ file: 'b.yaml', line: 2, column: 5, message: "entry 'beta': kind_of refers to unknown id 'ghost'" }]);
    assert.deepEqual(ids(build), ['alpha', 'beta']);
  });

  it('keeps serving the last good version of a file after it breaks', () => {
    const lastGood = new Map<string, GlossaryFile>();
    const good = buildGlossary(
      [
        { file: 'a.yaml', text: glossaryYaml(entryYaml('alpha', 'alpha')) },
        { file: 'b.yaml', text: glossaryYaml(entryYaml('beta', 'beta')) },
      ],
      lastGood,
    );
    assert.deepEqual(ids(good), ['alpha', 'beta']);

    const broken = buildGlossary(
      [
        { file: 'a.yaml', text: glossaryYaml(entryYaml('alpha', 'alpha')) },
        { file: 'b.yaml', text: glossaryYaml(entryYaml('beta', 'beta', ['colour: red'])) },
      ],
      lastGood,
    );
    assert.deepEqual(broken.rejected, ['b.yaml']);
    assert.equal(broken.problems.length, 1);
    assert.deepEqual(ids(broken), ['alpha', 'beta']);
    assert.deepEqual(
      lint('A beta appears here.', { glossary: broken.glossary }).matches.map((m) => m.entryIds),
      [['beta']],
    );
  });

  it('serves the new version once a broken file is fixed', () => {
    const lastGood = new Map<string, GlossaryFile>();
    buildGlossary([{ file: 'a.yaml', text: glossaryYaml(entryYaml('alpha', 'alpha')) }], lastGood);
    buildGlossary([{ file: 'a.yaml', text: 'entries: [' }], lastGood);
    const fixed = buildGlossary([{ file: 'a.yaml', text: glossaryYaml(entryYaml('alpha', 'alpha fixed')) }], lastGood);
    assert.deepEqual([fixed.rejected, fixed.problems], [[], []]);
    assert.equal(fixed.glossary.get('alpha')?.term, 'alpha fixed');
  });

  it('serves nothing from a broken file that never had a good version', () => {
    const build = buildGlossary([{ file: 'new.yaml', text: 'entries: [' }], new Map());
    assert.deepEqual(ids(build), []);
    assert.deepEqual(build.rejected, ['new.yaml']);
  });

  it('gives each build a new version number', () => {
    const one = buildGlossary([]).glossary.version;
    const two = buildGlossary([]).glossary.version;
    assert.ok(two > one);
  });
});
