// Facts with one home each (issue 16): the binary search, front matter, the
// offset/line index, the hedges of a classification. Each test here would
// fail if a caller kept a copy of its own that disagreed.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bibliographyFiles } from '../../server/src/bibliography';
import { CLASSIFICATION_HEDGE } from '../../server/src/engine/claims/language';
import { CLAIM_LANGUAGE } from '../../server/src/engine/claims/languageData';
import { checkClaimLanguage } from '../../server/src/engine/claims/languageSchema';
import { frontMatterOf, yamlFrontMatter } from '../../server/src/engine/parse/frontMatter';
import { HEDGE } from '../../server/src/engine/rules/frames';
import { lastAtOrBefore, partitionPoint } from '../../server/src/engine/sorted';
import { positionsIn } from '../../server/src/yamlData';
import { parseDocument } from './parseDocument';

describe('one binary search', () => {
  it('finds the last value at or before a value, as a scan does', () => {
    const sorted = [0, 3, 3, 7, 12, 40];
    for (let v = -2; v <= 45; v++) {
      let scan = 0;
      sorted.forEach((s, i) => s <= v && (scan = i));
      assert.equal(lastAtOrBefore(sorted, v), scan, `value ${v}`);
    }
    assert.equal(lastAtOrBefore([], 5), 0);
  });

  it('finds where a predicate holding for a prefix stops holding', () => {
    const starts = [2, 4, 4, 9];
    for (let v = 0; v <= 10; v++) assert.equal(partitionPoint(starts.length, (i) => starts[i] < v), starts.filter((s) => s < v).length, `value ${v}`);
    assert.equal(partitionPoint(0, () => true), 0);
  });
});

describe('front matter, read one way', () => {
  it('closes YAML front matter with "..." as Pandoc does, in the engine and the bibliography lookup alike', () => {
    const text = '---\ntitle: Notes\nbibliography: refs.bib\n...\n\nBody text.\n';
    const doc = parseDocument(text);
    assert.equal(doc.frontMatter?.value, 'title: Notes\nbibliography: refs.bib');
    assert.deepEqual(doc.blocks.map((b) => text.slice(b.start, b.end)), ['Body text.']);
    assert.deepEqual(bibliographyFiles(text, path.join(os.tmpdir(), 'draft.md')), [path.join(os.tmpdir(), 'refs.bib')]);
  });

  it('does not close TOML front matter with a YAML fence', () => {
    assert.equal(frontMatterOf('+++\ntitle = "x"\n---\nmore\n'), undefined);
    assert.deepEqual(frontMatterOf('+++\ntitle = "x"\n+++\n'), { start: 0, end: 19, yaml: false, value: 'title = "x"' });
  });

  it('reads front matter after a byte order mark and with CRLF line ends from a file on disk', () => {
    assert.equal(yamlFrontMatter('\ufeff---\r\nbibliography: a.bib\r\n---\r\nText.'), 'bibliography: a.bib ');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psylint-fm-'));
    assert.deepEqual(bibliographyFiles('\ufeff---\r\nbibliography: a.bib\r\n---\r\nText.', path.join(dir, 'd.md')), [path.join(dir, 'a.bib')]);
  });
});

describe('YAML data positions', () => {
  it('split lines at LF only, as the yaml library does, and clamp offsets', () => {
    const text = 'a: 1\rb: 2\r\nc: 3\n';
    const at = positionsIn(text);
    assert.deepEqual(at(text.indexOf('c')), { line: 2, column: 1 });
    assert.deepEqual(at(text.indexOf('b')), { line: 1, column: 6 });
    assert.deepEqual(at(-5), { line: 1, column: 1 });
    assert.deepEqual(at(1e9), at(text.length));
  });
});

describe('hedges of a classification, as data', () => {
  it('are read from data/claim-language.yaml, not from a list in rule code', () => {
    assert.equal(HEDGE, CLASSIFICATION_HEDGE);
    for (const hedge of CLAIM_LANGUAGE.classification_hedges) assert.ok(HEDGE.test(`x ${hedge} y`), hedge);
    assert.equal(HEDGE.test('an early form of'), false);
  });

  it('are checked like the rest of the claim language', () => {
    const broken = structuredClone(CLAIM_LANGUAGE);
    broken.classification_hedges = [...broken.classification_hedges, broken.classification_hedges[0]];
    assert.ok(checkClaimLanguage(broken).some((p) => /^classification_hedges: "may" is listed twice/.test(p)));
    (broken as { classification_hedges?: unknown }).classification_hedges = undefined;
    assert.ok(checkClaimLanguage(broken).some((p) => /^classification_hedges: must be a list/.test(p)));
  });
});
