// Adversarial documents: huge drafts, one huge line, deep nesting, thousands
// of glossary terms, and inputs built to make regular expressions backtrack.
// Each must finish within a generous bound and give a sane result.
//
// The bound is 10 × the expected time, where the expected time is what the
// engine takes per character on a reference document measured in before():
// ordinary prose, or (for documents where every line is a finding) prose
// dense with findings. The bound catches hangs and superlinear blowups; it is
// not a benchmark. Times are CPU time of this process (user + system), so
// other processes on a busy machine do not make the tests flaky; a hang still
// burns CPU. PSYLINT_TIMINGS=1 prints what each document took.
//
// Tests marked `it.skip` with a `// BUG:` comment document a defect found by
// the test; un-skip them once the engine is fixed.

import assert from 'node:assert/strict';
import { lint, type LintResult } from '../../server/src/engine/lint';
import { parseDocument } from './parseDocument';
import { buildGlossary } from '../../server/src/glossary/glossary';
import { bundledGlossaryFiles, GlossaryStore } from '../../server/src/glossary/files';
import { collectGarbage, covered, entryYaml, glossaryYaml } from './helpers';

const glossary = new GlossaryStore().build(bundledGlossaryFiles()).glossary;

/** Never less than this, so that small documents do not fail on timer noise. */
const FLOOR_MS = 2000;
const FACTOR = 10;

/** A page of a thesis: headings, a list, a fenced block, a citation, a few findings. */
const PROSE_UNIT = `## Background

Psychodynamic therapy has been compared with waitlist conditions in several randomized trials (Abbass et al., 2014). Effect sizes in such comparisons are not directly comparable with within-group effects, and the samples were small.

Older case reports describe manic depression, and some clinicians still write about patients who suffer from anxiety. The clinic offers cognitive behavioural therapy on Tuesdays and group sessions on Thursdays.

- Sessions last fifty minutes.
- Clients may bring a friend to the first appointment.

\`\`\`r
# never linted: manic depression
summary(model)
\`\`\`

Research shows that mindfulness helps with stress. Participants completed questionnaires before and after the course, and the attrition rate was low.

`;
/** One finding per paragraph. */
const DENSE_UNIT = 'Her aunt had manic depression.\n\n';
/** Four sentences of ordinary prose on one line: a citation, two findings, an evidence frame. */
const LINE_UNIT =
  'Psychodynamic therapy has been compared with waitlist conditions in several randomized trials (Abbass et al., 2014). Older case reports describe manic depression, and some clinicians still write about patients who suffer from anxiety. Participants completed questionnaires before and after the course, and the attrition rate was low. Research shows that mindfulness helps with stress. ';
/** Two sentences around the adversarial part of a document: one term/outdated finding each. */
const AROUND = 'Older case reports describe manic depression.';

const MB = 1024 * 1024;

type Reference = 'prose' | 'dense';
const usPerChar: Record<Reference, number> = { prose: 0, dense: 0 };
const figures: { name: string; chars: number; ms: number; wallMs: number; boundMs: number }[] = [];


function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** CPU and wall-clock milliseconds of one lint. */
function timeLint(text: string): { result: LintResult; ms: number; wallMs: number } {
  collectGarbage();
  const wall = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const result = lint(text, { glossary });
  return { result, ms: cpuMs(cpu), wallMs: Number(process.hrtime.bigint() - wall) / 1e6 };
}

function boundFor(chars: number, reference: Reference): number {
  return Math.max(FLOOR_MS, (FACTOR * usPerChar[reference] * chars) / 1000);
}

/** Lint within the bound, then check the result is well-formed. */
function lintWithin(name: string, text: string, reference: Reference = 'prose'): LintResult {
  const bound = boundFor(text.length, reference);
  const { result, ms: took, wallMs } = timeLint(text);
  figures.push({ name, chars: text.length, ms: Math.round(took), wallMs: Math.round(wallMs), boundMs: Math.round(bound) });
  assert.ok(took <= bound, `${name}: took ${Math.round(took)} ms of CPU for ${text.length} characters; the bound is ${Math.round(bound)} ms`);
  sane(text, result);
  return result;
}

/** Every finding inside the text, on code-point boundaries, and never in code, comments, quotes or front matter. */
function sane(text: string, result: LintResult): void {
  const excluded = [...parseDocument(text).excluded].sort((a, b) => a.start - b.start);
  for (const f of result.findings) {
    assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, `${f.ruleId} ${f.start}-${f.end} is outside the text`);
    const splits = (i: number) => i > 0 && i < text.length && /[\ud800-\udbff]/.test(text[i - 1]) && /[\udc00-\udfff]/.test(text[i]);
    assert.ok(!splits(f.start) && !splits(f.end), `${f.ruleId} ${f.start}-${f.end} splits a surrogate pair`);
    // Excluded ranges are sorted; a binary search keeps this linear-ish on huge documents.
    let lo = 0;
    let hi = excluded.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (excluded[mid].end <= f.start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = Math.max(0, lo - 1); i < excluded.length && excluded[i].start < f.end; i++) {
      const x = excluded[i];
      assert.ok(!(x.start < f.end && f.start < x.end), `${f.ruleId} ${f.start}-${f.end} lies in excluded text ${x.start}-${x.end}`);
    }
  }
}

/** Findings of a document made of `unit` repeated: every repetition has exactly the findings of the first, shifted. */
function assertPeriodic(result: LintResult, unitLength: number, repetitions: number, perUnit: number, skipLast = false): void {
  const first = result.findings.filter((f) => f.end <= unitLength).map((f) => [f.ruleId, f.start, f.end].join(':'));
  assert.equal(first.length, perUnit, `the first repetition has ${first.length} findings, expected ${perUnit}`);
  const byUnit = new Map<number, string[]>();
  for (const f of result.findings) {
    const k = Math.floor(f.start / unitLength);
    const list = byUnit.get(k) ?? [];
    list.push([f.ruleId, f.start - k * unitLength, f.end - k * unitLength].join(':'));
    byUnit.set(k, list);
  }
  for (let k = 0; k < repetitions - (skipLast ? 1 : 0); k++) {
    assert.deepEqual(byUnit.get(k) ?? [], first, `repetition ${k} differs from the first`);
  }
}

describe('adversarial documents', function () {
  this.timeout(0);

  before(() => {
    // Warm up, then measure the reference rates (median of 3).
    lint(PROSE_UNIT.repeat(20) + DENSE_UNIT.repeat(200), { glossary });
    const proseText = PROSE_UNIT.repeat(Math.ceil(200_000 / PROSE_UNIT.length));
    usPerChar.prose = (median([0, 1, 2].map(() => timeLint(proseText).ms)) * 1000) / proseText.length;
    const denseText = DENSE_UNIT.repeat(2000);
    usPerChar.dense = (median([0, 1, 2].map(() => timeLint(denseText).ms)) * 1000) / denseText.length;
    figures.push({ name: `reference: ordinary prose (${usPerChar.prose.toFixed(2)} µs/char)`, chars: proseText.length, ms: 0, wallMs: 0, boundMs: 0 });
    figures.push({ name: `reference: a finding per paragraph (${usPerChar.dense.toFixed(2)} µs/char)`, chars: denseText.length, ms: 0, wallMs: 0, boundMs: 0 });
  });

  after(() => {
    if (!process.env.PSYLINT_TIMINGS) return;
    console.log('\n      document | characters | CPU ms | wall ms | bound (CPU ms)');
    for (const f of figures) console.log(`      ${f.name} | ${f.chars} | ${f.ms} | ${f.wallMs} | ${f.boundMs}`);
  });

  describe('size', () => {
    it('lints a 10 MB draft of ordinary prose, with the same findings in every page and none in code', () => {
      const repetitions = Math.ceil((10 * MB) / PROSE_UNIT.length);
      const text = PROSE_UNIT.repeat(repetitions);
      const perUnit = lint(PROSE_UNIT, { glossary }).findings.length;
      assert.ok(perUnit >= 2, 'the page itself has findings');
      const result = lintWithin('10 MB draft of ordinary prose', text);
      assert.equal(result.findings.length, perUnit * repetitions);
      assertPeriodic(result, PROSE_UNIT.length, repetitions, perUnit);
      const codeStart = PROSE_UNIT.indexOf('```r');
      const codeEnd = PROSE_UNIT.indexOf('```\n', codeStart + 3) + 3;
      for (const f of result.findings) {
        const at = f.start % PROSE_UNIT.length;
        assert.ok(at < codeStart || at >= codeEnd, `a finding at ${f.start} is inside the fenced code`);
      }
    });

    it('lints a single 1 MB line of ordinary prose', () => {
      const repetitions = Math.floor(MB / LINE_UNIT.length);
      const text = LINE_UNIT.repeat(repetitions);
      const result = lintWithin('single 1 MB line', text);
      assert.equal(parseDocument(text).blocks.length, 1);
      const perUnit = result.findings.filter((f) => f.end <= LINE_UNIT.length).length;
      assert.ok(perUnit >= 2);
      // The last sentence of a repetition can take its evidence from the next one: compare all but the last.
      assertPeriodic(result, LINE_UNIT.length, repetitions, perUnit, true);
    });
  });

  describe('nesting', () => {
    // Regression (fixed): deeply nested list markers make lint() throw. Input: '- '.repeat(2500) + 'Her aunt had
    // manic depression.\n' (5 KB). Expected: one term/outdated finding, in well under a second.
    // Actual: RangeError "Maximum call stack size exceeded" from unist-util-visit-parents (remark-gfm's
    // find-and-replace transform recursing once per level); the CLI then rejects and stops linting the
    // remaining files. With 10,000 levels the parse does not finish in 60 s (superlinear before the crash).
    it('lints 10,000 nested list items', () => {
      const text = '- '.repeat(10_000) + 'Her aunt had manic depression.\n';
      const result = lintWithin('10,000 nested list items', text);
      assert.deepEqual(covered(text, result.findings.filter((f) => f.ruleId === 'term/outdated')), ['manic depression']);
    });

    it('lints 10,000 list items nested up to ten deep, with one finding per item', () => {
      const text = Array.from({ length: 10_000 }, (_, i) => `${'  '.repeat(i % 10)}- Her aunt had manic depression.`).join('\n') + '\n';
      const result = lintWithin('10,000 list items nested up to 10 deep', text, 'dense');
      assert.equal(result.findings.filter((f) => f.ruleId === 'term/outdated').length, 10_000);
    });

    // Regression (fixed): deeply nested block quotes make lint() throw. Input: '> '.repeat(10000) + 'Her aunt had
    // manic depression.\n' (20 KB). Expected: no findings (quoted text), within the bound. Actual:
    // RangeError "Maximum call stack size exceeded" (unist-util-visit-parents via remark-gfm), from
    // about 8,000 levels; below that the cost is quadratic (2,500 levels 0.7 s, 5,000 levels 2.2 s).
    it('lints 10,000 nested block quotes', () => {
      const text = '> '.repeat(10_000) + 'Her aunt had manic depression.\n';
      const result = lintWithin('10,000 nested block quotes', text);
      assert.deepEqual(result.findings, []);
    });

    it('lints 1,000 nested block quotes and reports nothing in them', () => {
      const text = '> '.repeat(1000) + 'Her aunt had manic depression.\n';
      assert.deepEqual(lintWithin('1,000 nested block quotes', text).findings, []);
    });
  });

  describe('many glossary terms', () => {
    // Regression (fixed): the term rules rescan the whole sentence for every match in it (frames.between() of the
    // text from the match to the sentence end, isQuestion() on the sentence, successorNearby() building
    // the sentence text), so a sentence with m terms costs O(m × length). Input: 'manic depression '
    // repeated (no full stop). Expected: linear, 100,000 findings within the bound. Actual: 2,000
    // repetitions (34 KB) 2.4 s, 4,000 8.1 s, 8,000 (136 KB) 27.6 s; 100,000 would take over an hour.
    it('lints 100,000 glossary-term occurrences in one run of text', () => {
      const text = 'manic depression '.repeat(100_000);
      const result = lintWithin('100,000 terms in one sentence', text, 'dense');
      assert.equal(result.findings.filter((f) => f.ruleId === 'term/outdated').length, 100_000);
    });

    // Regression (fixed): with many sentences in one paragraph, rules look up each match's sentence with
    // block.sentences.indexOf() and scan every match of the block per match (termOutdated's
    // successorNearby, claims' matches.some per sentence): O(sentences × matches). Input: 'Manic
    // depression. ' repeated in one paragraph. Expected: linear. Actual: 5,000 sentences 1.4 s, 10,000
    // 4.1 s, 20,000 (360 KB) 19 s, 100,000 (1.8 MB) 592 s, against a bound of about 200 s.
    it('lints 100,000 glossary-term occurrences, one per sentence of one paragraph', () => {
      const text = 'Manic depression. '.repeat(100_000);
      const result = lintWithin('100,000 terms, one per sentence', text, 'dense');
      assert.equal(result.findings.filter((f) => f.ruleId === 'term/outdated').length, 100_000);
    });

    it('lints 100,000 glossary-term occurrences, one per paragraph', () => {
      const text = 'manic depression\n\n'.repeat(100_000);
      const result = lintWithin('100,000 terms, one per paragraph', text, 'dense');
      assert.equal(result.findings.filter((f) => f.ruleId === 'term/outdated').length, 100_000);
      assertPeriodic(result, 'manic depression\n\n'.length, 100_000, 1);
    });
  });

  describe('inputs that make regular expressions backtrack', () => {
    /** The adversarial part between two ordinary sentences: exactly their two findings, and none in between. */
    function around(name: string, middle: string, separator = ' '): void {
      const text = AROUND + separator + middle + separator + AROUND;
      const result = lintWithin(name, text);
      assert.deepEqual(covered(text, result.findings), ['manic depression', 'manic depression'], name);
    }

    it('a run of 1,000,000 spaces', () => around('1,000,000 spaces', ' '.repeat(1_000_000)));
    it('1,000,000 blank lines', () => around('1,000,000 blank lines', '\n'.repeat(1_000_000), '\n\n'));
    it('1,000,000 tabs and no-break spaces', () => around('1,000,000 tabs and no-break spaces', '\t\u00a0'.repeat(500_000)));
    it('1,000,000 opening parentheses', () => around('1,000,000 opening parentheses', '('.repeat(1_000_000)));
    it('a sentence inside 100,000 balanced parentheses', () => {
      const text = '('.repeat(100_000) + AROUND + ')'.repeat(100_000);
      assert.deepEqual(covered(text, lintWithin('100,000 balanced parentheses', text).findings), ['manic depression']);
    });
    it('1,000,000 at signs', () => around('1,000,000 at signs', '@'.repeat(1_000_000)));
    it('a word of 1,000,000 letters', () => around('a word of 1,000,000 letters', 'a'.repeat(1_000_000)));
    it('a word of 500,000 astral letters', () => around('a word of 500,000 astral letters', '𝔐'.repeat(500_000)));
    it('a letter with 200,000 combining marks', () => around('200,000 combining marks', 'a' + '\u0301'.repeat(200_000)));
    it('1,000,000 zero-width joiners and 500,000 RTL overrides', () => around('zero-width and RTL characters', '\u200d'.repeat(1_000_000) + '\u202e'.repeat(500_000)));

    // Regression (fixed): runs of '[' without ']' are quadratic: claims.ts scans each block with /\[[^\]]*\?\]\(/g
    // (linked titles that are questions) and the citation-style count runs CITEKEY_BRACKET
    // /\[[^\]\n]*?@…\]/gu over the whole document; both retry from every '[' to the end of the run.
    // Input: '['.repeat(200000) (200 KB). Expected: within the bound (about 10 s of CPU here). Actual:
    // 25,000 '[' 1.4 s, 50,000 3.9 s, 100,000 11–14 s (bound 5 s), so about 50 s for 200,000;
    // '[@'.repeat(64000) 13.8 s.
    it('200,000 opening brackets', () => {
      around('200,000 opening brackets', '['.repeat(200_000));
      around('100,000 "[@"', '[@'.repeat(100_000));
    });

    // Alternating emphasis markers are quadratic in micromark's attention resolver (5,000 pairs took 2.1 s,
    // 16,000 pairs 44 s): a parse unit with more than 2,000 delimiter runs is read as plain text.
    it('16,000 alternating emphasis markers *_*_', () => {
      around('16,000 "*_"', '*_'.repeat(16_000), '\n\n');
    });

    it('an HTML comment that never closes, then 1 MB of prose', () => {
      const text = AROUND + '\n\n<!--\n' + (AROUND + '\n').repeat(Math.ceil(MB / AROUND.length));
      assert.deepEqual(covered(text, lintWithin('unclosed <!-- then 1 MB', text).findings), ['manic depression']);
    });

    it('a code fence that never closes, then 1 MB of prose', () => {
      const text = AROUND + '\n\n```\n' + (AROUND + '\n').repeat(Math.ceil(MB / AROUND.length));
      assert.deepEqual(covered(text, lintWithin('unclosed ``` then 1 MB', text).findings), ['manic depression']);
    });

    it('"(Smith, 2010; " 10,000 times', () => {
      const claim = 'CBT reduces anxiety ';
      const text = claim + '(Smith, 2010; '.repeat(10_000);
      const result = lintWithin('"(Smith, 2010; " × 10,000', text);
      // At most the claim itself (an unclosed parenthesis is no citation); nothing starts inside the citations.
      assert.ok(result.findings.every((f) => f.start < claim.length), 'no finding starts inside the citations');
    });

    it('a citation list of 10,000 works in one pair of parentheses supports its claim', () => {
      const text = 'CBT reduces anxiety (' + 'Smith, 2010; '.repeat(10_000) + 'Jones, 2011).';
      const result = lintWithin('closed citation list of 10,000 works', text);
      assert.deepEqual(result.findings.filter((f) => f.ruleId === 'claim/unsupported'), []);
    });

    // Regression (fixed): APA_PARENTHETICAL (server/src/engine/citations.ts),
    // /\((?:[^()]*?)\bNAME(?:[^()]*?)[,\s]\s*(?:YEAR)(?:[^()]*)\)/gu, backtracks catastrophically when
    // the parenthesis is never closed (as it is while a writer types a citation list): two lazy
    // [^()]*? around NAME and YEAR make each attempt cubic. It runs on the whole document (citation
    // style) and on every claim's sentences. Input: '(' + 'Smith, 2010; '.repeat(400) (5 KB).
    // Expected: a few milliseconds. Actual: 4.9 s; 800 repetitions (10 KB) 47 s; 10,000 would take
    // days. Also quadratic without years: '(' + 'Smith '.repeat(16000) (96 KB) 19 s.
    it('an unclosed citation list of 10,000 works', () => {
      const text = 'Therapy works (' + 'Smith, 2010; '.repeat(10_000);
      const result = lintWithin('unclosed citation list of 10,000 works', text);
      assert.ok(result.findings.every((f) => f.start < 'Therapy works'.length + 1));
      lintWithin('"(" then 16,000 names', '(' + 'Smith '.repeat(16_000));
    });

    it('"research shows " 10,000 times is one vague attribution', () => {
      const text = 'research shows '.repeat(10_000);
      const result = lintWithin('"research shows " × 10,000', text);
      assert.ok(result.findings.length >= 1);
      assert.ok(result.findings.every((f) => f.ruleId === 'claim/vague-attribution'));
    });

    it('"et al. " 10,000 times', () => {
      assert.deepEqual(lintWithin('"et al. " × 10,000', 'et al. '.repeat(10_000)).findings, []);
    });
  });

  describe('cost grows linearly', () => {
    it('doubling prose from 50,000 to 100,000 words at most triples the time (medians of 3)', () => {
      const wordsPerUnit = PROSE_UNIT.split(/\s+/).filter(Boolean).length;
      const half = PROSE_UNIT.repeat(Math.ceil(50_000 / wordsPerUnit));
      const full = half + half;
      lint(half, { glossary });
      // Interleaved, so that a change in machine load affects both sizes alike.
      const halves: number[] = [];
      const fulls: number[] = [];
      for (let i = 0; i < 3; i++) {
        halves.push(timeLint(half).ms);
        fulls.push(timeLint(full).ms);
      }
      const [tHalf, tFull] = [median(halves), median(fulls)];
      figures.push({ name: 'prose, 50,000 words (median of 3)', chars: half.length, ms: Math.round(tHalf), wallMs: 0, boundMs: 0 });
      figures.push({ name: 'prose, 100,000 words (median of 3)', chars: full.length, ms: Math.round(tFull), wallMs: 0, boundMs: 0 });
      assert.ok(tFull / tHalf < 3, `100,000 words took ${Math.round(tFull)} ms, 50,000 took ${Math.round(tHalf)} ms: ratio ${(tFull / tHalf).toFixed(2)}`);
    });
  });

  describe('glossary patterns are literal', () => {
    // Aliases, replaced_by terms, still_current_in names and cues full of regular-expression syntax.
    const text = glossaryYaml(
      entryYaml('meta-term', '(a+)+$', [
        'aliases: ["a.*b", "[0-9]+", "x{2}", "\\\\d+", "(?:z)|y", "^q$"]',
        'replaced_by: [{term: "(b+)+$"}]',
        'still_current_in: ["(x+x+)+y"]',
        'misdefinition_cues: [{concept: meta-other, cues: [".*", "(c|c)+d"], why: "A reason that is long enough."}]',
      ]),
      entryYaml('meta-other', 'other concept'),
    );
    const build = buildGlossary([{ file: 'meta.yaml', text }]);

    it('loads the entries', () => assert.deepEqual(build.problems, []));

    it('matches an alias like (a+)+$ only as its words, never as a pattern, and quickly', () => {
      const meta = build.glossary;
      const evil = 'a'.repeat(5000) + '!';
      const doc = `Literal (a+)+$ here. Then ${evil} and axxb and 123 and xx and dd and zzz.\n\n${'b'.repeat(5000)}! ${'x'.repeat(5000)}!\n`;
      const cpu = process.cpuUsage();
      const result = lint(doc, { glossary: meta });
      const took = cpuMs(cpu);
      assert.ok(took < FLOOR_MS, `took ${Math.round(took)} ms`);
      // Only the literal occurrence: "a.*b" is not "axxb", "[0-9]+" is not "123", "x{2}" is not "xx", "\d+" is not "dd".
      const matched = result.matches.filter((m) => m.entryIds.includes('meta-term'));
      assert.deepEqual(
        matched.map((m) => m.start),
        [doc.indexOf('(a+)+$') + 1],
      );
      // term/outdated builds its "successor nearby" and "still current in" checks from glossary text: escaped, literal.
      assert.deepEqual(
        result.findings.filter((f) => f.ruleId === 'term/outdated').map((f) => f.start),
        [doc.indexOf('(a+)+$') + 1],
      );
    });
  });
});
