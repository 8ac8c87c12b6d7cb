// The workspace glossary (.psylint/glossary.yaml): its entries give hovers,
// and editing it re-lints open drafts and changes hovers without a restart.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, fixtureUri, hoverText, openDraft, rangeOfText, waitForDiagnostics } from './helpers';
import type { PsylintApi } from '../../../client/src/extension';

const NEW_ENTRY = `
  - id: neurasthenia
    term: neurasthenia
    category: diagnosis
    definition: >-
      An early twentieth-century diagnosis for lasting mental and physical
      tiredness after little effort, with aches, poor sleep and irritability.
    replaced_by:
      - term: bodily distress disorder
    retired_in: ICD-11 (2019)
    sources:
      - author: Psylint test fixtures
        year: 2026
        title: Workspace glossary used by the end-to-end tests
`;

describe('Workspace glossary', () => {
  let api: PsylintApi;

  before(async () => {
    api = await activate();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('adds hovers and findings as the glossary is edited, without a restart', async () => {
    const client = api.client();
    const draft = (await openDraft('glossary.md')).document;
    const neurasthenia = rangeOfText(draft, 'neurasthenia').start.translate(0, 2);

    // The fixture's workspace entry is already there.
    const sandtray = await hoverText(draft.uri, rangeOfText(draft, 'sandtray therapy').start.translate(0, 2));
    assert.ok(sandtray.includes('**sandtray therapy**'), `workspace entry hover:\n${sandtray}`);
    assert.ok(sandtray.includes('miniature'), `workspace entry definition:\n${sandtray}`);
    assert.equal(await hoverText(draft.uri, neurasthenia), '', 'no entry for neurasthenia yet');

    // Add an entry in the editor and save it.
    const glossary = await vscode.workspace.openTextDocument(fixtureUri('.psylint/glossary.yaml'));
    await vscode.window.showTextDocument(glossary, { preview: false, viewColumn: vscode.ViewColumn.Beside });
    const edit = new vscode.WorkspaceEdit();
    edit.insert(glossary.uri, glossary.lineAt(glossary.lineCount - 1).range.end, NEW_ENTRY.trimEnd());
    assert.ok(await vscode.workspace.applyEdit(edit), 'edited the glossary');
    assert.ok(await glossary.save(), 'saved the glossary');

    const [finding] = await waitForDiagnostics(draft.uri, (d) => d.length === 1, 'a term/outdated finding from the new entry');
    assert.equal(draft.getText(finding.range), 'neurasthenia');
    assert.equal(finding.message, '“neurasthenia” is a retired diagnostic term; write “bodily distress disorder”.');
    const added = await hoverText(draft.uri, neurasthenia);
    assert.ok(added.includes('**neurasthenia**'), `new hover:\n${added}`);
    assert.ok(added.includes('**Current name:** **bodily distress disorder**; retired in ICD-11 (2019).'), `new hover:\n${added}`);
    assert.ok(added.includes('physical tiredness'), `new hover definition:\n${added}`);

    // Change the entry without saving: the unsaved text is what counts.
    const change = new vscode.WorkspaceEdit();
    change.replace(glossary.uri, rangeOfText(glossary, 'ICD-11 (2019)'), 'ICD-11 (2022)');
    change.replace(glossary.uri, rangeOfText(glossary, 'term: bodily distress disorder'), 'term: somatic distress disorder');
    change.replace(glossary.uri, rangeOfText(glossary, 'physical\n      tiredness'), 'physical\n      exhaustion');
    assert.ok(await vscode.workspace.applyEdit(change), 'changed the entry');
    await waitForDiagnostics(draft.uri, (d) => d.length === 1 && d[0].message.includes('“somatic distress disorder”'), 'the message to follow the unsaved glossary');
    const changed = await hoverText(draft.uri, neurasthenia);
    assert.ok(changed.includes('physical exhaustion'), `changed hover:\n${changed}`);
    assert.ok(changed.includes('retired in ICD-11 (2022)'), `changed hover:\n${changed}`);

    // Undo the unsaved change: back to the saved entry.
    await vscode.window.showTextDocument(glossary);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitForDiagnostics(draft.uri, (d) => d.length === 1 && d[0].message.includes('“bodily distress disorder”'), 'the saved glossary again after revert');

    assert.equal(api.client(), client, 'the same language client throughout: no restart');
  });
});
