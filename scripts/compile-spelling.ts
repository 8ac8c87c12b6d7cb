// Build step: compile data/spelling.yaml (US and UK spellings, one pair a
// line), check its invariants, and write server/src/engine/spellingData.ts.
// A file with problems fails the build, each problem named with its
// file:line:column.
//
//   node out/scripts/compile-spelling.js [--check]
// --check writes nothing and exits 1 when the generated file is stale.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { writeGenerated } from './generatedFiles';

const ROOT = path.resolve(__dirname, '..', '..');
export const SOURCE = path.join(ROOT, 'data', 'spelling.yaml');
export const GENERATED = path.join(ROOT, 'server', 'src', 'engine', 'spellingData.ts');

/** [US, UK] pairs, or the problems that refuse the file. */
export function compileSpelling(text: string, shownAs = path.relative(ROOT, SOURCE)): { pairs?: [string, string][]; problems: string[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  const at = (offset: number | undefined, message: string) => {
    const pos = lines.linePos(offset ?? 0);
    return `${shownAs}:${pos.line}:${pos.col}: ${message}`;
  };
  const problems = doc.errors.map((e) => at(e.pos[0], e.message));
  if (problems.length) return { problems };
  const map = isMap(doc.contents) ? doc.contents.get('pairs', true) : undefined;
  if (!isMap(map)) return { problems: [at(0, 'expected `pairs:`, a map of US spelling: UK spelling')] };
  const pairs: [string, string][] = [];
  const us = new Map<string, number>();
  const uk = new Map<string, number>();
  for (const item of map.items) {
    const offset = (item.key as { range?: number[] })?.range?.[0];
    if (!isScalar(item.key) || !isScalar(item.value) || typeof item.key.value !== 'string' || typeof item.value.value !== 'string') {
      problems.push(at(offset, 'each pair is a word: a word'));
      continue;
    }
    const [a, b] = [item.key.value, item.value.value];
    const bad = [a, b].find((w) => !/^\p{Ll}+$/u.test(w));
    if (bad !== undefined) problems.push(at(offset, `'${bad}' is not one lower-case word`));
    else if (a === b) problems.push(at(offset, `'${a}' is spelled the same in both columns`));
    else if (us.has(a)) problems.push(at(offset, `'${a}' is listed twice (first on line ${us.get(a)})`));
    else if (uk.has(b)) problems.push(at(offset, `'${b}' is the UK spelling of two words (first on line ${uk.get(b)})`));
    else if (uk.has(a) || us.has(b)) problems.push(at(offset, `'${uk.has(a) ? a : b}' is in both columns`));
    else {
      const line = lines.linePos(offset ?? 0).line;
      us.set(a, line);
      uk.set(b, line);
      pairs.push([a, b]);
    }
  }
  return problems.length ? { problems } : { pairs, problems };
}

export function generatedModule(pairs: [string, string][]): string {
  return [
    '// Generated from data/spelling.yaml by scripts/compile-spelling.ts: do not edit.',
    '/** [US, UK] spelling pairs, checked: no duplicates, no word in both columns, each pair differs. */',
    `export const SPELLING_PAIRS: readonly (readonly [string, string])[] = ${JSON.stringify(pairs)};`,
    '',
  ].join('\n');
}

if (require.main === module) {
  const { pairs, problems } = compileSpelling(fs.readFileSync(SOURCE, 'utf8'));
  if (!pairs) {
    for (const p of problems) console.error(p);
    process.exit(1);
  }
  writeGenerated([[GENERATED, generatedModule(pairs)]], ROOT);
}
