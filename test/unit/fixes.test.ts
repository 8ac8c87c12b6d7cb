// Applying fixes: applyEdits, selectFixes, and "fix all" end to end.

import assert from 'node:assert/strict';
import { applyEdits, editsOf, selectFixes } from '../../server/src/engine/fixes';
import type { Finding, Fix, TextEdit } from '../../server/src/engine/types';
import { outdated } from './helpers';

function fix(title: string, edits: TextEdit[], safe: boolean, preferred?: boolean): Fix {
  return { title, edits, safe, preferred };
}

function finding(start: number, end: number, fixes: Fix[], ruleId = 'term/outdated'): Finding {
  return { ruleId, severity: 'warning', message: 'm', start, end, terms: [], fixes };
}

describe('applyEdits', () => {
  const text = 'alpha beta gamma';

  it('applies edits given in any order to the same result', () => {
    const edits: TextEdit[] = [
      { start: 0, end: 5, text: 'A' },
      { start: 6, end: 10, text: 'Bee' },
      { start: 11, end: 16, text: 'G' },
    ];
    const orders = [edits, [edits[2], edits[0], edits[1]], [edits[1], edits[2], edits[0]], [...edits].reverse()];
    for (const order of orders) assert.equal(applyEdits(text, order), 'A Bee G');
  });

  it('applies adjacent edits and insertions', () => {
    assert.equal(
      applyEdits(text, [
        { start: 5, end: 6, text: '-' },
        { start: 0, end: 5, text: 'ALPHA' },
        { start: 16, end: 16, text: '!' },
      ]),
      'ALPHA-beta gamma!',
    );
  });

  it('returns the text unchanged for no edits', () => {
    assert.equal(applyEdits(text, []), text);
  });

  it('throws on overlapping edits', () => {
    assert.throws(
      () =>
        applyEdits(text, [
          { start: 0, end: 7, text: 'x' },
          { start: 6, end: 10, text: 'y' },
        ]),
      { name: 'RangeError', message: 'edit 0-7 overlaps another edit' },
    );
  });

  it('throws on an edit outside the text', () => {
    assert.throws(() => applyEdits(text, [{ start: 10, end: 17, text: 'x' }]), { name: 'RangeError', message: 'edit 10-17 is outside the text' });
    assert.throws(() => applyEdits(text, [{ start: -1, end: 2, text: 'x' }]), { name: 'RangeError', message: 'edit -1-2 is outside the text' });
    assert.throws(() => applyEdits(text, [{ start: 4, end: 3, text: 'x' }]), { name: 'RangeError', message: 'edit 4-3 is outside the text' });
  });
});

describe('selectFixes', () => {
  it("takes each finding's preferred fix, even when it is not the first", () => {
    const first = fix('first', [{ start: 0, end: 1, text: 'a' }], true);
    const best = fix('best', [{ start: 0, end: 1, text: 'b' }], true, true);
    assert.deepEqual(selectFixes([finding(0, 1, [first, best])], { onlySafe: false }), [best]);
  });

  it('takes the first fix when none is preferred', () => {
    const first = fix('first', [{ start: 0, end: 1, text: 'a' }], true);
    const second = fix('second', [{ start: 0, end: 1, text: 'b' }], true);
    assert.deepEqual(selectFixes([finding(0, 1, [first, second])], { onlySafe: true }), [first]);
  });

  it('skips a finding whose preferred fix is unsafe when only safe fixes are wanted', () => {
    const unsafe = fix('unsafe', [{ start: 0, end: 1, text: 'a' }], false, true);
    const safeOther = fix('safe but not preferred', [{ start: 0, end: 1, text: 'b' }], true);
    const findings = [finding(0, 1, [unsafe, safeOther])];
    assert.deepEqual(selectFixes(findings, { onlySafe: true }), []);
    assert.deepEqual(selectFixes(findings, { onlySafe: false }), [unsafe]);
  });

  it('skips findings without fixes', () => {
    assert.deepEqual(selectFixes([finding(0, 1, [])], { onlySafe: false }), []);
  });

  it('never chooses fixes that overlap an earlier choice', () => {
    const a = fix('a', [{ start: 0, end: 5, text: 'x' }], true);
    const b = fix('b', [{ start: 4, end: 8, text: 'y' }], true);
    const c = fix('c', [{ start: 5, end: 8, text: 'z' }], true);
    assert.deepEqual(selectFixes([finding(0, 5, [a]), finding(4, 8, [b]), finding(5, 8, [c])], { onlySafe: true }), [a, c]);
  });

  it('treats two insertions at the same point as overlapping', () => {
    const a = fix('a', [{ start: 3, end: 3, text: 'x' }], true);
    const b = fix('b', [{ start: 3, end: 3, text: 'y' }], true);
    assert.deepEqual(selectFixes([finding(3, 3, [a]), finding(3, 3, [b])], { onlySafe: true }), [a]);
  });

  it('can be limited to one rule', () => {
    const a = fix('a', [{ start: 0, end: 1, text: 'x' }], true);
    const b = fix('b', [{ start: 2, end: 3, text: 'y' }], true);
    const findings = [finding(0, 1, [a], 'term/outdated'), finding(2, 3, [b], 'term/stigmatizing')];
    assert.deepEqual(selectFixes(findings, { onlySafe: true, ruleId: 'term/stigmatizing' }), [b]);
  });

  it('flattens the chosen fixes into edits', () => {
    const a = fix('a', [{ start: 0, end: 1, text: 'x' }], true);
    const b = fix('b', [
      { start: 2, end: 3, text: 'y' },
      { start: 4, end: 4, text: 'z' },
    ], true);
    assert.deepEqual(editsOf([a, b]), [
      { start: 0, end: 1, text: 'x' },
      { start: 2, end: 3, text: 'y' },
      { start: 4, end: 4, text: 'z' },
    ]);
  });
});

describe('fix all', () => {
  const draft = [
    '# Family history',
    '',
    'Manic depression ran in her family.\tTwo multiple personality disorders were',
    'described, and the chart said MPD.',
    '',
    'Hypochondriasis was noted — ünusual café notes 😀 follow.',
    '',
  ].join('\r\n');

  it('applies every safe fix; re-linting reports none of them and every other byte is kept', () => {
    const before = outdated(draft);
    assert.equal(before.length, 4);
    const fixed = applyEdits(draft, editsOf(selectFixes(before, { onlySafe: true })));
    const expected = [
      '# Family history',
      '',
      'Bipolar disorder ran in her family.\tTwo dissociative identity disorders were',
      'described, and the chart said dissociative identity disorder.',
      '',
      'Hypochondriasis was noted — ünusual café notes 😀 follow.',
      '',
    ].join('\r\n');
    assert.equal(fixed, expected);
    // Only the finding with no safe fix is left (two successors: the writer must choose).
    assert.deepEqual(
      outdated(fixed).map((f) => [f.start, f.end, f.terms[0]]),
      [[expected.indexOf('Hypochondriasis'), expected.indexOf('Hypochondriasis') + 15, 'hypochondriasis']],
    );
  });
});
