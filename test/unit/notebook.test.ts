// Jupyter notebooks: Markdown cells are linted, code cells and outputs never;
// --fix changes only the cell sources and keeps the notebook's JSON valid and
// every other byte as it was.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint } from '../../server/src/engine/lint';
import { cellLabel, lintNotebook, readNotebook, replaceCellSources, splitLines } from '../../server/src/notebook';
import type { JsonFinding } from '../../server/src/format';
import { diagnosesGlossary, only, psylint, removeTempDirs, tempDir, writeFiles } from './helpers';

/** Written as Jupyter writes (json.dumps indent=1, ensure_ascii=False, lines as arrays), plus quirks a fix must not touch. */
const NOTEBOOK = `{
 "cells": [
  {
   "cell_type": "markdown",
   "id": "intro",
   "metadata": {},
   "source": [
    "# Family history\\n",
    "\\n",
    "Her uncle was treated for manic depression in the 2010s.\\n",
    "Café notes — \\"quoted\\" and tab\\there."
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 1,
   "id": "code",
   "metadata": {},
   "outputs": [
    {
     "name": "stdout",
     "output_type": "stream",
     "text": [
      "manic depression\\n"
     ]
    }
   ],
   "source": [
    "label = \\"manic depression\\"  # caf\\u00e9\\n",
    "print(label)"
   ]
  },
  {
   "cell_type": "raw",
   "metadata": {},
   "source": "manic depression in a raw cell"
  },
  {
   "cell_type": "markdown",
   "metadata": {"tags": []},
   "source": "One line: manic depression again."
  }
 ],
 "metadata": {
  "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
  "note": "manic depression in metadata"
 },
 "nbformat": 4,
 "nbformat_minor": 5
}
`;

const CONFIG = `rules: ${JSON.stringify(only('term/outdated'))}\n`;

function lintCell(source: string) {
  return lint(source, { glossary: diagnosesGlossary(), rules: only('term/outdated'), language: 'cell.md' });
}

describe('Jupyter notebooks', function () {
  this.timeout(20000);
  after(removeTempDirs);

  describe('readNotebook', () => {
    it('returns the Markdown cells only, with their position among all cells and their joined source', () => {
      const read = readNotebook(NOTEBOOK);
      assert.ok(!('problem' in read));
      assert.deepEqual(
        read.cells.map((c) => [c.index, c.span.kind, c.source]),
        [
          [0, 'array', '# Family history\n\nHer uncle was treated for manic depression in the 2010s.\nCafé notes — "quoted" and tab\there.'],
          [3, 'string', 'One line: manic depression again.'],
        ],
      );
    });

    it('says why a file is not a notebook, without throwing', () => {
      assert.match((readNotebook('{"cells": [') as { problem: string }).problem, /^not a valid notebook: /);
      assert.equal((readNotebook('{"nbformat": 4}') as { problem: string }).problem, 'not a valid notebook: no "cells" list');
      assert.equal((readNotebook('[]') as { problem: string }).problem, 'not a valid notebook: no "cells" list');
      assert.deepEqual(readNotebook('{"cells": []}'), { cells: [] });
    });

    it('follows JSON.parse on duplicate keys (the last wins) and skips malformed cells', () => {
      const text = '{"cells": [{"cell_type": "code", "cell_type": "markdown", "source": ["a\\n", "b"]}, 7, {"cell_type": "markdown", "source": [1]}], "cells_x": 1}';
      const read = readNotebook(text);
      assert.ok(!('problem' in read));
      assert.deepEqual(read.cells.map((c) => [c.index, c.source]), [[0, 'a\nb']]);
    });

    it('scans deeply nested outputs without overflowing the stack', () => {
      const deep = '['.repeat(20000) + ']'.repeat(20000);
      const read = readNotebook(`{"cells": [{"cell_type": "code", "outputs": ${deep}, "source": ""}, {"cell_type": "markdown", "source": "x"}]}`);
      assert.ok(!('problem' in read));
      assert.deepEqual(read.cells.map((c) => c.index), [1]);
    });
  });

  describe('lintNotebook', () => {
    it('finds terms in Markdown cells only, with lines counted within the cell', () => {
      const result = lintNotebook(NOTEBOOK, lintCell);
      assert.ok(!('problem' in result));
      const found = result.cells.flatMap((c) =>
        c.findings.map((f) => {
          const before = c.source.slice(0, f.start).split('\n');
          return [cellLabel('nb.ipynb', c.cell), before.length, before[before.length - 1].length + 1, c.source.slice(f.start, f.end)];
        }),
      );
      assert.deepEqual(found, [
        ['nb.ipynb:cell_1', 3, 27, 'manic depression'],
        ['nb.ipynb:cell_4', 1, 11, 'manic depression'],
      ]);
      assert.equal(result.fixedText, undefined);
    });

    it('--fix rewrites only the changed source strings: valid JSON, every other byte kept', () => {
      const result = lintNotebook(NOTEBOOK, lintCell, true);
      assert.ok(!('problem' in result) && result.fixedText);
      const expected = NOTEBOOK.replace(
        '"Her uncle was treated for manic depression in the 2010s.\\n"',
        '"Her uncle was treated for bipolar disorder in the 2010s.\\n"',
      ).replace('"One line: manic depression again."', '"One line: bipolar disorder again."');
      assert.equal(result.fixedText, expected);
      const before = JSON.parse(NOTEBOOK) as { cells: { source: string | string[] }[] };
      const after = JSON.parse(result.fixedText) as typeof before;
      assert.deepEqual(after.cells[1], before.cells[1], 'the code cell and its outputs are untouched');
      assert.deepEqual(after.cells[2], before.cells[2], 'the raw cell is untouched');
      assert.deepEqual(result.cells.map((c) => c.findings.length), [0, 0], 'the findings are those of the fixed cells');
    });

    it('returns no new text when nothing can be fixed', () => {
      const clean = NOTEBOOK.replace(/manic depression/g, 'bipolar disorder');
      const result = lintNotebook(clean, lintCell, true);
      assert.ok(!('problem' in result));
      assert.equal(result.fixedText, undefined);
    });
  });

  describe('replaceCellSources', () => {
    it('rewrites an array source whose line count changed with the array\'s own separators', () => {
      const read = readNotebook(NOTEBOOK);
      assert.ok(!('problem' in read));
      const out = replaceCellSources(NOTEBOOK, [{ cell: read.cells[0], source: 'One\nTwo\nThree\nFour\nFive' }]);
      assert.ok(out.includes('"source": [\n    "One\\n",\n    "Two\\n",\n    "Three\\n",\n    "Four\\n",\n    "Five"\n   ]'));
      assert.equal((JSON.parse(out) as { cells: { source: string[] }[] }).cells[0].source.join(''), 'One\nTwo\nThree\nFour\nFive');
      assert.equal(out.slice(out.indexOf('"cell_type": "code"')), NOTEBOOK.slice(NOTEBOOK.indexOf('"cell_type": "code"')));
    });

    it('splits lines as nbformat does', () => {
      assert.deepEqual(splitLines(''), []);
      assert.deepEqual(splitLines('a'), ['a']);
      assert.deepEqual(splitLines('a\n'), ['a\n']);
      assert.deepEqual(splitLines('a\r\nb\n\nc'), ['a\r\n', 'b\n', '\n', 'c']);
    });
  });

  describe('psylint CLI on notebooks', () => {
    it('names the cell and the line within it, and walks directories for .ipynb', async () => {
      const root = tempDir();
      writeFiles(root, { '.psylint.yaml': CONFIG, 'notes/nb.ipynb': NOTEBOOK, 'notes/clean.ipynb': '{"cells": []}' });
      const run = await psylint(root, '--format', 'json', 'notes');
      assert.equal(run.code, 1, run.stderr);
      const findings = JSON.parse(run.stdout) as JsonFinding[];
      assert.deepEqual(findings.map((f) => [f.file, f.line, f.column, f.ruleId]), [
        ['notes/nb.ipynb:cell_1', 3, 27, 'term/outdated'],
        ['notes/nb.ipynb:cell_4', 1, 11, 'term/outdated'],
      ]);
      const stylish = await psylint(root, 'notes/nb.ipynb');
      assert.match(stylish.stdout, /^notes\/nb\.ipynb:cell_1\n\s+3:27\s+warning/m);
    });

    it('--fix writes the notebook, which stays valid and loses nothing else', async () => {
      const root = tempDir();
      writeFiles(root, { '.psylint.yaml': CONFIG, 'nb.ipynb': NOTEBOOK });
      const run = await psylint(root, '--fix', 'nb.ipynb');
      assert.equal(run.code, 0, run.stdout + run.stderr);
      const text = fs.readFileSync(path.join(root, 'nb.ipynb'), 'utf8');
      assert.equal(text, NOTEBOOK.replace('for manic depression in', 'for bipolar disorder in').replace('One line: manic depression', 'One line: bipolar disorder'));
      JSON.parse(text);
    });

    it('reports a broken notebook as an input error naming the file', async () => {
      const root = tempDir();
      writeFiles(root, { '.psylint.yaml': CONFIG, 'bad.ipynb': '{"cells": [' });
      const run = await psylint(root, 'bad.ipynb');
      assert.equal(run.code, 2);
      assert.match(run.stderr, /^psylint: bad\.ipynb: not a valid notebook: /);
    });
  });
});
