// "Psylint: Lint Workspace": every draft in the workspace folders. Open
// documents are covered by their own diagnostics; closed ones are published.

import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { isIgnored } from '../config';
import { lintAsync } from '../engine/lint';
import type { LintWorkspaceResult } from '../protocol';
import { toDiagnostic } from './convert';
import type { PsylintService } from './service';
import { effectiveRules } from './settings';

export async function lintWorkspace(service: PsylintService, publish: (uri: string, diagnostics: Diagnostic[]) => void): Promise<LintWorkspaceResult> {
  const { workspace, linter } = service;
  const { files: found, problems } = workspace.drafts();
  const files: string[] = [];
  let findings = 0;
  const messages = problems.map((p) => `${p.file}: ${p.message}`);
  for (const file of found) {
    const uri = URI.file(file).toString();
    const settings = await workspace.settings(uri);
    const resolved = linter.resolve(uri, settings);
    // What `ignore:` excludes is not a draft to lint, as for the CLI.
    if (isIgnored(resolved.config, file)) continue;
    files.push(file);
    const read = workspace.readDraft(file, resolved.config.maxFileSize);
    if ('problem' in read) {
      messages.push(`${file}: ${read.problem}`);
      continue;
    }
    const open = workspace.documents.get(uri);
    const doc = open ?? TextDocument.create(uri, 'markdown', 0, read.text);
    // In slices, like open documents: the editor's requests are answered meanwhile.
    const result = open
      ? (await linter.lint(open, settings))?.result
      : await lintAsync(read.text, { glossary: resolved.glossary, rules: effectiveRules(resolved.config, settings), language: file }, () => true);
    if (!result) continue;
    findings += result.findings.length;
    if (!open) publish(uri, result.findings.map((f) => toDiagnostic(doc, f)));
  }
  service.log.info(`Lint Workspace: ${files.length} drafts, ${findings} findings${messages.length ? `, ${messages.length} could not be linted` : ''}`);
  return { files: files.length, findings, problems: messages };
}
