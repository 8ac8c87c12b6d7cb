// Messages are about one line: what is wrong and what to write, starting with
// the term as the writer spelled it. The rationale and sources are the
// hover's (the glossary entry), not the message's. Checked over every text
// the project has: the examples, the eval drafts, the glossary's own examples
// and the rule pages' failing examples.
// PSYLINT_MESSAGE_STATS=1 prints the longest and the median length per family.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lint, type LintResult } from '../../server/src/engine/lint';
import { hover } from '../../server/src/lsp/hover';
import type { Finding } from '../../server/src/engine/types';
import { MESSAGE_LIMIT } from '../../server/src/engine/wording';
import { bundledGlossaryFiles, GlossaryStore } from '../../server/src/glossary/files';

const ROOT = path.resolve(__dirname, '..', '..', '..');

const glossary = new GlossaryStore().build(bundledGlossaryFiles()).glossary;

interface Sample {
  source: string;
  text: string;
  language?: string;
}

function draftsIn(dir: string): Sample[] {
  const full = path.join(ROOT, dir);
  return fs
    .readdirSync(full)
    .filter((f) => /\.(md|qmd|rmd)$/i.test(f))
    .map((f) => ({ source: `${dir}/${f}`, text: fs.readFileSync(path.join(full, f), 'utf8'), language: f }));
}

function docExamples(): Sample[] {
  const dir = path.join(ROOT, 'docs', 'rules');
  return fs.readdirSync(dir).flatMap((f) =>
    [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/```markdown\n([\s\S]*?)```/g)].map((m, i) => ({ source: `docs/rules/${f} #${i + 1}`, text: m[1] })),
  );
}

function glossaryExamples(): Sample[] {
  return [...glossary.entries.values()].flatMap((e) => (e.examples?.match ?? []).map((text) => ({ source: `glossary ${e.id}`, text })));
}

const samples = [...draftsIn('examples'), ...draftsIn('eval/drafts'), ...glossaryExamples(), ...docExamples()];
const found: { sample: Sample; finding: Finding; result: LintResult }[] = samples.flatMap((sample) => {
  const result = lint(sample.text, { glossary, language: sample.language });
  return result.findings.map((finding) => ({ sample, finding, result }));
});

function stats(messages: string[]): string {
  const lengths = messages.map((m) => m.length).sort((a, b) => a - b);
  return `${messages.length} messages, max ${lengths.at(-1)}, median ${lengths[Math.floor(lengths.length / 2)]}`;
}

describe('finding messages', () => {
  before(() => {
    if (!process.env.PSYLINT_MESSAGE_STATS) return;
    for (const family of ['term/', 'claim/']) console.log(`      ${family} ${stats(found.filter((f) => f.finding.ruleId.startsWith(family)).map((f) => f.finding.message))}`);
  });

  it('covers every term rule over the project texts', () => {
    const rules = new Set(found.map((f) => f.finding.ruleId));
    for (const id of ['term/conflation', 'term/misclassification', 'term/misdefinition', 'term/outdated', 'term/stigmatizing', 'term/imprecise']) assert.ok(rules.has(id), id);
  });

  it(`keeps every message to one line of at most ${MESSAGE_LIMIT} characters`, () => {
    const long = found.filter((f) => f.finding.message.length > MESSAGE_LIMIT || f.finding.message.includes('\n'));
    assert.deepEqual(long.map((f) => `${f.sample.source}: ${f.finding.message.length}: ${f.finding.message}`), []);
  });

  it('starts every term message with the term as the writer spelled it, from inside the finding', () => {
    const wrong = found.filter(({ sample, finding }) => {
      if (!finding.ruleId.startsWith('term/')) return false;
      const quoted = /^“([^”]+)”/.exec(finding.message)?.[1];
      // Word by word: "X (or Y) therapy" names "X therapy" and "Y therapy".
      const covered = sample.text.slice(finding.start, finding.end).split(/[^\p{L}\p{N}'’-]+/u);
      return !quoted || !quoted.split(/[^\p{L}\p{N}'’-]+/u).every((word) => covered.includes(word));
    });
    assert.deepEqual(wrong.map((f) => `${f.sample.source}: ${f.finding.message}`), []);
  });

  it('leaves glossary prose (the reason and the sources) to the hover', () => {
    const prose = found.filter(({ finding }) => {
      const entry = glossary.get(finding.terms[0]);
      if (!finding.ruleId.startsWith('term/') || !entry) return false;
      const reasons = [entry.avoid?.why, ...(entry.distinct_from ?? []).map((r) => r.why), ...(entry.not_a_kind_of ?? []).map((r) => r.why), ...(entry.misdefinition_cues ?? []).map((c) => c.why)];
      // A reason's opening words in the message mean the prose was pasted in.
      return reasons.some((why) => why && finding.message.includes(why.trim().split(/\s+/).slice(0, 5).join(' '))) || /doi\.org|\bdoi:/i.test(finding.message);
    });
    assert.deepEqual(prose.map((f) => `${f.sample.source}: ${f.finding.message}`), []);
  });

  it('gives in the hover on the term what the message leaves out: the reason and the sources, not the message again', () => {
    const wanting = found.filter(({ sample, finding, result }) => {
      if (!finding.ruleId.startsWith('term/')) return false;
      // Known gap: the names in "X (or Y) therapy" are not term matches of their own, so that finding has no hover.
      if (!result.matches.some((m) => m.start < finding.end && m.end > finding.start)) return false;
      const doc = TextDocument.create('file:///draft.md', 'markdown', 1, sample.text);
      // Anywhere on the finding: "X (or Y) therapy" has its terms' matches inside, not at its start.
      let value = '';
      for (let offset = finding.start; offset <= finding.end && !value; offset++) {
        const shown = hover(doc, result.matches, glossary, offset);
        value = shown && typeof shown.contents === 'object' && 'value' in shown.contents ? shown.contents.value.replace(/\\/g, '') : '';
      }
      const entry = glossary.get(finding.terms[0]);
      const reason =
        finding.ruleId === 'term/misdefinition'
          ? entry?.misdefinition_cues?.find((c) => c.concept === finding.terms[1])?.why
          : finding.ruleId === 'term/outdated'
            ? entry?.replaced_by?.[0].term
            : finding.ruleId === 'term/stigmatizing' || finding.ruleId === 'term/imprecise'
              ? entry?.avoid?.why
              : undefined;
      const opening = reason?.trim().split(/\s+/).slice(0, 6).join(' ');
      return !value.includes('**Sources:**') || value.includes(finding.message) || (opening !== undefined && !value.replace(/\s+/g, ' ').includes(opening));
    });
    assert.deepEqual(wanting.map((f) => `${f.sample.source}: ${f.finding.ruleId} ${f.finding.message}`), []);
  });
});
