// The glossary schema as one file is checked against: an entry needs only
// its id there (a later file may override a few fields of an earlier entry);
// the other required fields are checked on the merged entry (load.ts).

import schema from '../../../glossary/schema.json';

export function perFileGlossarySchema(): typeof schema {
  const perFile = structuredClone(schema);
  perFile.definitions.entry.required = ['id'];
  return perFile;
}
