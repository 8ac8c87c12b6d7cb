// Accepting a wording in the workspace (`accept:` in .psylint.yaml) and
// ignoring one finding's wording in a file (`psylint-ignore` comments): the
// engine, the configuration, the edit to .psylint.yaml and the CLI.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { parseConfig } from '../../server/src/config';
import { ignoreDirective } from '../../server/src/engine/directives';
import { lint } from '../../server/src/engine/lint';
import { bundledGlossaryFiles, GlossaryStore } from '../../server/src/glossary/files';
import type { Glossary } from '../../server/src/glossary/glossary';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentEdit, TextEdit } from 'vscode-languageserver';
import { acceptInsertion, ignoreInFile } from '../../server/src/lsp/acceptActions';
import { psylint, removeTempDirs, tempDir, writeFiles } from './helpers';

let glossary: Glossary | undefined;
function fullGlossary(): Glossary {
  return (glossary ??= new GlossaryStore().build(bundledGlossaryFiles()).glossary);
}

/** "rule wording" of each finding. */
function found(text: string, options: { language?: string; accept?: string[] } = {}): string[] {
  return lint(text, { glossary: fullGlossary(), ...options }).findings.map((f) => `${f.ruleId} ${text.slice(f.start, f.end)}`);
}

const DRAFT = 'Her uncle had manic depression. Psychotherapy cures depression.\n\nHis cousin had Manic  Depression and mental retardation.\n';
const ALL = ['term/outdated manic depression', 'claim/overstated cures', 'term/outdated Manic  Depression', 'term/outdated mental retardation'];

describe('accept and ignore: engine', () => {
  it('reports every finding of the draft without accept or ignore (the baseline of the tests below)', () => {
    const f = found(DRAFT);
    for (const finding of ALL) assert.ok(f.includes(finding), `${finding} in ${JSON.stringify(f)}`);
  });

  it('an ignore comment hides its rule on its wording everywhere in the file, whatever the case and spacing', () => {
    const text = `<!-- psylint-ignore term/outdated "manic depression" -->\n\n${DRAFT}`;
    assert.deepEqual(found(text).filter((f) => ALL.includes(f)), ['claim/overstated cures', 'term/outdated mental retardation']);
  });

  it('an ignore comment further down the file still covers the whole file', () => {
    const text = `${DRAFT}\n<!-- psylint-ignore term/outdated "mental retardation" -->\n`;
    assert.deepEqual(found(text).filter((f) => ALL.includes(f)), ['term/outdated manic depression', 'claim/overstated cures', 'term/outdated Manic  Depression']);
  });

  it('does not hide another rule on the same wording, nor the same rule on another wording', () => {
    const text = `<!-- psylint-ignore term/outdated "cures" -->\n<!-- psylint-ignore claim/overstated "manic depression" -->\n\n${DRAFT}`;
    assert.deepEqual(found(text).filter((f) => ALL.includes(f)), ALL);
  });

  it('takes a family for the rule, several wordings, and escaped quotes', () => {
    const text = `<!-- psylint-ignore term "manic depression" "mental retardation" "a \\"quoted\\" word" -->\n\n${DRAFT}`;
    assert.deepEqual(found(text).filter((f) => ALL.includes(f)), ['claim/overstated cures']);
  });

  it('is a comment after the front matter of a .qmd and a .Rmd', () => {
    const text = `---\ntitle: Notes\n---\n${ignoreDirective('term/outdated', 'manic depression')}\n\n${DRAFT}`;
    for (const language of ['notes.qmd', 'notes.Rmd', 'notes.md']) {
      assert.deepEqual(found(text, { language }).filter((f) => ALL.includes(f)), ['claim/overstated cures', 'term/outdated mental retardation'], language);
    }
  });

  it('ignores nothing inside a code block', () => {
    const text = '```\n<!-- psylint-ignore term/outdated "manic depression" -->\n```\n\n' + DRAFT;
    assert.ok(found(text).includes('term/outdated manic depression'));
  });

  it('accept hides term findings on an accepted wording, and never a claim', () => {
    const f = found(DRAFT, { accept: ['MANIC DEPRESSION', 'cures'] });
    assert.deepEqual(f.filter((x) => ALL.includes(x)), ['claim/overstated cures', 'term/outdated mental retardation']);
  });

  it('writes the directive the engine reads, and none for a wording a comment cannot hold', () => {
    assert.equal(ignoreDirective('term/outdated', 'manic\n depression'), '<!-- psylint-ignore term/outdated "manic depression" -->');
    assert.equal(ignoreDirective('term/outdated', 'a -- b'), undefined);
  });
});

describe('ignore: the edit to the draft', () => {
  /** The draft after applying "Ignore “manic depression” in this file". */
  function ignored(text: string, uri = 'file:///proj/notes.md'): string {
    const doc = TextDocument.create(uri, 'markdown', 1, text);
    const change = ignoreInFile(doc, 'term/outdated', 'manic depression')!.edit!.documentChanges![0] as TextDocumentEdit;
    return TextDocument.applyEdits(doc, change.edits as TextEdit[]);
  }
  const COMMENT = '<!-- psylint-ignore term/outdated "manic depression" -->';

  it('goes after the front matter the engine reads: YAML closed by --- or ..., TOML, with CRLF, or ending the file', () => {
    assert.equal(ignored('---\ntitle: Notes\n---\nBody.\n'), `---\ntitle: Notes\n---\n${COMMENT}\nBody.\n`);
    assert.equal(ignored('---\ntitle: Notes\n...\nBody.\n'), `---\ntitle: Notes\n...\n${COMMENT}\nBody.\n`);
    assert.equal(ignored('+++\ntitle = "Notes"\n+++\nBody.\n'), `+++\ntitle = "Notes"\n+++\n${COMMENT}\nBody.\n`);
    assert.equal(ignored('---\r\ntitle: Notes\r\n---\r\nBody.\r\n'), `---\r\ntitle: Notes\r\n---\r\n${COMMENT}\r\nBody.\r\n`);
    assert.equal(ignored('---\ntitle: Notes\n---'), `---\ntitle: Notes\n---\n${COMMENT}\n`);
  });

  it('goes at the top, after a byte order mark, when there is no front matter', () => {
    assert.equal(ignored('Body.\n'), `${COMMENT}\nBody.\n`);
    assert.equal(ignored('\ufeffBody.\n'), `\ufeff${COMMENT}\nBody.\n`);
    assert.equal(ignored('\ufeff---\ntitle: Notes\n---\nBody.\n'), `\ufeff---\ntitle: Notes\n---\n${COMMENT}\nBody.\n`);
  });
});

describe('accept: configuration', () => {
  const FILE = path.resolve('/proj/.psylint.yaml');

  it('reads accept: as a list of wordings', () => {
    const { config, problems } = parseConfig(FILE, 'accept:\n  - manic depression\n  - "Asperger’s syndrome"\n');
    assert.deepEqual(problems, []);
    assert.deepEqual(config.accept, ['manic depression', 'Asperger’s syndrome']);
  });

  it('reports a bad item at its line and column, and keeps the rest', () => {
    const { config, problems } = parseConfig(FILE, 'rules:\n  term/outdated: error\naccept:\n  - manic depression\n  - 42\n  - "  "\n  - mental retardation\n');
    assert.deepEqual(
      problems.map((p) => [p.line, p.column, p.severity, p.message]),
      [
        [5, 5, 'error', 'accept.1 must be text'],
        [6, 5, 'warning', 'accept.2: an empty wording accepts nothing (ignored)'],
      ],
    );
    assert.deepEqual(config.accept, ['manic depression', 'mental retardation']);
    assert.deepEqual(config.rules, { 'term/outdated': 'error' });
  });

  it('reports accept: that is not a list, and a misspelt key with a suggestion', () => {
    assert.deepEqual(
      parseConfig(FILE, 'accept: manic depression\n').problems.map((p) => [p.line, p.column, p.message]),
      [[1, 9, 'accept must be a list']],
    );
    assert.match(parseConfig(FILE, 'acept:\n  - x\n').problems[0].message, /unknown setting 'acept'; did you mean 'accept'\?/);
  });
});

describe('accept: the edit to .psylint.yaml', () => {
  /** The text after the insertion; checks that only the insertion changed. */
  function added(text: string, wording: string): string | undefined {
    const insertion = acceptInsertion(text, wording);
    if (!insertion) return undefined;
    const result = text.slice(0, insertion.offset) + insertion.text + text.slice(insertion.offset);
    assert.deepEqual(parseDocument(result).errors, [], result);
    return result;
  }

  it('appends to a block list, keeping its indentation and every comment', () => {
    const text = '# Our house style\nrules:\n  term/outdated: error # strict\n\naccept:\n    # terms our journal keeps\n    - manic depression   # 1970s sources\nmaxFileSize: 100000\n';
    assert.equal(
      added(text, 'mental retardation'),
      '# Our house style\nrules:\n  term/outdated: error # strict\n\naccept:\n    # terms our journal keeps\n    - manic depression   # 1970s sources\n    - mental retardation\nmaxFileSize: 100000\n',
    );
  });

  it('adds the key at the end when there is none (and a line break when the file has no last one)', () => {
    assert.equal(added('rules:\n  term/outdated: error # strict', 'manic depression'), 'rules:\n  term/outdated: error # strict\naccept:\n  - manic depression\n');
    assert.equal(added('', 'manic depression'), 'accept:\n  - manic depression\n');
    assert.equal(added('# only a comment\n', 'manic depression'), '# only a comment\naccept:\n  - manic depression\n');
  });

  it('fills an empty accept:, adds to a flow list, keeps CRLF line ends', () => {
    assert.equal(added('accept: # none yet\nrules: {}\n', 'x y'), 'accept: # none yet\n  - x y\nrules: {}\n');
    assert.equal(added('accept: [a, "b"] # two\n', 'c'), 'accept: [a, "b", c] # two\n');
    assert.equal(added('accept: []\n', 'c'), 'accept: [c]\n');
    assert.equal(added('rules: {}\r\naccept:\r\n  - a\r\n', 'b'), 'rules: {}\r\naccept:\r\n  - a\r\n  - b\r\n');
  });

  it('quotes a wording YAML would read otherwise, and reads it back as written', () => {
    const result = added('accept:\n  - a\n', 'yes: no #1')!;
    assert.deepEqual(parseDocument(result).toJSON(), { accept: ['a', 'yes: no #1'] });
  });

  it('refuses a file it cannot edit safely, and a wording already there', () => {
    assert.equal(acceptInsertion('rules: [\n', 'x'), undefined, 'YAML errors');
    assert.equal(acceptInsertion('- a\n', 'x'), undefined, 'not a mapping');
    assert.equal(acceptInsertion('{accept: [a]}\n', 'x'), undefined, 'a flow mapping');
    assert.equal(acceptInsertion('accept: text\n', 'x'), undefined, 'accept is not a list');
    assert.equal(acceptInsertion('accept:\n  - Manic Depression\n', 'manic  depression'), undefined, 'already accepted');
  });
});

describe('accept and ignore: CLI', function () {
  this.timeout(20000);
  after(removeTempDirs);

  it('honours accept: in .psylint.yaml and ignore comments in drafts and notebook cells', async () => {
    const root = tempDir();
    const cell = (source: string) => ({ cell_type: 'markdown', metadata: {}, source: [source] });
    writeFiles(root, {
      '.psylint.yaml': 'rules:\n  claim/overstated: off\n  claim/unsupported: off\naccept:\n  - mental retardation\n',
      'a.md': DRAFT,
      'b.qmd': `---\ntitle: B\n---\n<!-- psylint-ignore term/outdated "manic depression" -->\n\n${DRAFT}`,
      'c.ipynb': JSON.stringify({ cells: [cell(`<!-- psylint-ignore term/outdated "manic depression" -->\n\nAn aunt had manic depression.`), cell('An uncle had manic depression.')], metadata: {}, nbformat: 4, nbformat_minor: 5 }),
    });
    const run = await psylint(root, '--format', 'json', 'a.md', 'b.qmd', 'c.ipynb');
    assert.equal(run.stderr, '');
    const findings = (JSON.parse(run.stdout) as { file: string; ruleId: string; line: number }[]).map((f) => `${f.file}:${f.line} ${f.ruleId}`);
    assert.deepEqual(findings, ['a.md:1 term/outdated', 'a.md:3 term/outdated', 'c.ipynb:cell_2:1 term/outdated']);
    assert.ok(fs.existsSync(path.join(root, 'c.ipynb')));
  });
});
