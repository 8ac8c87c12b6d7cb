// The evidence summary as a code lens at the top of the document.

import type { CancellationToken, CodeLens, CodeLensParams } from 'vscode-languageserver';
import type { PsylintService } from './service';

/** textDocument/codeLens. */
export async function provideCodeLenses(service: PsylintService, params: CodeLensParams, token?: CancellationToken): Promise<CodeLens[]> {
  const linted = await service.linted(params.textDocument.uri, token);
  if (!linted || linted.result.claims.total === 0) return [];
  const { total, cited, uncited } = linted.result.claims;
  const title = `Psylint: ${total} claim${total === 1 ? '' : 's'} · ${cited} cited · ${uncited} uncited`;
  return [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, command: { title, command: 'workbench.actions.view.problems' } }];
}
