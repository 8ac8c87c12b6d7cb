// Incremental linting must be invisible: after any sequence of edits, a lint
// that reuses the document's cache reports exactly what a fresh lint reports.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lint, LintCache } from '../../server/src/engine/lint';
import { bundledGlossaryFiles, GlossaryStore } from '../../server/src/glossary/files';
import { collectGarbage } from './helpers';

const glossary = new GlossaryStore().build(bundledGlossaryFiles()).glossary;
const runs = Number(process.env.PSYLINT_FUZZ_RUNS ?? 60);

const PARAGRAPHS = [
  '# Notes on therapy\n',
  'Her uncle was treated for manic depression in the 2010s.\n',
  'Psychodynamic (or psychoanalytic) therapy looks at old patterns.\n',
  'Types of psychodynamic therapy include:\n\n- Mentalization-based treatment\n- Interpersonal therapy\n',
  'Research shows that psychodynamic therapy cures depression.\n',
  'CBT reduces panic attacks (Clark, 1999). It is widely offered.\n',
  '```r\nsummary(manic_depression)\n```\n',
  '<!-- psylint-disable-next-line -->\nThis line mentions multiple personality disorder on purpose.\n',
  '> A quoted client said therapy works wonders.\n',
  '## References\n\nSmith, J. (2010). Manic depression in history.\n',
  '| Therapy | Finding |\n|---|---|\n| IPT | reduces relapse |\n',
  'A footnoted claim: group therapy improves mood.[^1]\n\n[^1]: Jones, 2015.\n',
];

/** Edits a writer makes, including ones that open a fence or a comment, or remove the blank line between blocks. */
const edit = fc.oneof(
  fc.record({ at: fc.nat(), remove: fc.nat({ max: 40 }), insert: fc.constantFrom('', 'x', ' ', '\n', '\n\n', '```', '<!--', '-->', 'manic depression ', 'cures ', '(Smith, 2010)', '- IPT\n') }),
  fc.record({ at: fc.nat(), remove: fc.constant(0), insert: fc.constantFrom(...PARAGRAPHS).map((p) => `\n${p}\n`) }),
);

describe('incremental linting', () => {
  for (const language of ['markdown', 'plaintext']) {
    it(`reports exactly what a fresh lint reports, after any sequence of edits (${language})`, function () {
      this.timeout(0);
      sameAsFresh(language);
    });
  }

  function sameAsFresh(language: string): void {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PARAGRAPHS), { minLength: 3, maxLength: 30 }), fc.array(edit, { minLength: 1, maxLength: 12 }), (paragraphs, edits) => {
        let text = paragraphs.join('\n');
        const cache = new LintCache();
        lint(text, { glossary, language, cache });
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
          const incremental = lint(text, { glossary, language, cache });
          const fresh = lint(text, { glossary, language });
          assert.deepEqual(incremental.findings, fresh.findings);
          assert.deepEqual(incremental.claims, fresh.claims);
          assert.deepEqual(
            incremental.matches.map((m) => [m.start, m.end, m.entryIds]),
            fresh.matches.map((m) => [m.start, m.end, m.entryIds]),
          );
        }
      }),
      { numRuns: runs },
    );
  }

  it('keeps no earlier version of the text alive across edits', function () {
    this.timeout(0);
    // About 2 MB of two-byte text (curly quotes), findings in every paragraph. Findings kept from an edit quote
    // words of that version; held as views of it, they would keep each earlier version alive (2 MB apiece).
    const paragraph = 'Her uncle’s manic depression was treated in the 2010s, and research shows that therapy cures it.\n';
    let text = Array.from({ length: 10_000 }, (_, i) => `${i}. ${paragraph}`).join('\n');
    const cache = new LintCache();
    lint(text, { glossary, cache });
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    const bytes = text.length * 2;
    for (let i = 0; i < 20; i++) {
      const at = text.indexOf('manic', Math.floor((text.length / 20) * i));
      text = `${text.slice(0, at)}${i % 2 ? 'Manic' : 'MANIC'}${text.slice(at + 5)}`;
      assert.ok(lint(text, { glossary, cache }).findings.length > 0);
    }
    collectGarbage();
    const grown = process.memoryUsage().heapUsed - before;
    assert.ok(grown < bytes, `the heap grew by ${(grown / 1e6).toFixed(1)} MB over 20 edits; one version of the text is ${(bytes / 1e6).toFixed(1)} MB`);
  });

  it('handles a large document edited in the middle', () => {
    let text = Array.from({ length: 400 }, (_, i) => PARAGRAPHS[i % PARAGRAPHS.length]).join('\n');
    const cache = new LintCache();
    lint(text, { glossary, cache });
    for (let i = 0; i < 20; i++) {
      const at = Math.floor(text.length / 2) + i * 37;
      text = text.slice(0, at) + (i % 3 === 0 ? '\n\n' : 'y') + text.slice(at);
      assert.deepEqual(lint(text, { glossary, cache }).findings, lint(text, { glossary }).findings);
    }
  });
});
