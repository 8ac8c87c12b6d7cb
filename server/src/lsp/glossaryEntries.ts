// For "Psylint: Show Glossary Entry": every entry of the document's glossary
// and the one under the cursor.

import { URI } from 'vscode-uri';
import type { GlossaryEntriesParams, GlossaryEntriesResult } from '../protocol';
import { matchAt } from './hover';
import type { PsylintService } from './service';

export async function glossaryEntries(service: PsylintService, params: GlossaryEntriesParams): Promise<GlossaryEntriesResult> {
  const settings = await service.workspace.settings(params.uri);
  const glossary = service.linter.resolve(params.uri, settings).glossary;
  const linted = params.position ? await service.linted(params.uri) : undefined;
  const atCursor = linted && params.position ? matchAt(linted.result.matches, linted.doc.offsetAt(params.position))?.entryIds[0] : undefined;
  const entries = [...glossary.entries.values()].map((e) => {
    const origin = glossary.origins.get(e.id);
    return { id: e.id, term: e.term, category: e.category, definition: e.definition, uri: origin ? URI.file(origin.file).toString() : undefined, line: (origin?.line ?? 1) - 1 };
  });
  return { entries, atCursor };
}
