// Diagnostics of a configuration or glossary file: its problems at their
// line and column (what the CLI prints as file:line:column).

import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { CONFIG_FILE_NAMES } from '../config';
import { SOURCE } from './convert';
import type { PsylintService } from './service';

export async function configDiagnostics(service: PsylintService, file: string): Promise<Diagnostic[]> {
  const { linter, workspace } = service;
  // Make sure a glossary build that includes this file exists.
  for (const open of workspace.documents.all()) if (!service.isGlossaryOrConfig(open.uri)) linter.resolve(open.uri, await workspace.settings(open.uri));
  const configProblems = CONFIG_FILE_NAMES.includes(path.basename(file)) ? linter.resolver.config(file).problems : [];
  const problems = [...configProblems, ...linter.resolver.glossaryProblems(file)];
  service.reportStatus();
  return problems.map((p) => ({
    range: { start: { line: p.line - 1, character: p.column - 1 }, end: { line: p.line - 1, character: p.column - 1 + 1 } },
    severity: 'severity' in p && p.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error,
    source: SOURCE,
    message: p.message,
  }));
}
