// Treatments a document names by defining them. "Tapping is a technique
// that ..." makes "tapping" a treatment in the rest of that document, as a
// glossary therapy is everywhere: "Tapping is truly effective" is then a
// claim about a treatment. The definition must be an affirmative "X is a
// (kind of) ..." with one of the defining nouns of data/claim-language.yaml.

import { DEFINING_VERB, DEFINITION, NOT_NAMES } from './language';

/** The names `text` defines as treatments, lower case. */
export function definedTreatments(text: string): string[] {
  if (!DEFINING_VERB.test(text)) return [];
  const names = new Set<string>();
  for (const m of text.matchAll(DEFINITION)) {
    const words = m[1].split(/[ \t]+/);
    while (words.length && NOT_NAMES.has(words[0].toLowerCase())) words.shift();
    if (words.length) names.add(words.join(' ').toLowerCase());
    if (m[2]) names.add(m[2].toLowerCase());
  }
  return [...names];
}
