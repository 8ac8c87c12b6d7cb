// The term index: which written forms of a glossary term match, and where.

import assert from 'node:assert/strict';
import { lint } from '../../server/src/engine/lint';
import { parseDocument } from './parseDocument';
import { buildGlossary, type Glossary } from '../../server/src/glossary/glossary';
import { pluralize, TermIndex } from '../../server/src/glossary/termIndex';
import { entryYaml, glossaryYaml, only } from './helpers';

let glossary: Glossary;

/** [matched text, entry ids, plural?] for every match in the text. */
function matched(text: string): [string, string, boolean][] {
  return lint(text, { glossary, rules: only() }).matches.map((m) => [text.slice(m.start, m.end), m.entryIds.join('+'), m.surfaces.some((s) => s.plural)]);
}

function texts(text: string): string[] {
  return matched(text).map(([t]) => t);
}

describe('TermIndex', () => {
  before(() => {
    const build = buildGlossary([
      {
        file: 'terms.yaml',
        text: glossaryYaml(
          entryYaml('panic-disorder', 'panic disorder', ['aliases: [MPD-X, PNC]']),
          entryYaml('personality-disorder', 'personality disorder', ['aliases: [PD]']),
          entryYaml('parkinsons-disease', "Parkinson's disease", ['aliases: [PD]']),
          entryYaml('anxiety', 'anxiety'),
          entryYaml('anxiety-disorder', 'anxiety disorder'),
          entryYaml('social-anxiety-disorder', 'social anxiety disorder'),
          entryYaml('therapy', 'therapy'),
          entryYaml('family-therapy', 'family therapy'),
          entryYaml('theory', 'theory'),
          entryYaml('fox', 'fox'),
          entryYaml('aspergers', "Asperger's syndrome"),
          entryYaml('tourettes', "Tourette's"),
          entryYaml('hard-wired', 'hard-wired'),
          entryYaml('self-harm', 'self harm'),
          entryYaml('open-dialogue', 'Open Dialogue', ['match_case: true']),
          entryYaml('cbt', 'cognitive behavioral therapy', ['aliases: [CBT]']),
        ),
      },
    ]);
    assert.deepEqual(build.problems, []);
    glossary = build.glossary;
  });

  it('matches a term whatever its capitalisation', () => {
    assert.deepEqual(matched('Panic Disorder; PANIC DISORDER; panic disorder.'), [
      ['Panic Disorder', 'panic-disorder', false],
      ['PANIC DISORDER', 'panic-disorder', false],
      ['panic disorder', 'panic-disorder', false],
    ]);
  });

  it('reports exact offsets for a match', () => {
    const text = 'We saw panic disorder twice.';
    assert.deepEqual(
      lint(text, { glossary, rules: only() }).matches.map((m) => [m.start, m.end]),
      [[7, 21]],
    );
    const block = parseDocument(text).blocks[0];
    assert.deepEqual(
      glossary.index.matchSentence(block, block.sentences[0]).map((m) => [m.start, m.end, m.first, m.last]),
      [[7, 21, 2, 3]],
    );
  });

  it('matches an all-capitals alias only in capitals', () => {
    assert.deepEqual(texts('PNC, pnc and Pnc.'), ['PNC']);
  });

  it('matches a hyphenated all-capitals alias only in capitals', () => {
    assert.deepEqual(texts('MPD-X and mpd-x.'), ['MPD-X']);
  });

  it('matches an all-capitals alias in the plural with a small s', () => {
    assert.deepEqual(matched('Two CBTs were run.'), [['CBTs', 'cbt', true]]);
  });

  it('matches a match_case entry only as written', () => {
    assert.deepEqual(texts('Open Dialogue; open dialogue; OPEN DIALOGUE.'), ['Open Dialogue']);
  });

  it('matches the plural of the last word (-s, -ies, -es)', () => {
    assert.deepEqual(matched('Panic disorders, theories, therapies and foxes.'), [
      ['Panic disorders', 'panic-disorder', true],
      ['theories', 'theory', true],
      ['therapies', 'therapy', true],
      ['foxes', 'fox', true],
    ]);
  });

  it('does not pluralize a word other than the last', () => {
    assert.deepEqual(texts('Panics disorder.'), []);
  });

  it("matches a possessive term with and without the apostrophe, straight or curly", () => {
    assert.deepEqual(texts("Asperger's syndrome, Asperger syndrome, Aspergers syndrome, Asperger’s syndrome."), [
      "Asperger's syndrome",
      'Asperger syndrome',
      'Aspergers syndrome',
      'Asperger’s syndrome',
    ]);
  });

  it("matches a term followed by a possessive 's, leaving the 's outside the match", () => {
    assert.deepEqual(matched("The panic disorder's course varied."), [['panic disorder', 'panic-disorder', false]]);
  });

  it('matches a hyphenated term written with a hyphen, a space or solid', () => {
    assert.deepEqual(texts('Hard-wired, hard wired and hardwired.'), ['Hard-wired', 'hard wired', 'hardwired']);
  });

  it('matches a spaced term written with a hyphen', () => {
    assert.deepEqual(texts('Self-harm and self harm.'), ['Self-harm', 'self harm']);
  });

  it('matches across a line break inside a paragraph', () => {
    const text = 'It was panic\ndisorder.';
    const { matches } = lint(text, { glossary, rules: only() });
    assert.deepEqual(
      matches.map((m) => [m.start, m.end]),
      [[7, 21]],
    );
  });

  it('matches across emphasis markers', () => {
    assert.deepEqual(texts('A panic *disorder* case.'), ['panic *disorder']);
  });

  it('does not match across punctuation', () => {
    assert.deepEqual(texts('Panic, disorder. Panic. Disorder. Panic/disorder. Panic — disorder. Panic (disorder).'), []);
  });

  it('does not match across a paragraph break', () => {
    assert.deepEqual(texts('It was panic\n\ndisorder.'), []);
  });

  it('does not match across inline code', () => {
    assert.deepEqual(texts('Panic `x` disorder.'), []);
  });

  it('prefers the longest match', () => {
    assert.deepEqual(matched('Social anxiety disorder, family therapy, anxiety disorder and anxiety.'), [
      ['Social anxiety disorder', 'social-anxiety-disorder', false],
      ['family therapy', 'family-therapy', false],
      ['anxiety disorder', 'anxiety-disorder', false],
      ['anxiety', 'anxiety', false],
    ]);
  });

  it('never matches inside a longer word', () => {
    assert.deepEqual(texts('Theoretical antianxiety foxglove therapyish hardwiredness.'), []);
  });

  it('lists every entry that shares an alias', () => {
    assert.deepEqual(matched('PD was noted.'), [['PD', 'personality-disorder+parkinsons-disease', false]]);
  });

  it('marks a match inside quoted speech as quoted', () => {
    const { matches } = lint('He said “panic disorder” then panic disorder.', { glossary, rules: only() });
    assert.deepEqual(
      matches.map((m) => m.quoted),
      [true, false],
    );
  });

  it('reads a short quoted term as a scare quote (the writer’s use), longer or punctuated quotations as quoted', () => {
    const quoted = (text: string) => lint(text, { glossary, rules: only() }).matches.map((m) => m.quoted);
    assert.deepEqual(quoted('The so-called “family therapy” he ran was a lecture.'), [false]);
    assert.deepEqual(quoted('A technique called "family therapy" was used.'), [false]);
    assert.deepEqual(quoted('She wrote: “family therapy”.'), [true]);
    assert.deepEqual(quoted('“I never liked family therapy much at all,” she said.'), [true]);
    assert.deepEqual(quoted('“Family therapy, again,” she sighed.'), [true]);
    assert.deepEqual(quoted('He read *Family Therapy in Practice* twice.'), [true]);
  });

  it('does not match the tail of a compound whose head opposes it ("anti-X", "non-X")', () => {
    assert.deepEqual(texts('Anti-anxiety drugs, non-anxiety controls and anxiety.'), ['anxiety']);
  });

  it('matches a multi-word term whose words are run together, as scraped text has them', () => {
    assert.deepEqual(matched('Her familytherapy and panicdisorders.'), [
      ['familytherapy', 'family-therapy', false],
      ['panicdisorders', 'panic-disorder', true],
    ]);
  });

  it('matches a bare eponym only with its possessive, never the bare name', () => {
    assert.deepEqual(texts("Tourette's, Tourette’s and Tourettes, but not Gilles de la Tourette."), ["Tourette's", 'Tourette’s', 'Tourettes']);
  });

  it('marks a term inside a capitalised multi-word name as quoted, but not a capitalised term alone', () => {
    const quoted = (text: string) => lint(text, { glossary, rules: only() }).matches.map((m) => [text.slice(m.start, m.end), m.quoted]);
    assert.deepEqual(quoted('She wrote to the National Institute for Panic Disorder Research.'), [['Panic Disorder', true]]);
    assert.deepEqual(quoted('The Panic Disorder Foundation and the Society of Family Therapy met.'), [
      ['Panic Disorder', true],
      ['Family Therapy', true],
    ]);
    assert.deepEqual(quoted('Children with Panic Disorder often avoid school.'), [['Panic Disorder', false]]);
    assert.deepEqual(quoted('It ended.People with Panic Disorder wait.'), [['Panic Disorder', false]]);
    assert.deepEqual(quoted('We offer Family Therapy and Panic Disorder groups.'), [
      ['Family Therapy', false],
      ['Panic Disorder', false],
    ]);
  });

  it('can be used directly on a parsed sentence', () => {
    const index = new TermIndex(glossary.entries.values());
    const doc = parseDocument('Family therapy helped.');
    const block = doc.blocks[0];
    const out = index.matchSentence(block, block.sentences[0]);
    assert.deepEqual(
      out.map((m) => [m.start, m.end, m.entryIds, m.surfaces[0].text]),
      [[0, 14, ['family-therapy'], 'family therapy']],
    );
  });
});

describe('pluralize', () => {
  it('adds -s, -es and -ies and keeps capitals', () => {
    assert.deepEqual(
      ['disorder', 'theory', 'day', 'box', 'crash', 'bias', 'CBT', 'PARTY', 'BOX'].map(pluralize),
      ['disorders', 'theories', 'days', 'boxes', 'crashes', 'biases', 'CBTs', 'PARTIES', 'BOXES'],
    );
  });

  it('forms Greek -sis plurals and irregular plurals ("neurosis" -> "neuroses", not "neurosises")', () => {
    assert.deepEqual(
      ['neurosis', 'psychosis', 'diagnosis', 'NEUROSIS', 'person', 'Person', 'criterion', 'sis'].map(pluralize),
      ['neuroses', 'psychoses', 'diagnoses', 'NEUROSES', 'people', 'People', 'criteria', 'sises'],
    );
  });
});
