// parseDocument and splitChunks: what is prose, where sentences and words
// are, and that every offset is a UTF-16 index into the original text.
// Over 400 lines: one short case per parsing rule, grouped by what is prose.

import assert from 'node:assert/strict';
import { parseDocument, type ParsedDocument } from './parseDocument';
import type { Token } from '../../server/src/engine/parse/tokens';
import { documentKind, type Block } from '../../server/src/engine/parse/types';
import { splitChunks } from '../../server/src/engine/parse/units';
import { analysisCopy } from '../../server/src/engine/text';
import { covered, outdated } from './helpers';

function allTokens(doc: ParsedDocument): Token[] {
  return doc.blocks.flatMap((b) => b.sentences.flatMap((s) => s.tokens));
}

function words(doc: ParsedDocument): string[] {
  return allTokens(doc).map((t) => t.text);
}

function sentenceTexts(doc: ParsedDocument): string[] {
  return doc.blocks.flatMap((b) => b.sentences.map((s) => doc.text.slice(s.start, s.end)));
}

function token(doc: ParsedDocument, text: string): Token {
  const found = allTokens(doc).find((t) => t.text === text);
  assert.ok(found, `no token ${text}`);
  return found;
}

function blockTexts(doc: ParsedDocument): string[] {
  return doc.blocks.map((b) => doc.text.slice(b.start, b.end));
}

describe('parseDocument: blocks and sentences', () => {
  it('cuts paragraphs into blocks and blocks into sentences with exact offsets', () => {
    const text = 'The first idea comes here. A second idea follows.\n\nAnother paragraph starts.';
    const doc = parseDocument(text);
    assert.equal(doc.blocks.length, 2);
    assert.deepEqual(
      doc.blocks.map((b) => [b.kind, b.start, b.end]),
      [
        ['paragraph', 0, 49],
        ['paragraph', 51, 76],
      ],
    );
    assert.deepEqual(
      doc.blocks[0].sentences.map((s) => [s.start, s.end]),
      [
        [0, 26],
        [27, 49],
      ],
    );
    assert.deepEqual(sentenceTexts(doc), ['The first idea comes here.', 'A second idea follows.', 'Another paragraph starts.']);
  });

  it('gives each word its offsets, its text and a lower-cased norm', () => {
    const doc = parseDocument('Clinicians Met the Family.');
    assert.deepEqual(
      allTokens(doc).map((t) => [t.text, t.norm, t.start, t.end]),
      [
        ['Clinicians', 'clinicians', 0, 10],
        ['Met', 'met', 11, 14],
        ['the', 'the', 15, 18],
        ['Family', 'family', 19, 25],
      ],
    );
  });

  it('marks the first word of each sentence and a word after punctuation as breakBefore', () => {
    const doc = parseDocument('Mood was low, sleep was poor. Later it lifted.');
    const breaks = allTokens(doc)
      .filter((t) => t.breakBefore)
      .map((t) => t.text);
    assert.deepEqual(breaks, ['Mood', 'sleep', 'Later']);
  });

  it('keeps a sentence that runs over a soft line break as one sentence', () => {
    const text = 'This sentence runs\nacross two lines. Then a short one.';
    const doc = parseDocument(text);
    assert.deepEqual(
      doc.blocks[0].sentences.map((s) => [s.start, s.end]),
      [
        [0, 36],
        [37, 54],
      ],
    );
    assert.equal(token(doc, 'across').breakBefore, false);
  });

  it('keeps offsets exact with CRLF line endings', () => {
    const text = 'Line one goes\r\non here. Next.\r\n\r\nSecond para.\r\n';
    const doc = parseDocument(text);
    assert.deepEqual(sentenceTexts(doc), ['Line one goes\r\non here.', 'Next.', 'Second para.']);
    assert.deepEqual([token(doc, 'on').start, token(doc, 'Next').start, token(doc, 'Second').start], [15, 24, 33]);
    assert.equal(token(doc, 'on').breakBefore, false);
  });

  it('keeps offsets exact after a byte order mark', () => {
    const text = '\ufeffA first sentence. A second one.';
    const doc = parseDocument(text);
    assert.deepEqual(
      doc.blocks[0].sentences.map((s) => [s.start, s.end]),
      [
        [1, 18],
        [19, 32],
      ],
    );
    assert.deepEqual([token(doc, 'first').start, token(doc, 'second').start], [3, 21]);
  });

  it('keeps offsets exact around a tab inside a line', () => {
    const doc = parseDocument('One\ttwo three.');
    assert.deepEqual(
      allTokens(doc).map((t) => [t.text, t.start]),
      [
        ['One', 0],
        ['two', 4],
        ['three', 8],
      ],
    );
  });

  it('counts an emoji as two UTF-16 code units and never as a word', () => {
    const doc = parseDocument('We 😀 met 👩‍⚕️ twice.');
    assert.deepEqual(
      allTokens(doc).map((t) => [t.text, t.start]),
      [
        ['We', 0],
        ['met', 6],
        ['twice', 16],
      ],
    );
  });

  it('keeps accented and decomposed letters inside one word', () => {
    const doc = parseDocument('Élodie’s cafe\u0301 was naïve.');
    assert.deepEqual(
      allTokens(doc).map((t) => [t.text, t.norm, t.start, t.end]),
      [
        ['Élodie’s', "elodie's", 0, 8],
        ['cafe\u0301', 'cafe', 9, 14],
        ['was', 'was', 15, 18],
        ['naïve', 'naive', 19, 24],
      ],
    );
  });

  it('reports a term after a BOM, CRLF, a tab, an emoji and accented letters at its UTF-16 offsets', () => {
    const text = '\ufeffÉlodie’s notes.\r\nIn 😀 café\twe saw manic depression.\r\n';
    const findings = outdated(text);
    assert.deepEqual(
      findings.map((f) => [f.start, f.end]),
      [[36, 52]],
    );
    assert.deepEqual(covered(text, findings), ['manic depression']);
  });
});

describe('parseDocument: text that is never prose', () => {
  it('excludes a backtick fence, blank lines inside it included', () => {
    const text = 'Before.\n\n```js\nmanic depression\n\nstill code\n```\n\nAfter.';
    const doc = parseDocument(text);
    assert.deepEqual(blockTexts(doc), ['Before.', 'After.']);
    assert.deepEqual(doc.excluded, [{ start: 9, end: 47 }]);
  });

  it('excludes a tilde fence', () => {
    const text = 'Before.\n\n~~~\nsome code\n\nmore\n~~~\nAfter tilde.';
    const doc = parseDocument(text);
    assert.deepEqual(blockTexts(doc), ['Before.', 'After tilde.']);
    assert.deepEqual(doc.excluded, [{ start: 9, end: 32 }]);
  });

  it('excludes an unclosed fence up to the end of the file', () => {
    const text = 'Before.\n\n```\nunclosed\n\nmanic depression to the end';
    const doc = parseDocument(text);
    assert.deepEqual(blockTexts(doc), ['Before.']);
    assert.deepEqual(doc.excluded, [{ start: 9, end: text.length }]);
    assert.deepEqual(outdated(text), []);
  });

  it('excludes indented code', () => {
    const text = 'Para.\n\n    manic depression in code\n\n    more code\n\nAfter.';
    const doc = parseDocument(text);
    assert.deepEqual(blockTexts(doc), ['Para.', 'After.']);
    assert.deepEqual(doc.excluded, [{ start: 7, end: 50 }]);
  });

  it('masks inline code, and a word after it cannot join a word before it', () => {
    const text = 'Call `run(x)` daily then stop.';
    const doc = parseDocument(text);
    assert.deepEqual(doc.blocks[0].masked, [{ start: 5, end: 13 }]);
    assert.deepEqual(words(doc), ['Call', 'daily', 'then', 'stop']);
    assert.equal(token(doc, 'daily').breakBefore, true);
  });

  it('reads YAML front matter at the start and excludes it', () => {
    const text = '---\ntitle: Manic depression\n---\n\nBody text.\n';
    const doc = parseDocument(text);
    assert.deepEqual(doc.frontMatter, { start: 0, end: 31, value: 'title: Manic depression' });
    assert.deepEqual(doc.excluded, [{ start: 0, end: 31 }]);
    assert.deepEqual(blockTexts(doc), ['Body text.']);
  });

  it('keeps front matter with a blank line inside it in one chunk', () => {
    const text = '---\na: 1\n\nb: manic depression\n---\n\nBody.';
    const doc = parseDocument(text);
    assert.equal(doc.frontMatter?.value, 'a: 1\n\nb: manic depression');
    assert.deepEqual(blockTexts(doc), ['Body.']);
  });

  it('does not read a later --- block as front matter', () => {
    const text = 'Intro here.\n\n---\ntitle: something\n---\n\nText.';
    const doc = parseDocument(text);
    assert.equal(doc.frontMatter, undefined);
    // The first --- is a thematic break; the rest is ordinary Markdown (a setext heading).
    assert.deepEqual(doc.excluded, [{ start: 13, end: 16 }]);
    assert.deepEqual(
      doc.blocks.map((b) => [b.kind, b.start]),
      [
        ['paragraph', 0],
        ['heading', 17],
        ['paragraph', 39],
      ],
    );
  });

  // Regression (fixed): front matter after a UTF-8 BOM is not recognized (splitChunks and remark-frontmatter
  // both see " ---" on the first line), so its YAML is linted as prose.
  it('reads front matter that follows a byte order mark', () => {
    const text = '\ufeff---\ntags:\n  - manic depression\n---\n\nBody.\n';
    const doc = parseDocument(text);
    assert.deepEqual(doc.frontMatter, { start: 1, end: 35, value: 'tags:\n  - manic depression' });
    assert.deepEqual(blockTexts(doc), ['Body.']);
    assert.deepEqual(outdated(text), []);
  });

  it('excludes HTML comments inline and as blocks, and records them as comments', () => {
    const text = 'Text <!-- hidden words --> more.\n\n<!-- a\n\nmulti -->\n\nEnd.';
    const doc = parseDocument(text);
    assert.deepEqual(doc.comments, [
      { start: 5, end: 26 },
      { start: 34, end: 51 },
    ]);
    assert.deepEqual(words(doc), ['Text', 'more', 'End']);
  });

  // Regression (fixed): a line that starts with an HTML comment is a CommonMark HTML block up to the end of the
  // line, so the visible text after the comment is excluded and never linted.
  it('lints visible text that follows an HTML comment on the same line', () => {
    const text = '<!-- note --> Manic depression was common.\n\nNext.';
    const doc = parseDocument(text);
    assert.deepEqual(words(doc), ['Manic', 'depression', 'was', 'common', 'Next']);
    assert.deepEqual(covered(text, outdated(text)), ['Manic depression']);
  });

  it('excludes an HTML block of code, a script or a table', () => {
    const text = 'Start.\n\n<pre>\nmanic depression in markup\n</pre>\n\nEnd.';
    const doc = parseDocument(text);
    assert.deepEqual(doc.excluded, [{ start: 8, end: 47 }]);
    assert.deepEqual(words(doc), ['Start', 'End']);
  });

  // HTML comments are excluded, not HTML: pages converted to Markdown keep their prose in <p> and <div>.
  it('reads the prose of an HTML block with its tags masked', () => {
    const text = 'Start.\n\n<div class="intro">\nmanic depression in markup\n</div>\n\nEnd.';
    const doc = parseDocument(text);
    assert.deepEqual(doc.excluded, []);
    assert.deepEqual(words(doc), ['Start', 'manic', 'depression', 'in', 'markup', 'End']);
  });

  it('keeps link text as prose and masks the URL', () => {
    const text = 'See [the manual](https://example.org/manic-depression) now.';
    const doc = parseDocument(text);
    assert.deepEqual(words(doc), ['See', 'the', 'manual', 'now']);
    assert.deepEqual(doc.blocks[0].masked, [
      { start: 4, end: 5 },
      { start: 15, end: 54 },
    ]);
  });

  it('finds a term inside link text but not inside its URL', () => {
    const text = 'Read about [manic depression](https://example.org/multiple-personality-disorder) here.';
    assert.deepEqual(covered(text, outdated(text)), ['manic depression']);
  });

  it('masks autolinks and images entirely', () => {
    const text = 'Go to <https://example.com/manic> and ![manic depression](img.png) now.';
    const doc = parseDocument(text);
    assert.deepEqual(words(doc), ['Go', 'to', 'and', 'now']);
    assert.deepEqual(doc.blocks[0].masked, [
      { start: 6, end: 33 },
      { start: 38, end: 66 },
    ]);
  });

  it('excludes block quotes', () => {
    const text = '> A quoted line.\n> Another.\n\nAfter quote.';
    const doc = parseDocument(text);
    assert.deepEqual(doc.excluded, [{ start: 0, end: 27 }]);
    assert.deepEqual(blockTexts(doc), ['After quote.']);
  });

  it('excludes a References section up to the next heading of the same level', () => {
    const text = [
      '# Intro', //              0-7
      '', //                     8
      'Text one.', //            9-18
      '', //
      '## References', //        20-33
      '', //
      'Smith, J. (2001). A title. Journal.', // 35-70
      '', //
      '### Older', //            72-81
      '', //
      'Still a reference.', //  83-101
      '', //
      '## Next', //              103-110
      '', //
      'Back to prose.', //       112-126
    ].join('\n');
    const doc = parseDocument(text);
    assert.deepEqual(doc.excluded, [
      { start: 35, end: 70 },
      { start: 83, end: 101 },
    ]);
    assert.deepEqual(blockTexts(doc), ['Intro', 'Text one.', 'References', 'Older', 'Next', 'Back to prose.']);
  });

  it('ends a References section at a higher-level heading', () => {
    const text = '## References\n\nA ref.\n\n# Part two\n\nProse again.';
    const doc = parseDocument(text);
    assert.deepEqual(doc.excluded, [{ start: 15, end: 21 }]);
    assert.deepEqual(blockTexts(doc), ['References', 'Part two', 'Prose again.']);
  });

  for (const title of ['Bibliography', 'Works cited', 'References:']) {
    it(`treats a heading "${title}" as a reference section`, () => {
      const text = `Prose.\n\n# ${title}\n\nA cited work.\n\n# After\n\nMore prose.`;
      const doc = parseDocument(text);
      assert.deepEqual(blockTexts(doc), ['Prose.', title, 'After', 'More prose.']);
    });
  }

  it('excludes footnote definitions', () => {
    const text = 'Claim here.[^1] More.\n\n[^1]: The note says manic depression.\n\nAfter.';
    const doc = parseDocument(text);
    assert.deepEqual(doc.excluded, [{ start: 23, end: 60 }]);
    assert.deepEqual(outdated(text), []);
  });

  it('masks a footnote reference whose definition is in the same paragraph chunk', () => {
    const doc = parseDocument('Claim here.[^1] More.\n[^1]: A note.\n');
    assert.deepEqual(doc.blocks[0].masked, [{ start: 11, end: 15 }]);
    assert.deepEqual(words(doc), ['Claim', 'here', 'More']);
  });

  // Regression (fixed): each chunk (text between blank lines) is parsed alone, so a footnote reference whose
  // definition sits in a later paragraph is plain text: "[^1]" is not masked and "1" is a word.
  it('masks a footnote reference whose definition is in a later paragraph', () => {
    const doc = parseDocument('Claim here.[^1] More.\n\n[^1]: A note.\n');
    assert.deepEqual(doc.blocks[0].masked, [{ start: 11, end: 15 }]);
    assert.deepEqual(words(doc), ['Claim', 'here', 'More']);
  });

  it('excludes MDX import and export lines in MDX documents only', () => {
    const text = 'import Chart from "./chart"\nexport const meta = 1\n\nText here.';
    const mdx = parseDocument(text, 'mdx');
    assert.deepEqual(mdx.excluded, [{ start: 0, end: 49 }]);
    assert.deepEqual(words(mdx), ['Text', 'here']);
    const md = parseDocument(text, 'markdown');
    assert.deepEqual(md.excluded, []);
    assert.ok(words(md).includes('import'));
  });
});

describe('parseDocument: quotations and citations', () => {
  it('marks words inside straight double quotes as quoted', () => {
    const doc = parseDocument('He said "we were calm" and left.');
    assert.deepEqual(
      allTokens(doc).map((t) => [t.text, t.quoted]),
      [
        ['He', false],
        ['said', false],
        ['we', true],
        ['were', true],
        ['calm', true],
        ['and', false],
        ['left', false],
      ],
    );
  });

  it('marks words inside curly double quotes as quoted', () => {
    const doc = parseDocument('She wrote “a quiet day” too.');
    const quoted = allTokens(doc)
      .filter((t) => t.quoted)
      .map((t) => t.text);
    assert.deepEqual(quoted, ['a', 'quiet', 'day']);
  });

  it('does not break a sentence at a Pandoc citation with a page locator', () => {
    const text = 'Sessions were weekly [@smith2010; @jones2012, p. 3]. Then they stopped.';
    const doc = parseDocument(text);
    assert.deepEqual(sentenceTexts(doc), ['Sessions were weekly [@smith2010; @jones2012, p. 3].', 'Then they stopped.']);
  });

  it('masks citekeys so they are not words', () => {
    const text = 'As @lee2019 noted [@kim-2020]. Done.';
    const doc = parseDocument(text);
    assert.deepEqual(words(doc), ['As', 'noted', 'Done']);
    assert.deepEqual(doc.blocks[0].masked, [
      { start: 3, end: 11 },
      { start: 19, end: 28 },
    ]);
  });
});

describe('parseDocument: headings, lists and tables', () => {
  it('tells a topic heading from a sentence heading', () => {
    const doc = parseDocument('# Mood and sleep\n\n## Why does sleep matter?\n\n### Sleep matters.\n\nBody.');
    assert.deepEqual(
      doc.blocks.map((b) => [b.kind, b.depth, b.topicHeading]),
      [
        ['heading', 1, true],
        ['heading', 2, false],
        ['heading', 3, false],
        ['paragraph', undefined, false],
      ],
    );
  });

  // Regression (fixed): a setext heading's range includes its ===/--- underline, so the punctuation test never
  // sees the final "." and every setext heading counts as a topic heading (and is never linted).
  it('tells a setext sentence heading from a setext topic heading', () => {
    const text = 'Manic depression was common.\n===\n\nManic depression\n---\n';
    const doc = parseDocument(text);
    assert.deepEqual(
      doc.blocks.map((b) => b.topicHeading),
      [false, true],
    );
    assert.deepEqual(covered(text, outdated(text)), ['Manic depression']);
  });

  it('links a block to the heading it sits under (for a heading, the nearest of a higher level)', () => {
    const doc = parseDocument('Preface.\n\n# One\n\nFirst.\n\n## Two\n\nSecond.\n\n## Three\n\n# Four\n\nLast.');
    assert.deepEqual(
      doc.blocks.map((b) => b.heading),
      [undefined, undefined, 1, 1, 3, 1, undefined, 6],
    );
  });

  it('records list items with their list and the paragraph that leads into the list', () => {
    const text = '## Kinds of support\n\nCommon kinds include:\n\n- First item here.\n- Second item\n  continues.\n\nAfter list.';
    const doc = parseDocument(text);
    assert.deepEqual(
      doc.blocks.map((b) => [b.kind, doc.text.slice(b.start, b.end), b.list]),
      [
        ['heading', 'Kinds of support', undefined],
        ['paragraph', 'Common kinds include:', undefined],
        ['paragraph', 'First item here.', { start: 44, item: 0, itemStart: 44, itemEnd: 62, lead: 1 }],
        ['paragraph', 'Second item\n  continues.', { start: 44, item: 1, itemStart: 63, itemEnd: 89, lead: 1 }],
        ['paragraph', 'After list.', undefined],
      ],
    );
  });

  it('takes a heading right before a list as its lead', () => {
    const doc = parseDocument('Intro.\n\n## Kinds of support\n\n- First item.\n');
    assert.deepEqual(
      doc.blocks.map((b) => b.list?.lead),
      [undefined, undefined, 1],
    );
  });

  it('keeps the outer lead for a nested list', () => {
    const text = 'Lead in:\n\n- Outer item.\n  - Inner item.\n';
    const doc = parseDocument(text);
    assert.deepEqual(
      doc.blocks.map((b) => b.list?.lead),
      [undefined, 0, 0],
    );
  });

  it('makes each table cell a block, with inline code masked', () => {
    const text = '| Term | Note |\n| --- | --- |\n| alpha | old `x` |\n';
    const doc = parseDocument(text);
    assert.deepEqual(
      doc.blocks.map((b) => b.kind),
      ['tableCell', 'tableCell', 'tableCell', 'tableCell'],
    );
    assert.deepEqual(words(doc), ['Term', 'Note', 'alpha', 'old']);
    assert.deepEqual(doc.blocks[3].masked, [{ start: 44, end: 47 }]);
  });
});

describe('parseDocument: plain text', () => {
  it('makes a block of each run of lines between blank lines', () => {
    const text = 'First para\nline two.\n\n   \n\nSecond para.';
    const doc = parseDocument(text, 'plaintext');
    assert.deepEqual(
      doc.blocks.map((b) => [b.start, b.end]),
      [
        [0, 20],
        [27, 39],
      ],
    );
  });

  it('reads Markdown syntax in plain text as prose', () => {
    const text = '# Not a heading\n\nUse `plain` words.';
    const doc = parseDocument(text, 'plaintext');
    assert.deepEqual(
      doc.blocks.map((b: Block) => b.kind),
      ['paragraph', 'paragraph'],
    );
    assert.deepEqual(words(doc), ['Not', 'a', 'heading', 'Use', 'plain', 'words']);
    assert.deepEqual(doc.excluded, []);
  });

  it('chooses the document kind from a language id or a file name', () => {
    assert.deepEqual(
      ['plaintext', 'notes.txt', 'mdx', 'page.MDX', 'markdown', 'ch1.qmd', undefined].map(documentKind),
      ['plaintext', 'plaintext', 'mdx', 'mdx', 'markdown', 'markdown', 'markdown'],
    );
  });
});

describe('splitChunks', () => {
  it('cuts at blank lines but never inside a fence', () => {
    const text = 'One.\n\nTwo.\n\n```\nx\n\ny\n```\n\nThree.';
    assert.deepEqual(
      splitChunks(text).map((c) => [c.start, c.end, c.frontMatterAllowed]),
      [
        [0, 6, true],
        [6, 12, false],
        [12, 26, false],
        [26, 32, false],
      ],
    );
  });

  it('never cuts inside front matter, an HTML comment or before an indented continuation', () => {
    const text = '---\na: 1\n\nb: 2\n---\n\nBody.\n\n- item\n\n  more of item\n\n<!-- c\n\nd -->\nEnd.';
    assert.deepEqual(
      splitChunks(text).map((c) => text.slice(c.start, c.end)),
      ['---\na: 1\n\nb: 2\n---\n\n', 'Body.\n\n', '- item\n\n  more of item\n\n', '<!-- c\n\nd -->\nEnd.'],
    );
  });

  it('cuts a CRLF text at the same places as its analysis copy', () => {
    const text = 'One.\r\n\r\nTwo.\r\n';
    assert.deepEqual(
      splitChunks(analysisCopy(text)).map((c) => [c.start, c.end]),
      [
        [0, 8],
        [8, 14],
      ],
    );
  });

  it('returns one empty chunk for an empty text', () => {
    assert.deepEqual(splitChunks(''), [{ start: 0, end: 0, frontMatterAllowed: true }]);
  });
});
