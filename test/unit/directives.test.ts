// Inline control comments: psylint-disable/enable regions, disable-next-line
// and disable-line, for all rules, one rule id or a family.

import assert from 'node:assert/strict';
import { Suppressions } from '../../server/src/engine/directives';
import { parseDocument } from './parseDocument';
import { covered, outdated } from './helpers';

/** Lines (1-based) of the term/outdated findings in a text. */
function findingLines(text: string): number[] {
  const doc = parseDocument(text);
  return outdated(text).map((f) => doc.lines.position(f.start).line);
}

function lines(...rows: string[]): string {
  return rows.join('\n') + '\n';
}

describe('directives: disable/enable regions', () => {
  it('disables all rules between disable and enable', () => {
    const text = lines(
      'Manic depression one.', // 1
      '',
      '<!-- psylint-disable -->',
      '',
      'Manic depression two.', // 5
      '',
      '<!-- psylint-enable -->',
      '',
      'Manic depression three.', // 9
    );
    assert.deepEqual(findingLines(text), [1, 9]);
  });

  it('disables one rule by id', () => {
    const text = lines('<!-- psylint-disable term/outdated -->', 'Manic depression one.', '<!-- psylint-enable term/outdated -->', 'Manic depression two.');
    assert.deepEqual(findingLines(text), [4]);
  });

  it('does not disable a rule that is not named', () => {
    const text = lines('<!-- psylint-disable term/stigmatizing claim -->', 'Manic depression one.', '<!-- psylint-enable -->');
    assert.deepEqual(findingLines(text), [2]);
  });

  it('disables a whole family by its name', () => {
    const text = lines('<!-- psylint-disable term -->', 'Manic depression one.', '<!-- psylint-enable term -->', 'Manic depression two.');
    assert.deepEqual(findingLines(text), [4]);
  });

  it('keeps a region open until the end when it is never enabled again', () => {
    const text = lines('Manic depression one.', '', '<!-- psylint-disable -->', '', 'Manic depression two.', '', '## Later part', '', 'Manic depression three.');
    assert.deepEqual(findingLines(text), [1]);
  });

  it('ignores an enable with no disable before it', () => {
    const text = lines('<!-- psylint-enable -->', 'Manic depression one.');
    assert.deepEqual(findingLines(text), [2]);
  });

  it('works inline, inside a paragraph', () => {
    const text = 'Manic depression one. <!-- psylint-disable --> Manic depression two. <!-- psylint-enable --> Manic depression three.';
    assert.deepEqual(covered(text, outdated(text)), ['Manic depression', 'Manic depression']);
    assert.deepEqual(
      outdated(text).map((f) => f.start),
      [0, 93],
    );
  });
  // Regression (fixed): a References section is excluded before its HTML is visited, so an enable comment
  // inside it is never seen and the disable region swallows everything after the section.
  it('sees an enable comment inside a References section', () => {
    const text = lines('<!-- psylint-disable -->', '', '## References', '', 'A cited work.', '<!-- psylint-enable -->', '', '## After', '', 'Manic depression here.');
    assert.deepEqual(findingLines(text), [10]);
  });
});

describe('directives: single lines', () => {
  it('disable-next-line silences only the next line', () => {
    const text = lines('<!-- psylint-disable-next-line -->', 'Manic depression here.', 'Manic depression there.');
    assert.deepEqual(findingLines(text), [3]);
  });

  it('disable-next-line takes a list of rules separated by commas or spaces', () => {
    const text = lines('<!-- psylint-disable-next-line term/stigmatizing, term/outdated -->', 'Manic depression here.');
    assert.deepEqual(findingLines(text), []);
  });

  it('disable-next-line for another rule leaves this one alone', () => {
    const text = lines('<!-- psylint-disable-next-line claim/unsupported -->', 'Manic depression here.');
    assert.deepEqual(findingLines(text), [2]);
  });

  it('disable-line silences the line it is on', () => {
    const text = lines('Manic depression here. <!-- psylint-disable-line term/outdated -->', 'Manic depression there.');
    assert.deepEqual(findingLines(text), [2]);
  });

  it('disable-next-line works with CRLF line endings', () => {
    const text = '<!-- psylint-disable-next-line -->\r\nManic depression here.\r\nManic depression there.\r\n';
    assert.deepEqual(findingLines(text), [3]);
  });

  it('disable-next-line works with lone CR line endings, and on the last line without a line break', () => {
    assert.deepEqual(findingLines('<!-- psylint-disable-next-line -->\rManic depression here.\rManic depression there.\r'), [3]);
    assert.deepEqual(findingLines('Manic depression there.\n<!-- psylint-disable-next-line -->\nManic depression here.'), [1]);
  });

  it('disable-line on a comment that spans lines silences each of its lines, and only those', () => {
    const text = lines('Manic depression here. <!-- psylint-disable-line', 'term/outdated --> Manic depression again.', 'Manic depression there.');
    assert.deepEqual(findingLines(text), [3]);
  });
});

describe('directives: where they have no effect', () => {
  it('a directive inside a fenced code block does nothing', () => {
    const text = lines('```', '<!-- psylint-disable -->', '```', '', 'Manic depression after the fence.');
    assert.deepEqual(findingLines(text), [5]);
  });

  it('a directive inside inline code does nothing', () => {
    const text = lines('Write `<!-- psylint-disable-line -->` to hide manic depression.');
    assert.deepEqual(findingLines(text), [1]);
  });

  it('an ordinary comment is not a directive', () => {
    const text = lines('<!-- psylint is disabled here? no -->', 'Manic depression here.');
    assert.deepEqual(findingLines(text), [2]);
  });
});

describe('Suppressions', () => {
  const text = lines('<!-- psylint-disable claim -->', 'Claim text.', '<!-- psylint-enable claim -->', 'Other text.', '<!-- psylint-disable-next-line term/* -->', 'Term text.');
  const doc = parseDocument(text);
  const suppressions = new Suppressions(doc.text, doc.comments);
  const at = (s: string) => text.indexOf(s);

  it('covers every rule of a family', () => {
    assert.equal(suppressions.isSuppressed('claim/unsupported', at('Claim text')), true);
    assert.equal(suppressions.isSuppressed('claim/overstated', at('Claim text')), true);
    assert.equal(suppressions.isSuppressed('term/outdated', at('Claim text')), false);
  });

  it('ends a region at its enable comment', () => {
    assert.equal(suppressions.isSuppressed('claim/unsupported', at('Other text')), false);
  });

  it('accepts family/* as a family', () => {
    assert.equal(suppressions.isSuppressed('term/conflation', at('Term text')), true);
    assert.equal(suppressions.isSuppressed('claim/unsupported', at('Term text')), false);
  });
});
