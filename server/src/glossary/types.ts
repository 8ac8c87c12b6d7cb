// The glossary's data model, mirroring glossary/schema.json.

export interface Relation {
  id: string;
  why: string;
  /** 'information': a matter of consistency or a disputed distinction, reported one step lower and not as "different things". */
  severity?: 'information';
}

export interface Source {
  author: string;
  year: number | string;
  title: string;
  publisher?: string;
  doi?: string;
  url?: string;
}

export type Alias = string | { text: string; prefer?: string[] };

export interface GlossaryEntry {
  id: string;
  term: string;
  aliases?: Alias[];
  match_case?: boolean;
  /** A countable noun: a rewrite after "in", "with" ... gives it an article. */
  countable?: boolean;
  category?: string;
  /** Authority list items this entry covers ('<list>:<item>', glossary/coverage/lists.yaml). */
  authority?: string[];
  definition: string;
  kind_of?: string[];
  /** Broader entries some authorities count this as a kind of and others do not: "X is a form of Y" is not reported. */
  maybe_kind_of?: string[];
  not_a_kind_of?: Relation[];
  distinct_from?: Relation[];
  /** `context`: the cue marks a misdefinition only in a paragraph that names one of these words. */
  misdefinition_cues?: { cues: string[]; concept: string; why: string; context?: string[] }[];
  /** `safe: false`: right only in some contexts the entry allows, so its fix is never applied unattended. */
  replaced_by?: { term: string; id?: string; note?: string; safe?: boolean }[];
  retired_in?: string;
  still_current_in?: string[];
  avoid?: { rule: 'stigmatizing' | 'imprecise'; why: string; prefer?: string[]; unless_followed_by?: string[] };
  see_also?: string[];
  sources: Source[];
  examples?: { match?: string[]; no_match?: string[] };
}

/** Where an entry was defined, for go-to-definition and error messages. */
export interface EntryOrigin {
  file: string;
  line: number;
  column: number;
}

export interface GlossaryProblem {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** 1-based, exclusive end of the offending node when known. */
  endLine?: number;
  endColumn?: number;
  message: string;
}

export interface GlossaryFile {
  file: string;
  domain?: string;
  entries: GlossaryEntry[];
  origins: Map<string, EntryOrigin>;
}
