// `--fix` over the real-world dev set (../shared/realworld/, when present) changes
// no proper name. The texts are read in place, never copied into the project.
// The check is independent of the linter's own proper-name reading: a safe edit
// must not replace capitalised words that stand next to another capitalised word
// inside the same run of words (an organisation, journal or title).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { selectFixes } from '../../server/src/engine/fixes';
import { lint } from '../../server/src/engine/lint';
import { bundledGlossaryFiles, GlossaryStore } from '../../server/src/glossary/files';

const REALWORLD = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'realworld');

/** The edited words are capitalised mid-sentence and a capitalised word stands right next to them. */
function editsAName(text: string, start: number, end: number): boolean {
  const original = text.slice(start, end);
  if (!/^\p{Lu}/u.test(original)) return false;
  const before = text.slice(Math.max(0, start - 40), start);
  const after = text.slice(end, end + 40);
  const sentenceStart = /(?:^|[.!?:]\s+|\n\s*(?:[-*+]|\d+[.)])?\s*|["“(]\s*)$/.test(before);
  // Within one line: a name does not run across a line break.
  const previous = /(\p{Lu}[\p{L}'’]*)(?:[ \t]+(?:of|on|for|the|and|in|to))?[ \t]+$/u.exec(before);
  const next = /^[ \t]+(?:(?:of|on|for|the|and|in|to)[ \t]+)?\p{Lu}\p{Ll}/u.test(after);
  return (!!previous && !sentenceStart) || next;
}

describe('--fix on the real-world dev set', function () {
  this.timeout(120_000);
  const files = fs.existsSync(REALWORLD) ? fs.readdirSync(REALWORLD).filter((f) => /^\d\d-.*\.md$/.test(f)) : [];
  if (files.length === 0) {
    it.skip('../shared/realworld/ is not present');
    return;
  }
  const glossary = new GlossaryStore().build(bundledGlossaryFiles()).glossary;

  it('changes no proper name', () => {
    const touched: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(path.join(REALWORLD, file), 'utf8');
      for (const fix of selectFixes(lint(text, { glossary, language: file }).findings, { onlySafe: true })) {
        for (const e of fix.edits) if (editsAName(text, e.start, e.end)) touched.push(`${file}: ${text.slice(e.start, e.end)} -> ${e.text}`);
      }
    }
    assert.deepEqual(touched, []);
  });

  it('the check itself sees a name', () => {
    const text = 'Funded by the National Institute on Drug Abuse last year.';
    const start = text.indexOf('Drug Abuse');
    assert.equal(editsAName(text, start, start + 'Drug Abuse'.length), true);
    assert.equal(editsAName('Drug abuse is common.', 0, 10), false);
  });
});
