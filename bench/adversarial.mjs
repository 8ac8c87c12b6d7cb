// Adversarial documents for `npm run bench` (the same kinds test/unit/adversarial.test.ts
// bounds generously): each is linted by Psylint alone and reported with its cost per
// character next to ordinary prose's, so a superlinear case stands out.

import fs from 'node:fs';
import path from 'node:path';

const SENTENCE = 'Her aunt had manic depression, her therapist said.';

/** [name, build(corpus100k, corpus1M)] in the order they are reported. */
const DOCUMENTS = [
  ['10 MB draft (the 1M corpus, then the 100k corpus twice)', (c100k, c1M) => c1M + '\n\n' + c100k + '\n\n' + c100k],
  ['a single 1 MB line of prose', (c100k) => c100k.replace(/\s+/g, ' ').slice(0, 1_000_000)],
  ['10,000 nested list items', () => '- '.repeat(10_000) + SENTENCE + '\n'],
  ['10,000 nested block quotes', () => '> '.repeat(10_000) + SENTENCE + '\n'],
  ['100,000 glossary-term occurrences, one per paragraph', () => `${SENTENCE}\n\n`.repeat(100_000)],
  ['"(Smith, 2010; " × 10,000 (an unclosed citation list)', () => SENTENCE + ' (Smith, 2010; '.repeat(10_000) + '\n'],
  ['"[" × 200,000', () => '['.repeat(200_000) + '\n\n' + SENTENCE + '\n'],
  ['"*_" × 16,000 (emphasis markers)', () => '*_'.repeat(16_000) + '\n\n' + SENTENCE + '\n'],
  ['1,000,000 spaces, then a sentence', () => ' '.repeat(1_000_000) + SENTENCE + '\n'],
  ['"research shows " × 10,000', () => 'research shows '.repeat(10_000) + SENTENCE + '\n'],
];

/** Writes the documents into `dir` and returns [{ name, file, chars }]. */
export function writeAdversarial(dir, corpusFiles) {
  fs.mkdirSync(dir, { recursive: true });
  const c100k = fs.readFileSync(corpusFiles['100k'], 'utf8');
  const c1M = fs.readFileSync(corpusFiles['1M'], 'utf8');
  return DOCUMENTS.map(([name, build], i) => {
    const text = build(c100k, c1M);
    const file = path.join(dir, `adversarial-${i + 1}.md`);
    fs.writeFileSync(file, text);
    return { name, file, chars: text.length };
  });
}
