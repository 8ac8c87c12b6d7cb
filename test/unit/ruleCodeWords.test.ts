// No clinical word in rule code: the rules know English frames, and which
// terms are involved comes from the glossary and data/. This reads the rule
// modules (server/src/engine/rules/**, server/src/engine/claims/** but the
// generated languageData.ts) with comments blanked, and matches the code and
// its strings against every glossary term and alias, with the engine's own
// matcher (inflections, case rules for abbreviations).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TermMatch } from '../../server/src/glossary/termIndex';
import { bundledGlossaryFiles, GlossaryStore } from '../../server/src/glossary/files';
import { LineIndex } from '../../server/src/engine/text';
import { parseDocument } from './parseDocument';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const RULE_CODE = ['server/src/engine/rules', 'server/src/engine/claims'];
const GENERATED = new Set(['server/src/engine/claims/languageData.ts']);
const glossary = new GlossaryStore().build(bundledGlossaryFiles()).glossary;

/** The source with comments replaced by spaces (offsets kept); strings and regular expressions stay. */
function withoutComments(source: string): string {
  const blank = (m: string) => m.replace(/[^\n]/g, ' ');
  // Strings and regular expressions are matched first so a "//" inside one is not taken for a comment.
  return source.replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`|\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (m) => (m.startsWith('/') ? blank(m) : m));
}

/** Glossary terms in a text, as "line: term (entry)". */
function glossaryWordsIn(text: string): string[] {
  const doc = parseDocument(text, 'plaintext');
  const lines = new LineIndex(text);
  const found: string[] = [];
  for (const block of doc.blocks) {
    for (const sentence of block.sentences) {
      const matches: TermMatch[] = glossary.index.matchSentence(block, sentence);
      for (const m of matches) found.push(`${lines.position(m.start).line}: ${text.slice(m.start, m.end)} (${m.entryIds.join(', ')})`);
    }
  }
  return found;
}

function ruleModules(): string[] {
  return RULE_CODE.flatMap((dir) => fs.readdirSync(path.join(ROOT, dir), { recursive: true }).map((f) => path.join(dir, String(f))))
    .filter((f) => f.endsWith('.ts') && !GENERATED.has(f.split(path.sep).join('/')));
}

describe('rule code names no clinical word', () => {
  it('finds glossary words in code and strings, not in comments (the check itself works)', () => {
    const code = "const x = /psychotherapy|hypnosis/; // schizophrenia\n/* mania */ if (w === 'DID' || w === 'did') y('a http://x.org//z');";
    assert.deepEqual(glossaryWordsIn(withoutComments(code)), ['1: psychotherapy (psychotherapy)', '1: hypnosis (hypnosis)', '2: DID (dissociative-identity-disorder)']);
  });

  for (const file of ruleModules()) {
    it(file, () => {
      const words = glossaryWordsIn(withoutComments(fs.readFileSync(path.join(ROOT, file), 'utf8')));
      assert.deepEqual(words, [], `${file} names glossary terms; move them to data/ or the glossary`);
    });
  }
});
