// Go to Definition on a glossary term: its entry in the glossary file.

import type { CancellationToken, DefinitionParams, Location } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import type { PlacedMatch } from '../engine/lint';
import type { Glossary } from '../glossary/glossary';
import { matchAt } from './hover';
import type { PsylintService } from './service';

export function definition(matches: readonly PlacedMatch[], glossary: Glossary, offset: number): Location | null {
  const match = matchAt(matches, offset);
  const origin = match && glossary.origins.get(match.entryIds[0]);
  if (!origin) return null;
  const position = { line: origin.line - 1, character: origin.column - 1 };
  return { uri: URI.file(origin.file).toString(), range: { start: position, end: position } };
}

/** textDocument/definition. */
export async function provideDefinition(service: PsylintService, params: DefinitionParams, token?: CancellationToken): Promise<Location | null> {
  const linted = await service.linted(params.textDocument.uri, token);
  if (!linted) return null;
  return definition(linted.result.matches, linted.glossary, linted.doc.offsetAt(params.position));
}
