// Dialect: the text Psylint writes (fix replacements, suggested wording) in US
// or UK spelling; the writer's words as written.

import * as assert from 'node:assert/strict';
import { applyEdits, editsOf, selectFixes } from '../../server/src/engine/fixes';
import { dialectOfTag, respell, respellFinding } from '../../server/src/engine/dialect';
import { lint, type LintOptions } from '../../server/src/engine/lint';
import { buildGlossary } from '../../server/src/glossary/glossary';
import { compileSpelling } from '../../scripts/compile-spelling';
import { entryYaml, glossaryYaml, only } from './helpers';

const build = buildGlossary([
  {
    file: 'dialect.yaml',
    text: glossaryYaml(
      entryYaml('old-conduct', 'conduct trouble', ['category: diagnosis', 'replaced_by: [{term: pediatric behavior problem}]', 'retired_in: DSM-5 (2013)']),
      entryYaml('old-behaviour', 'behaviour fault', ['category: diagnosis', 'replaced_by: [{term: color anomaly}]', 'retired_in: DSM-5 (2013)']),
    ),
  },
]);

function fixed(text: string, options: Partial<LintOptions> = {}): { text: string; messages: string[] } {
  const findings = lint(text, { glossary: build.glossary, rules: only('term/outdated'), ...options }).findings;
  return { text: applyEdits(text, editsOf(selectFixes(findings, { onlySafe: false }))), messages: findings.map((f) => f.message) };
}

describe('dialect', () => {
  it('loads the test glossary', () => assert.deepEqual(build.problems, []));

  it('en-GB respells the fix and the suggestion, keeping case', () => {
    const out = fixed('Conduct trouble was noted.\n', { dialect: 'en-GB' });
    assert.equal(out.text, 'Paediatric behaviour problem was noted.\n');
    assert.match(out.messages[0], /“Conduct trouble”.*paediatric behaviour problem/i);
    assert.doesNotMatch(out.messages[0], /behavior/);
  });

  it('en-US respells UK wording the other way; the writer’s quoted term stays as written', () => {
    const out = fixed('The behaviour fault was noted.\n', { dialect: 'en-US' });
    assert.equal(out.text, 'The color anomaly was noted.\n');
    assert.match(out.messages[0], /“behaviour fault”/);
  });

  it('leaves the writer’s own words in a fix as spelled', () => {
    const out = fixed('The behaviour fault was noted.\n', { dialect: 'en-GB' });
    assert.equal(out.text, 'The colour anomaly was noted.\n');
    assert.match(out.messages[0], /“behaviour fault”/);
  });

  it('keeps the words an edit carries over from the text it replaces', () => {
    const text = 'The behavior clinic opened.';
    const finding = { ruleId: 'term/x', severity: 'warning' as const, message: '“behavior clinic”: write “behavior service”.', start: 4, end: 19, terms: [], fixes: [{ title: 'Rewrite', safe: true, edits: [{ start: 4, end: 19, text: 'behavior service for color' }] }] };
    const out = respellFinding(finding, 'en-GB', text);
    assert.equal(out.fixes[0].edits[0].text, 'behavior service for colour');
    assert.equal(out.message, '“behavior clinic”: write “behaviour service”.');
  });

  it('front matter lang: wins over the option; other values are ignored', () => {
    assert.equal(fixed('---\nlang: en-AU\n---\n\nConduct trouble was noted.\n', { dialect: 'en-US' }).text, '---\nlang: en-AU\n---\n\nPaediatric behaviour problem was noted.\n');
    assert.equal(fixed('---\nlang: "en-US"\n---\n\nConduct trouble.\n', { dialect: 'en-GB' }).text, '---\nlang: "en-US"\n---\n\nPediatric behavior problem.\n');
    assert.equal(fixed('---\nlang: fr-FR\n---\n\nConduct trouble.\n', { dialect: 'en-GB' }).text, '---\nlang: fr-FR\n---\n\nPaediatric behaviour problem.\n');
  });

  it('auto or none leaves every finding identical', () => {
    const text = 'Conduct trouble and the behaviour fault.\n';
    const plain = lint(text, { glossary: build.glossary });
    assert.deepEqual(lint(text, { glossary: build.glossary, dialect: 'auto' }), plain);
    assert.equal(fixed(text).text, 'Pediatric behavior problem and the color anomaly.\n');
  });

  it('respells whole words only, in their case, and leaves mixed case (a name) alone', () => {
    assert.equal(respell('Behavior, BEHAVIOR, behavioral, misbehavior, ColorBrewer', 'en-GB'), 'Behaviour, BEHAVIOUR, behavioural, misbehavior, ColorBrewer');
    assert.equal(respell('Paediatric colour', 'en-US'), 'Pediatric color');
  });

  it('reads language tags', () => {
    assert.deepEqual(['en-GB', 'en_au', 'en-US', 'en', 'de-DE', 'en-CA'].map(dialectOfTag), ['en-GB', 'en-GB', 'en-US', undefined, undefined, undefined]);
  });

  it('refuses spelling data with duplicates, a word in both columns or an unchanged pair, with file:line:column', () => {
    assert.deepEqual(compileSpelling('pairs:\n  color: colour\n  color: colur\n', 'x.yaml').problems, ["x.yaml:3:3: 'color' is listed twice (first on line 2)"]);
    assert.deepEqual(compileSpelling('pairs:\n  color: colour\n  colour: coloor\n', 'x.yaml').problems, ["x.yaml:3:3: 'colour' is in both columns"]);
    assert.deepEqual(compileSpelling('pairs:\n  gray: gray\n', 'x.yaml').problems, ["x.yaml:2:3: 'gray' is spelled the same in both columns"]);
    assert.deepEqual(compileSpelling('pairs:\n  a: b\n  c: b\n', 'x.yaml').problems, ["x.yaml:3:3: 'b' is the UK spelling of two words (first on line 2)"]);
    assert.ok(compileSpelling(require('node:fs').readFileSync('data/spelling.yaml', 'utf8')).pairs!.length > 50);
  });
});
