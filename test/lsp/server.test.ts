import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, DocumentDiagnosticReport, Hover, Location, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { DRAFT, startServer, tempWorkspace, type Harness } from './harness';


async function pull(h: Harness, doc: TextDocument, previousResultId?: string): Promise<DocumentDiagnosticReport> {
  return h.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: doc.uri }, previousResultId });
}

async function items(h: Harness, doc: TextDocument): Promise<Diagnostic[]> {
  const report = await pull(h, doc);
  assert.equal(report.kind, 'full');
  return (report as { items: Diagnostic[] }).items;
}

function applyAction(doc: TextDocument, action: CodeAction): TextDocument {
  const change = action.edit!.documentChanges![0] as TextDocumentEdit;
  assert.equal(change.textDocument.uri, doc.uri);
  assert.equal(change.textDocument.version, doc.version, 'edits are tied to the document version they were computed for');
  return TextDocument.create(doc.uri, doc.languageId, doc.version, TextDocument.applyEdits(doc, change.edits as { range: Diagnostic['range']; newText: string }[]));
}

async function actionsFor(h: Harness, doc: TextDocument, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return h.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: doc.uri }, range, context: { diagnostics, only } });
}

describe('language server over stdio (pull diagnostics)', function () {
  let h: Harness;
  before(async () => {
    h = await startServer();
  });
  after(async () => {
    await h.shutdown();
  });

  it('announces diagnostics, hover, definition and code actions with fix-all', () => {
    const caps = h.initialize.capabilities;
    assert.ok(caps.diagnosticProvider, 'pull diagnostics');
    assert.equal(caps.hoverProvider, true);
    assert.equal(caps.definitionProvider, true);
    const kinds = (caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds;
    assert.deepEqual(kinds, ['quickfix', 'source.fixAll.psylint']);
    assert.equal(h.initialize.serverInfo?.name, 'psylint');
  });

  it('reports a retired term with rule code, documentation link, source and exact range', async () => {
    const doc = h.open('draft.md', DRAFT);
    const diagnostics = await items(h, doc);
    assert.equal(diagnostics.length, 1, 'the term in inline code is not a finding');
    const [d] = diagnostics;
    assert.equal(d.code, 'term/outdated');
    assert.equal(d.source, 'psylint');
    assert.match(d.codeDescription!.href, /docs\/rules\/term-outdated\.md$/);
    assert.deepEqual(d.range, { start: { line: 2, character: 26 }, end: { line: 2, character: 42 } });
    assert.equal(doc.getText(d.range), 'manic depression');
    assert.match(String(d.message), /bipolar disorder/);
  });

  it('answers an unchanged document with kind "unchanged"', async () => {
    const doc = h.open('unchanged.md', DRAFT);
    const first = await pull(h, doc);
    assert.equal(first.kind, 'full');
    const second = await pull(h, doc, (first as { resultId: string }).resultId);
    assert.equal(second.kind, 'unchanged');
  });

  it('re-lints after didChange', async () => {
    let doc = h.open('change.md', 'Nothing to report here.\n');
    assert.equal((await items(h, doc)).length, 0);
    doc = h.change(doc, 'Nothing to report here.\n\nHe was told he had mental retardation.\n');
    const diagnostics = await items(h, doc);
    assert.deepEqual(diagnostics.map((d) => doc.getText(d.range)), ['mental retardation']);
  });

  it('hovers a glossary term with its definition, current name and sources, over exactly the matched words', async () => {
    const doc = h.open('hover.md', DRAFT);
    const hover = (await h.connection.sendRequest('textDocument/hover', { textDocument: { uri: doc.uri }, position: { line: 2, character: 30 } })) as Hover;
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /\*\*manic depression\*\*/);
    assert.match(value, /\*\*Current name:\*\* \*\*bipolar disorder\*\*/);
    assert.match(value, /\*\*Sources:\*\*/);
    assert.equal(doc.getText(hover.range!), 'manic depression');
    const inCode = await h.connection.sendRequest('textDocument/hover', { textDocument: { uri: doc.uri }, position: { line: 4, character: 30 } });
    assert.equal(inCode, null, 'no hover inside inline code');
  });

  it('hovers entries from every part of the glossary: "Not the same as", "Not a kind of", "A kind of"', async () => {
    const text = 'We offer interpersonal therapy (IPT) and mentalization-based treatment.\n\nIn free association the client says whatever comes to mind.\n';
    const doc = h.open('hover-terms.md', text);
    const hoverAt = async (word: string) => {
      const position = doc.positionAt(text.indexOf(word) + 1);
      return (await h.connection.sendRequest('textDocument/hover', { textDocument: { uri: doc.uri }, position })) as Hover;
    };
    const ipt = await hoverAt('interpersonal therapy');
    assert.equal(doc.getText(ipt.range!), 'interpersonal therapy');
    assert.match((ipt.contents as { value: string }).value, /\*\*Not a kind of:\*\*\n- \[psychodynamic psychotherapy\]\(file:\/\/.*psychodynamic\.yaml#L\d+\): /);
    const mbt = await hoverAt('mentalization-based treatment');
    assert.equal(doc.getText(mbt.range!), 'mentalization-based treatment');
    assert.match((mbt.contents as { value: string }).value, /\*\*A kind of:\*\* \[psychodynamic psychotherapy\]/);
    const fa = await hoverAt('free association');
    assert.match((fa.contents as { value: string }).value, /\*\*Not the same as:\*\*\n- \[word-association test\]\(file:/);
  });

  it('lists glossary entries for Show Glossary Entry, with the one under the cursor', async () => {
    const doc = h.open('entries.md', DRAFT);
    const result = (await h.connection.sendRequest('psylint/glossaryEntries', { uri: doc.uri, position: { line: 2, character: 30 } })) as {
      entries: { id: string; uri: string; line: number }[];
      atCursor?: string;
    };
    assert.equal(result.atCursor, 'manic-depression');
    assert.ok(result.entries.length >= 150);
    const entry = result.entries.find((e) => e.id === 'manic-depression')!;
    assert.match(fs.readFileSync(URI.parse(entry.uri).fsPath, 'utf8').split('\n')[entry.line], /id: manic-depression/);
  });

  it('goes to the glossary entry of a term', async () => {
    const doc = h.open('definition.md', DRAFT);
    const location = (await h.connection.sendRequest('textDocument/definition', { textDocument: { uri: doc.uri }, position: { line: 2, character: 30 } })) as Location;
    const file = URI.parse(location.uri).fsPath;
    assert.equal(path.basename(file), 'diagnoses.yaml');
    const line = fs.readFileSync(file, 'utf8').split('\n')[location.range.start.line];
    assert.match(line, /id: manic-depression/);
  });

  it('offers the current term as the preferred quick fix; applying it removes the finding and nothing else changes', async () => {
    let doc = h.open('fix.md', DRAFT);
    const diagnostics = await items(h, doc);
    const actions = await actionsFor(h, doc, diagnostics);
    const fix = actions.find((a) => a.isPreferred)!;
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.title, 'Replace with “bipolar disorder”');
    const fixed = applyAction(doc, fix);
    assert.equal(fixed.getText(), DRAFT.replace('treated for manic depression', 'treated for bipolar disorder'));
    doc = h.change(doc, fixed.getText());
    assert.deepEqual(await items(h, doc), []);
  });

  it('offers "disable for this line", which silences the finding', async () => {
    let doc = h.open('disable.md', DRAFT);
    const diagnostics = await items(h, doc);
    const disable = (await actionsFor(h, doc, diagnostics)).find((a) => a.title === 'Disable term/outdated for this line')!;
    const fixed = applyAction(doc, disable);
    assert.equal(fixed.getText().split('\n')[2], 'Her uncle was treated for manic depression in the 2010s. <!-- psylint-disable-line term/outdated -->');
    doc = h.change(doc, fixed.getText());
    assert.deepEqual(await items(h, doc), []);
  });

  it('fixes all problems of a rule, and all safe problems for source.fixAll.psylint', async () => {
    // Mental retardation is still an ICD-10 name, so its fix is never applied unattended; psychogenic amnesia is a pure rename.
    const text = 'First, manic depression.\n\nThen psychogenic amnesia and multiple personality disorder.\n\nHypochondriasis has two successors.\n';
    let doc = h.open('fixall.md', text);
    const diagnostics = await items(h, doc);
    assert.equal(diagnostics.length, 4);
    const fixAllRule = (await actionsFor(h, doc, [diagnostics[0]])).find((a) => a.title.startsWith('Fix all term/outdated problems'))!;
    assert.equal(fixAllRule.title, 'Fix all term/outdated problems (3)', 'the finding with two successors needs a human');
    const onSave = await actionsFor(h, doc, [], ['source.fixAll.psylint']);
    assert.equal(onSave.length, 1);
    assert.equal(onSave[0].kind, 'source.fixAll.psylint');
    const fixed = applyAction(doc, onSave[0]);
    assert.equal(
      fixed.getText(),
      'First, bipolar disorder.\n\nThen dissociative amnesia and dissociative identity disorder.\n\nHypochondriasis has two successors.\n',
    );
    doc = h.change(doc, fixed.getText());
    assert.deepEqual((await items(h, doc)).map((d) => doc.getText(d.range)), ['Hypochondriasis']);
  });

  it('refuses to pair a code action with a stale version: edits carry the version they were computed for', async () => {
    let doc = h.open('stale.md', DRAFT);
    const diagnostics = await items(h, doc);
    doc = h.change(doc, DRAFT + '\nOne more line.\n');
    // Diagnostics of version 1 still match a finding of version 2 (the edit is below it): the actions carry version 2.
    const actions = (await actionsFor(h, doc, diagnostics)).filter((a) => (a.edit?.documentChanges?.[0] as TextDocumentEdit | undefined)?.textDocument?.uri === doc.uri);
    assert.ok(actions.length >= 2, 'the quick fix and the disable comment are offered');
    for (const action of actions) assert.equal((action.edit!.documentChanges![0] as TextDocumentEdit).textDocument.version, doc.version);
    // A refusal: once the document moves on, every one of those edits names a version the editor no longer has.
    const moved = h.change(doc, 'Intro.\n\n' + doc.getText());
    for (const action of actions) assert.notEqual((action.edit!.documentChanges![0] as TextDocumentEdit).textDocument.version, moved.version);
    // And a diagnostic whose range no longer holds its finding gets no quick fix.
    const stale = await actionsFor(h, moved, diagnostics);
    assert.deepEqual(stale.filter((a) => a.kind === 'quickfix'), []);
  });

  it('applies rule severities from settings after didChangeConfiguration', async () => {
    const doc = h.open('settings.md', DRAFT);
    assert.equal((await items(h, doc))[0].severity, 2);
    h.settings = { rules: { 'term/outdated': 'error' } };
    await h.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.equal((await items(h, doc))[0].severity, 1);
    h.settings = { rules: { 'term/outdated': 'off' } };
    await h.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(await items(h, doc), []);
    h.settings = {};
    await h.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  });

  it('lints the workspace through executeCommand', async () => {
    fs.writeFileSync(path.join(h.workspace, 'closed.md'), 'A closed file about manic depression.\n');
    const result = (await h.connection.sendRequest('workspace/executeCommand', { command: 'psylint.server.lintWorkspace', arguments: [] })) as { files: number; findings: number };
    assert.ok(result.files >= 1);
    assert.ok(result.findings >= 1);
  });
});

describe('language server: workspace configuration and glossary', function () {
  const glossary = (extra = '') => `entries:
  - id: melancholia
    term: melancholia
    category: diagnosis
    definition: A historical name for severe depression with loss of pleasure and slowed movement.
    replaced_by:
      - term: major depressive disorder
    sources:
      - author: Test Author
        year: 2020
        title: A test source
${extra}`;

  it('uses .psylint/glossary.yaml, reports its errors at line and column, and keeps the last good glossary serving', async () => {
    const workspace = tempWorkspace({ '.psylint/glossary.yaml': glossary() });
    const h = await startServer({ workspace });
    try {
      const doc = h.open('draft.md', 'The chart says melancholia.\n');
      const before = await items(h, doc);
      assert.deepEqual(before.map((d) => doc.getText(d.range)), ['melancholia']);

      // Break the glossary in the editor (unsaved): a schema error on line 3.
      const glossaryUri = URI.file(path.join(workspace, '.psylint', 'glossary.yaml')).toString();
      const broken = glossary().replace('    term: melancholia\n', '    term: melancholia\n    colour: blue\n');
      await h.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: glossaryUri, languageId: 'yaml', version: 1, text: broken } });
      const glossaryDoc = TextDocument.create(glossaryUri, 'yaml', 1, broken);
      const problems = await items(h, glossaryDoc);
      assert.equal(problems.length, 1);
      assert.match(String(problems[0].message), /unknown field 'colour'/);
      assert.equal(problems[0].range.start.line, 3, 'reported at the unknown key (0-based line 3)');

      // The draft still gets the last good glossary's findings.
      const after = await items(h, doc);
      assert.deepEqual(after.map((d) => doc.getText(d.range)), ['melancholia']);
    } finally {
      await h.shutdown();
    }
  });

  it('reports a malformed .psylint.yaml at its line without crashing, and reads rule severities from a good one', async () => {
    const workspace = tempWorkspace({ '.psylint.yaml': 'rules:\n  term/outdated: loud\n' });
    const h = await startServer({ workspace });
    try {
      const configUri = URI.file(path.join(workspace, '.psylint.yaml')).toString();
      const text = fs.readFileSync(path.join(workspace, '.psylint.yaml'), 'utf8');
      await h.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: configUri, languageId: 'yaml', version: 1, text } });
      const doc = h.open('draft.md', DRAFT);
      assert.equal((await items(h, doc)).length, 1, 'defaults apply while the configuration is broken');
      const problems = await items(h, TextDocument.create(configUri, 'yaml', 1, text));
      assert.equal(problems.length, 1);
      assert.equal(problems[0].range.start.line, 1);
      assert.match(String(problems[0].message), /^rules.term\/outdated: 'loud' is not allowed; use error, warning, information, hint, off$/);

      const fixedText = 'rules:\n  term/outdated: off\n';
      await h.connection.sendNotification('textDocument/didChange', { textDocument: { uri: configUri, version: 2 }, contentChanges: [{ text: fixedText }] });
      assert.deepEqual(await items(h, doc), [], 'the configuration reloads live');
      assert.deepEqual(await items(h, TextDocument.create(configUri, 'yaml', 2, fixedText)), []);
    } finally {
      await h.shutdown();
    }
  });
});

describe('language server over stdio (push diagnostics)', function () {
  let h: Harness;
  before(async () => {
    h = await startServer({ pull: false });
  });
  after(async () => {
    await h.shutdown();
  });

  it('announces no pull provider and pushes versioned diagnostics', async () => {
    assert.equal(h.initialize.capabilities.diagnosticProvider, undefined);
    const doc = h.open('push.md', DRAFT);
    const pushed = await h.waitForPush(doc.uri, (p) => p.diagnostics.length > 0);
    assert.equal(pushed.version, 1);
    assert.equal(pushed.diagnostics[0].code, 'term/outdated');
  });

  it('publishes only the last version after rapid edits', async () => {
    let doc = h.open('rapid.md', 'Start.\n');
    for (let i = 0; i < 20; i++) doc = h.change(doc, `Edit ${i}.\n` + (i === 19 ? 'Then manic depression.\n' : ''));
    const pushed = await h.waitForPush(doc.uri, (p) => p.version === doc.version);
    assert.equal(pushed.diagnostics.length, 1);
    const versions = (h.published.get(doc.uri) ?? []).map((p) => p.version);
    assert.ok(versions.every((v) => v === 1 || v === doc.version), `only the opened and the last version were published: ${versions}`);
  });
});

describe('language server: every kind of quick fix, completion and the evidence summary', function () {
  let h: Harness;
  before(async () => {
    h = await startServer();
  });
  after(async () => {
    await h.shutdown();
  });

  /** Apply one fix of one finding; check the finding is gone and only the fix's range changed. */
  async function applyFix(name: string, text: string, code: string, title: RegExp, expected: string) {
    let doc = h.open(name, text);
    const diagnostics = (await items(h, doc)).filter((d) => d.code === code);
    assert.equal(diagnostics.length, 1, `one ${code} finding in: ${text}`);
    const action = (await actionsFor(h, doc, diagnostics)).find((a) => title.test(a.title));
    assert.ok(action, `a fix matching ${title}`);
    const fixed = applyAction(doc, action);
    assert.equal(fixed.getText(), expected);
    doc = h.change(doc, fixed.getText());
    assert.deepEqual((await items(h, doc)).filter((d) => d.code === code), [], 'the finding is gone');
  }

  const intro = 'Notes for the team.\n\n';
  const outro = '\n\nSee you on Monday.\n';

  it('term/conflation: keep one name', () =>
    applyFix('c1.md', `${intro}Psychodynamic therapy (or psychoanalytic therapy) is offered weekly.${outro}`, 'term/conflation', /^Keep “Psychodynamic therapy”/, `${intro}Psychodynamic therapy is offered weekly.${outro}`));

  it('term/conflation: rewrite to a contrast', () =>
    applyFix('c2.md', `${intro}Psychoanalytic therapy (or psychoanalysis) is offered weekly.${outro}`, 'term/conflation', /contrast/, `${intro}Psychoanalytic therapy (distinct from psychoanalysis) is offered weekly.${outro}`));

  it('term/misclassification: remove the list item', () =>
    applyFix(
      'm1.md',
      `${intro}Types of psychodynamic therapy include:\n\n- Mentalization-based treatment\n- Interpersonal therapy\n${outro}`,
      'term/misclassification',
      /Remove this list item/,
      `${intro}Types of psychodynamic therapy include:\n\n- Mentalization-based treatment\n${outro}`,
    ));

  it('term/misclassification: rephrase the kind-of claim', () =>
    applyFix('m2.md', `${intro}IPT is a form of psychodynamic therapy.${outro}`, 'term/misclassification', /distinct from/, `${intro}IPT is distinct from psychodynamic therapy.${outro}`));

  it('term/misdefinition: name the concept the sentence describes', () =>
    applyFix(
      'd1.md',
      `${intro}In free association, the therapist reads a list of words.${outro}`,
      'term/misdefinition',
      /word-association test/,
      `${intro}In a word-association test, the therapist reads a list of words.${outro}`,
    ));

  it('term/stigmatizing: person-first and community-preferred wording', () =>
    applyFix('s1.md', `${intro}Her brother committed suicide in 2019.${outro}`, 'term/stigmatizing', /died by suicide/, `${intro}Her brother died by suicide in 2019.${outro}`));

  it('term/imprecise: the accurate term', () =>
    applyFix('i1.md', `${intro}A lie detector test was used at the border.${outro}`, 'term/imprecise', /polygraph/, `${intro}A polygraph test was used at the border.${outro}`));

  it('claim/unsupported: a citation placeholder in the document’s style', () =>
    applyFix('u1.md', `${intro}Group therapy reduces loneliness (Smith, 2019). Couples therapy improves trust.${outro}`, 'claim/unsupported', /placeholder/, `${intro}Group therapy reduces loneliness (Smith, 2019). Couples therapy improves trust (Author, Year).${outro}`));

  it('claim/vague-attribution: a placeholder in a Pandoc document', () =>
    applyFix('v1.qmd', `${intro}Research shows that therapy reduces relapse.${outro}`, 'claim/vague-attribution', /placeholder/, `${intro}Research shows that therapy reduces relapse [@TODO].${outro}`));

  it('claim/overstated: a calibrated rewrite', () =>
    applyFix('o1.md', `${intro}Psychodynamic therapy cures depression [1].${outro}`, 'claim/overstated', /can reduce/, `${intro}Psychodynamic therapy can reduce depression [1].${outro}`));

  it('completes citekeys from the bibliography after [@', async () => {
    fs.writeFileSync(path.join(h.workspace, 'refs.bib'), '@article{shedler2010,\n  title = {The efficacy of psychodynamic psychotherapy},\n  author = {Shedler, Jonathan},\n  year = {2010}\n}\n@book{freud1900,\n  title = {The interpretation of dreams},\n  year = {1900}\n}\n');
    const text = '---\nbibliography: refs.bib\n---\n\nTherapy helps [@sh';
    const doc = h.open('cite.qmd', text, 'quarto');
    const list = (await h.connection.sendRequest('textDocument/completion', { textDocument: { uri: doc.uri }, position: doc.positionAt(text.length) })) as { label: string; detail?: string; textEdit: { range: { start: { character: number } }; newText: string } }[];
    assert.deepEqual(list.map((i) => i.label).sort(), ['freud1900', 'shedler2010']);
    const item = list.find((i) => i.label === 'shedler2010')!;
    assert.equal(item.detail, 'Shedler, 2010');
    assert.equal(item.textEdit.range.start.character, 'Therapy helps [@'.length, 'replaces only the typed key');
    const plain = h.open('plain.md', 'No bibliography here [@sh');
    assert.deepEqual(await h.connection.sendRequest('textDocument/completion', { textDocument: { uri: plain.uri }, position: plain.positionAt(plain.getText().length) }), []);
  });

  it('shows the evidence summary as a code lens at the top', async () => {
    const doc = h.open('lens.md', 'Therapy works (Smith, 2019). Counselling helps people with anxiety.\n\nResearch shows that yoga reduces stress.\n');
    const lenses = (await h.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: doc.uri } })) as { range: { start: { line: number } }; command: { title: string } }[];
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].range.start.line, 0);
    assert.equal(lenses[0].command.title, 'Psylint: 3 claims · 1 cited · 2 uncited');
  });
});
