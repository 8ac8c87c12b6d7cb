// Property and fuzz tests of the engine: arbitrary and mutated Markdown,
// exotic Unicode and mixed line endings in; well-formed findings and fixes,
// and the same answer every time, out.
// Over 400 lines: one property per case, sharing the generators at the top.
//
// `npm test` runs PSYLINT_FUZZ_RUNS cases per property (default 100);
// `npm run fuzz` runs 20,000. A failure prints fast-check's seed and path;
// replay it with PSYLINT_FUZZ_SEED=<seed> PSYLINT_FUZZ_PATH=<path>.
// Tests marked `it.skip` with a `// BUG:` comment document a defect found by
// the test; un-skip them once the engine is fixed.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyEdits, editsOf, selectFixes } from '../../server/src/engine/fixes';
import { lint, LintCache, type LintResult } from '../../server/src/engine/lint';
import { parseDocument } from './parseDocument';
import { retextSentences, sentenceSpans } from '../../server/src/engine/parse/sentences';
import { tokenize, WORD } from '../../server/src/engine/parse/tokens';
import { documentKind } from '../../server/src/engine/parse/types';
import { RULE_IDS } from '../../server/src/engine/rules';
import { LineIndex } from '../../server/src/engine/text';
import { SEVERITIES, type Finding, type TextEdit } from '../../server/src/engine/types';
import { bundledGlossaryFiles, GlossaryStore } from '../../server/src/glossary/files';

const glossary = new GlossaryStore().build(bundledGlossaryFiles()).glossary;

const RUNS = Math.max(1, Number(process.env.PSYLINT_FUZZ_RUNS ?? 100) || 100);

/** fast-check parameters: the run count from the environment, and a seed and path to replay a failure. */
/** A property over generated documents proves nothing if no document had a finding (or fix): with enough runs, each count must be positive. */
function assertNotVacuous(counts: Record<string, number>): void {
  if (RUNS < 50) return;
  for (const [what, n] of Object.entries(counts)) assert.ok(n > 0, `${RUNS} generated documents gave no ${what}: the property is vacuous`);
}

function params<T>(): fc.Parameters<T> {
  const p: fc.Parameters<T> = { numRuns: RUNS };
  if (process.env.PSYLINT_FUZZ_SEED) p.seed = Number(process.env.PSYLINT_FUZZ_SEED);
  if (process.env.PSYLINT_FUZZ_PATH) p.path = process.env.PSYLINT_FUZZ_PATH;
  return p;
}

let documentsLinted = 0;
function lintText(text: string, language: string | undefined, cache?: LintCache): LintResult {
  documentsLinted++;
  return lint(text, { glossary, language, cache });
}

// --- Generators -----------------------------------------------------------------

/** Psychology sentences that contain glossary terms, claims, evidence frames and citations. */
const SENTENCES = [
  'Her aunt had manic depression.',
  'The chart said MPD and hypochondriasis.',
  'He was told as a child that he had mental retardation.',
  "A cousin was diagnosed with Asperger's syndrome in 2005.",
  'Research shows that psychodynamic therapy cures depression.',
  'Studies have found that mindfulness is clinically proven to work.',
  'Psychodynamic (or psychoanalytic) therapy looks at patterns from earlier relationships.',
  'Psychodynamic therapy, also known as psychoanalytic therapy, is offered weekly.',
  'Interpersonal therapy is a form of psychodynamic therapy.',
  'Types of psychodynamic therapy include interpersonal therapy and mentalization-based treatment.',
  'In free association, the therapist reads a list of words and the client answers with the first word that comes to mind.',
  'Her brother committed suicide last year.',
  'Many people who suffer from depression feel better after twelve sessions.',
  'Depression is caused by a chemical imbalance.',
  'There is scientific proof that talking therapy works.',
  'CBT reduces panic attacks (Clark, 1999).',
  'EMDR completely eliminates PTSD [@shapiro2001].',
  'Group therapy improves mood.[^1]',
  'Therapy always works for everyone [1].',
  'Experts agree that early help matters.',
  'According to the American Psychological Association, therapy helps.',
  'A meta-analysis of 33 studies found large effects.',
  'Exposure therapy may help some people with OCD.',
  'Is psychoanalysis the same as psychodynamic therapy?',
  'The participants completed a short questionnaire about their sleep.',
  'Shedler (2010) reported lasting benefits of psychodynamic therapy.',
  '@shedler2010 found that therapy works.',
  'He is a schizophrenic, the report said.',
  'She was so OCD about her desk.',
  'The new treatment is guaranteed to cure anxiety.',
];

/** Inline Markdown placed between sentences: code, links, images, notes, citations, emphasis, HTML, quotes. */
const INLINE = [
  '`manic depression`',
  '[manic depression](https://doi.org/10.1000/xyz)',
  '[a source](https://pubmed.ncbi.nlm.nih.gov/123/)',
  '<https://example.com/manic-depression>',
  '![manic depression](figure.png)',
  '[^1]',
  '[^missing]',
  '[@shedler2010]',
  '[see @a; @b, p. 3]',
  '(Shedler, 2010)',
  '(Leichsenring et al., 2015; Abbass, 2014)',
  '[1, 2]',
  '<sup>3</sup>',
  '**cures**',
  '_proven_',
  '~~manic depression~~',
  '"he committed suicide"',
  '“so OCD”',
  '<span>MPD</span>',
  '$x^2$',
  '\\*not emphasis\\*',
  '&amp; &#x1F600;',
  'research shows',
  'manic depression',
];

/** Text that is hard on a parser and on offsets: astral characters, combining marks, RTL, invisible characters, lone surrogates. */
const EXOTIC = [
  '😀', '👩‍⚕️', '🇺🇸', '𝔐𝔞𝔫𝔦𝔠', 'e\u0301', '\u0301', '\u0308\u0308', 'ñ', 'İ', 'ß', 'ﬁ', 'Ⅻ', 'ＭＰＤ',
  'שלום', 'مرحبا', '\u202e', '\u202d', '\u200f', '\u200e', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff',
  '\ud800', '\udfff', '\udc00x', 'a\ud83d', '\ude00b', '\u00a0', '\u2028', '\u2029', '\u0085', '\t', '\0', '\u0007', '\u001b[31m',
  '’', '“', '”', '"', "'", '—', '–', '…', '\\', '`', '*', '_', '[', ']', '(', ')', '<', '>', '#', '|', '$', '@', '^', '~', ':', '-', '!', '&', '{', '}',
];

const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const markdownChar = fc.constantFrom(...'#*_`[]()<>!|-+=~:\\@^$"\'\n\r\t '.split(''), 'a', 'manic', 'depression', 'cures', '---', '```', '<!--', '-->');

/** A short run of random Unicode, including lone surrogates and characters that are not well-formed text. */
const unicodeChunk = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...EXOTIC) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 2, arbitrary: fc.string({ unit: codeUnit, maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
);

const sentence = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...SENTENCES) }, { weight: 1, arbitrary: fc.constantFrom(...INLINE) });
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(' '));

const DIRECTIVES = [
  '<!-- psylint-disable -->',
  '<!-- psylint-enable -->',
  '<!-- psylint-disable term/outdated -->',
  '<!-- psylint-enable term/outdated -->',
  '<!-- psylint-disable claim -->',
  '<!-- psylint-disable-next-line -->',
  '<!-- psylint-disable-next-line term/outdated, claim/unsupported -->',
  '<!-- psylint-disable-line -->',
  '<!-- psylint-disable term/* -->',
  '<!-- psylint-disable-next-line no/such-rule -->',
  '<!-- psylint-disable',
];

/** One Markdown block built around prose. */
const block: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: paragraph },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 7 }), paragraph).map(([depth, p]) => `${'#'.repeat(depth)} ${p}`) },
  { weight: 1, arbitrary: fc.tuple(paragraph, fc.constantFrom('===', '---')).map(([p, u]) => `${p}\n${u}`) },
  { weight: 1, arbitrary: fc.constantFrom('## Types of psychodynamic therapy', '## References', '# Does it work?', '### Interpersonal therapy', '## Bibliography') },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.constantFrom('- ', '* ', '+ ', '1. ', '2) ', '- [ ] '), paragraph), { minLength: 1, maxLength: 6 })
      .map((items) => items.map(([depth, marker, p]) => `${'  '.repeat(depth)}${marker}${p}`).join('\n')),
  },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 4 }), paragraph).map(([depth, p]) => `${'> '.repeat(depth)}${p}\n> ${p}`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('```', '~~~', '````'), fc.constantFrom('', 'r', '{r}', 'python'), paragraph).map(([f, lang, p]) => `${f}${lang}\n${p}\n${f}`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('```', '~~~'), paragraph).map(([f, p]) => `${f}\n${p}`) },
  { weight: 1, arbitrary: paragraph.map((p) => `    ${p}`) },
  { weight: 1, arbitrary: fc.tuple(paragraph, paragraph).map(([a, b]) => `| Term | Note |\n|---|:---:|\n| ${a} | ${b} |\n| x | ${a}`) },
  { weight: 1, arbitrary: paragraph.map((p) => `<!-- ${p} -->`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...DIRECTIVES), paragraph).map(([d, p]) => `${d}\n${p}`) },
  { weight: 1, arbitrary: paragraph.map((p) => `[^1]: ${p}`) },
  { weight: 1, arbitrary: fc.constant('[ref]: https://doi.org/10.1037/a0018378 "Shedler"') },
  { weight: 1, arbitrary: paragraph.map((p) => `$$\n${p}\n$$`) },
  { weight: 1, arbitrary: paragraph.map((p) => `<div class="note">\n${p}\n</div>`) },
  { weight: 1, arbitrary: fc.constantFrom('---', '***', '___', '<br>', '\\', '') },
);

const FRONT_MATTER = [
  '---\ntitle: "Chapter 2"\nbibliography: references.bib\n---\n',
  '---\ntitle: manic depression\n---\n',
  '+++\ntitle = "toml"\n+++\n',
  '---\nunclosed: front matter\n',
  '---\n---\n',
];
const SEPARATORS = ['\n\n', '\n', '\n\n\n', ' \n\n', '\n\n    \n'];

/** A Markdown document as a list of chunks (front matter first, when there is any). */
const markdownChunks = fc
  .tuple(fc.option(fc.constantFrom(...FRONT_MATTER), { nil: undefined }), fc.array(fc.tuple(block, fc.constantFrom(...SEPARATORS)), { minLength: 0, maxLength: 16 }))
  .map(([front, blocks]) => [...(front ? [front] : []), ...blocks.map(([b, sep]) => b + sep)]);

type ChunkMutation = { op: 'delete' | 'duplicate'; i: number } | { op: 'swap'; i: number; j: number };
type TextMutation = { op: 'insert'; at: number; text: string } | { op: 'remove'; at: number; length: number } | { op: 'copy'; at: number; length: number; to: number };

const chunkMutation: fc.Arbitrary<ChunkMutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('delete' as const, 'duplicate' as const), i: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), i: fc.nat(), j: fc.nat() }),
);
const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: unicodeChunk }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('remove' as const), at: fc.nat(), length: fc.nat({ max: 30 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('copy' as const), at: fc.nat(), length: fc.nat({ max: 60 }), to: fc.nat() }) },
);

type LineEnding = 'lf' | 'crlf' | 'cr' | 'mixed';

function mutateChunks(chunks: string[], mutations: ChunkMutation[]): string[] {
  const out = [...chunks];
  for (const m of mutations) {
    if (out.length === 0) break;
    const i = m.i % out.length;
    if (m.op === 'delete') out.splice(i, 1);
    else if (m.op === 'duplicate') out.splice(i, 0, out[i]);
    else if (m.op === 'swap') {
      const j = m.j % out.length;
      [out[i], out[j]] = [out[j], out[i]];
    }
  }
  return out;
}

function mutateText(text: string, mutations: TextMutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = m.at % (out.length + 1);
    if (m.op === 'insert') out = out.slice(0, at) + m.text + out.slice(at);
    else if (m.op === 'remove') out = out.slice(0, at) + out.slice(at + m.length);
    else {
      const piece = out.slice(at, at + m.length);
      const to = m.to % (out.length + 1);
      out = out.slice(0, to) + piece + out.slice(to);
    }
  }
  return out;
}

function withLineEndings(text: string, ending: LineEnding, choices: number[]): string {
  if (ending === 'lf') return text;
  let k = 0;
  return text.replace(/\n/g, () => {
    if (ending === 'crlf') return '\r\n';
    if (ending === 'cr') return '\r';
    return ['\n', '\r\n', '\r'][choices.length ? choices[k++ % choices.length] % 3 : 0];
  });
}

/** Markdown built from fragments and psychology sentences, then mutated: chunks deleted, duplicated and swapped, Unicode inserted, line endings mixed, a BOM. */
const mutatedMarkdown = fc
  .record({
    chunks: markdownChunks,
    chunkMutations: fc.array(chunkMutation, { maxLength: 4 }),
    textMutations: fc.array(textMutation, { maxLength: 6 }),
    ending: fc.constantFrom<LineEnding>('lf', 'lf', 'crlf', 'cr', 'mixed'),
    endingChoices: fc.array(fc.nat({ max: 2 }), { maxLength: 8 }),
    bom: fc.boolean(),
  })
  .map(({ chunks, chunkMutations, textMutations, ending, endingChoices, bom }) => {
    const text = withLineEndings(mutateText(mutateChunks(chunks, chunkMutations).join(''), textMutations), ending, endingChoices);
    return (bom ? '\ufeff' : '') + text;
  });

/** Anything at all: random code units (lone surrogates included), random code points, Markdown punctuation soup. */
const arbitraryText = fc.oneof(
  fc.string({ unit: codeUnit, maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.array(markdownChar, { maxLength: 200 }).map((parts) => parts.join('')),
  fc.array(fc.oneof(unicodeChunk, fc.constantFrom(...SENTENCES)), { maxLength: 20 }).map((parts) => parts.join(' ')),
);

const documentText = fc.oneof({ weight: 5, arbitrary: mutatedMarkdown }, { weight: 2, arbitrary: arbitraryText });
const language = fc.constantFrom(undefined, 'markdown', 'x.md', 'quarto', 'x.qmd', 'x.Rmd', 'mdx', 'x.mdx', 'plaintext', 'x.txt');

// --- Checks -----------------------------------------------------------------------

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
/** An offset that does not fall between the two halves of a surrogate pair. */
function onCodePointBoundary(text: string, offset: number): boolean {
  return offset <= 0 || offset >= text.length || !(isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset)));
}

function checkRange(text: string, r: { start: number; end: number }, what: string): void {
  assert.ok(Number.isInteger(r.start) && Number.isInteger(r.end), `${what}: offsets must be integers (${r.start}-${r.end})`);
  assert.ok(r.start >= 0 && r.start <= r.end && r.end <= text.length, `${what}: ${r.start}-${r.end} is outside 0-${text.length} or reversed`);
  assert.ok(onCodePointBoundary(text, r.start), `${what}: start ${r.start} splits a surrogate pair`);
  assert.ok(onCodePointBoundary(text, r.end), `${what}: end ${r.end} splits a surrogate pair`);
}

function describeFinding(f: Finding): string {
  return `${f.ruleId} ${f.start}-${f.end}`;
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end;
}

/** Where an offset of the old text lands after edits: inside a replaced range, at the start of its replacement. */
function mapOffset(offset: number, edits: readonly TextEdit[]): number {
  let delta = 0;
  for (const e of edits) {
    if (e.end <= offset && !(e.start === e.end && e.start === offset)) delta += e.text.length - (e.end - e.start);
    else if (e.start <= offset && offset < e.end) return e.start + delta;
  }
  return offset + delta;
}

/** Line breaks as LineIndex documents them: LF, CRLF or a lone CR. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') starts.push(i + 1);
    else if (text[i] === '\r') {
      if (text[i + 1] === '\n') i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

// --- Properties -------------------------------------------------------------------

/** Pieces that make plain sentence ends ("word. Therapy") and the abbreviations retext reads on from. */
const PLAIN_END_PIECES = ['. ', '? ', '! ', ' etc', ' al', 'vs', 'approx', ' no', 'I', 'A', 'The', 'Xy', 'i'];

describe('engine robustness (property-based)', function () {
  this.timeout(0);
  after(() => {
    if (process.env.PSYLINT_FUZZ_RUNS) console.log(`      fuzz: ${RUNS} runs per property, ${documentsLinted} documents linted`);
  });

  it('plain sentence ends and the one-sentence shortcut find the same sentences as retext-english', () => {
    // Pieces chosen to break a naive shortcut: every sentence-ending mark, closing quotes and brackets after one,
    // blank and whitespace-only lines, no-break and zero-width spaces, an emoji and a combining accent.
    const piece = fc.constantFrom('word', 'Therapy', ' ', '  ', '\t', '\n', '\n  \n', '\u00a0', '\u200b', '\u2028', '.', '?', '!', '…', '‽', '⸮', '"', '”', "'", '’', ')', ']', '(', '*', '_', '-', ',', ';', ':', '3', 'e\u0301', '😀', 'Dr.', 'e.g.', ...PLAIN_END_PIECES);
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join('')), (prose) => {
        assert.deepEqual(sentenceSpans(prose), retextSentences(prose));
      }),
      params(),
    );
  });

  it('sentences of plain prose with abbreviations, initials and numbers are the ones retext-english finds', () => {
    // Mostly plain sentence ends ("word. Next"), mixed with the words before a full stop retext reads on from.
    const word = fc.constantFrom('therapy', 'helps', 'the', 'a', 'i', 'x', 'etc', 'al', 'vs', 'approx', 'no', 'fig', 'cf', 'ca', 'mr', 'dr', 'ibid', 'seq', 'jan', 'sept', 'e.g', 'i.e', 'p', 'pp', 'ed', 'eds', 'vol', 'ch', 'st', 'J', 'US', 'U.S', '3', '12', '2019', '(2019)', '(Smith', '2019)', '(e.g', 'CBT)', 'etc)', '(p', '[3]', 'x2', 'No', 'A');
    const next = fc.constantFrom('Therapy', 'The', 'It', 'I', 'A', 'Smith', 'MRI', 'Dr', 'Fig', 'Xx', 'ABC', 'Étude', 'therapy', '2', '(The', '"The', ')', 'A)', 'AB', 'I.');
    const mark = fc.constantFrom('.', '?', '!', '. ', '.  ', '.\n', '..', '...', '.)', '."', '', ',', ').', '.).', ' .', '?)', '!!');
    const sentence = fc.tuple(next, fc.array(word, { maxLength: 4 }), mark).map(([n, ws, m]) => [n, ...ws].join(' ') + m);
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 8 }).map((xs) => xs.join(' ')), (prose) => {
        assert.deepEqual(sentenceSpans(prose), retextSentences(prose));
      }),
      params(),
    );
  });

  it('word tokens are the words WORD finds, read on their own or cut at a sentence end', () => {
    // ASCII words are read without the regular expression: pieces that end such a word in every way it can end.
    const piece = fc.constantFrom('therapy', 'CBT2', ' ', '-', '.', "'", '’', "'s", "therapy's", 'x’y', 'é', 'e\u0301', '\u0301', '年', '😀', '\uD835\uDC00', '\u00a0', '\n');
    const reference = (prose: string, from: number, to: number): string[] => {
      const out: string[] = [];
      const word = new RegExp(WORD.source, 'gu');
      word.lastIndex = from;
      for (let m = word.exec(prose); m && m.index < to; m = word.exec(prose)) {
        const text = m.index + m[0].length > to ? (new RegExp(`^(?:${WORD.source})`, 'u').exec(prose.slice(m.index, to))?.[0] ?? '') : m[0];
        if (text === '') break;
        out.push(`${m.index}:${text}`);
      }
      return out;
    };
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 25 }).map((pieces) => pieces.join('')), fc.nat(), fc.nat(), (prose, a, b) => {
        const from = prose.length ? a % prose.length : 0;
        const to = from + (prose.length - from ? b % (prose.length - from + 1) : 0);
        const tokens = tokenize(prose, 0, { start: from, end: to }, [], []).map((t) => `${t.start}:${t.text}`);
        assert.deepEqual(tokens, reference(prose, from, to));
      }),
      params(),
    );
  });

  it('lint never throws, and every finding and fix edit lies inside the text on code-point boundaries', () => {
    const seen = { findings: 0, edits: 0 };
    fc.assert(
      fc.property(documentText, language, (text, lang) => {
        const { findings } = lintText(text, lang);
        seen.findings += findings.length;
        const document = parseDocument(text, documentKind(lang));
        let previous = -1;
        for (const f of findings) {
          const what = describeFinding(f);
          assert.ok(RULE_IDS.includes(f.ruleId), `${what}: unknown rule id`);
          assert.ok(SEVERITIES.includes(f.severity), `${what}: unknown severity ${f.severity}`);
          assert.ok(typeof f.message === 'string' && f.message.trim().length > 0, `${what}: empty message`);
          assert.ok(Array.isArray(f.terms), `${what}: terms must be an array`);
          checkRange(text, f, what);
          assert.ok(f.start >= previous, `${what}: findings are not in offset order`);
          previous = f.start;
          // A finding is reported in prose: inside one of the parsed blocks, never in code, comments or front matter.
          assert.ok(
            document.blocks.some((b) => b.start <= f.start && f.end <= b.end),
            `${what}: not inside any prose block`,
          );
          for (const fix of f.fixes) {
            assert.ok(fix.title.trim().length > 0, `${what}: a fix without a title`);
            assert.ok(fix.edits.length > 0, `${what}: fix "${fix.title}" has no edits`);
            for (const e of fix.edits) checkRange(text, e, `${what}: fix "${fix.title}" edit`);
            seen.edits += fix.edits.length;
          }
        }
      }),
      params(),
    );
    // Not vacuous: a lint() that reports nothing must fail here (issue 15).
    assertNotVacuous(seen);
  });

  it('applying any single fix changes only the text inside its edit range', () => {
    const seen = { fixes: 0 };
    fc.assert(
      fc.property(documentText, language, (text, lang) => {
        for (const f of lintText(text, lang).findings) {
          for (const fix of f.fixes) {
            seen.fixes++;
            const out = applyEdits(text, fix.edits);
            const start = Math.min(...fix.edits.map((e) => e.start));
            const end = Math.max(...fix.edits.map((e) => e.end));
            const what = `${describeFinding(f)}: fix "${fix.title}" (${start}-${end})`;
            assert.equal(out.slice(0, start), text.slice(0, start), `${what} changed text before its range`);
            assert.equal(out.slice(out.length - (text.length - end)), text.slice(end), `${what} changed text after its range`);
            const grow = fix.edits.reduce((n, e) => n + e.text.length - (e.end - e.start), 0);
            assert.equal(out.length, text.length + grow, `${what} changed the length by more than its edits`);
          }
        }
      }),
      params(),
    );
    assertNotVacuous(seen);
  });

  it('safe fixes never overlap, and after applying them the same findings are not reported again', () => {
    const seen = { safeFixesApplied: 0 };
    fc.assert(
      fc.property(documentText, language, (text, lang) => {
        const { findings } = lintText(text, lang);
        const fixes = selectFixes(findings, { onlySafe: true });
        const edits = editsOf(fixes);
        for (let i = 0; i < edits.length; i++) {
          for (let j = i + 1; j < edits.length; j++) {
            assert.ok(!overlaps(edits[i], edits[j]), `safe edits overlap: ${JSON.stringify(edits[i])} and ${JSON.stringify(edits[j])}`);
          }
        }
        // Every fix of "fix all" must also be applicable together with the unsafe ones chosen the same way.
        applyEdits(text, editsOf(selectFixes(findings, { onlySafe: false })));
        if (fixes.length === 0) return;
        const fixed = applyEdits(text, edits);
        const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
        const after = lintText(fixed, lang).findings;
        seen.safeFixesApplied += fixes.length;
        for (const fix of fixes) {
          const f = findings.find((x) => x.fixes.includes(fix))!;
          const at = mapOffset(f.start, sorted);
          const again = after.find((x) => x.ruleId === f.ruleId && x.start === at);
          assert.equal(again, undefined, `${describeFinding(f)} is reported again at ${at} after its safe fix "${fix.title}"`);
        }
      }),
      params(),
    );
    assertNotVacuous(seen);
  });

  it('is deterministic: the same input gives identical output, with or without a cache primed on another version', () => {
    fc.assert(
      fc.property(markdownChunks, fc.array(textMutation, { minLength: 1, maxLength: 4 }), language, (chunks, mutations, lang) => {
        const base = chunks.join('');
        const text = mutateText(base, mutations);
        const first = lintText(text, lang);
        const second = lintText(text, lang);
        assert.deepEqual(second.findings, first.findings);
        assert.deepEqual(second.claims, first.claims);
        assert.deepEqual(
          second.matches.map((m) => [m.start, m.end, m.entryIds]),
          first.matches.map((m) => [m.start, m.end, m.entryIds]),
        );
        const cache = new LintCache();
        lintText(base, lang, cache);
        const cached = lintText(text, lang, cache);
        assert.deepEqual(cached.findings, first.findings);
        assert.deepEqual(cached.claims, first.claims);
      }),
      params(),
    );
  });

  it('LineIndex agrees with offsets for LF, CRLF, CR and mixed line endings', () => {
    const lineText = fc.oneof(
      documentText,
      fc.array(fc.constantFrom('\n', '\r', '\r\n', '\n\r', 'a', '😀', '\u2028', ' ', 'é'), { maxLength: 60 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(lineText, fc.array(fc.nat(), { maxLength: 20 }), (text, picks) => {
        const index = new LineIndex(text);
        const starts = lineStarts(text);
        assert.equal(index.lineCount, starts.length);
        // Every offset near a line break, and a sample of the others.
        const offsets = new Set<number>([0, text.length, ...picks.map((p) => p % (text.length + 1))]);
        for (const s of starts) for (const d of [-2, -1, 0, 1]) if (s + d >= 0 && s + d <= text.length) offsets.add(s + d);
        for (const offset of offsets) {
          let line = 0;
          while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
          assert.deepEqual(index.position(offset), { line: line + 1, column: offset - starts[line] + 1 }, `position(${offset})`);
          assert.equal(index.lineOf(offset), line);
          // Back from line and column, except between the CR and LF of one break (not a position in the line).
          const betweenCrLf = text[offset - 1] === '\r' && text[offset] === '\n';
          if (!betweenCrLf) assert.equal(index.offsetAt(line, offset - starts[line]), offset, `offsetAt(${line}, ${offset - starts[line]})`);
        }
        for (let line = 0; line < starts.length; line++) {
          const end = index.lineContentEnd(line);
          assert.equal(index.lineStart(line), starts[line]);
          assert.ok(end >= starts[line] && end <= (starts[line + 1] ?? text.length));
          assert.ok(!/[\r\n]/.test(text.slice(starts[line], end)), `line ${line} content contains a line break`);
        }
      }),
      params(),
    );
  });
});
