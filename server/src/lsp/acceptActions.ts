// "Accept “X” in this workspace" and "Ignore “X” in this file", as writers
// know them from spell checkers. Accepting adds the wording to `accept:` in
// the .psylint.yaml that applies to the document (created when there is
// none); ignoring writes a `psylint-ignore` comment at the top of the draft.
// Both are undone by deleting the line they wrote; the engine honours both,
// so the CLI agrees with the editor.
//
// The configuration is edited with a text insertion at a place found through
// the YAML Document API, never by printing the document again, so the rest
// of the file and its comments stay byte-identical.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodeAction, CodeActionKind, CreateFile, TextDocumentEdit, TextEdit, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { isMap, isScalar, isSeq, parseDocument, stringify, type Pair } from 'yaml';
import { CONFIG_FILE_NAMES, findConfigFile } from '../config';
import { ignoreDirective, normalizeWording } from '../engine/directives';
import { frontMatterOf } from '../engine/parse/frontMatter';
import { documentKind } from '../engine/parse/types';
import { analysisCopy } from '../engine/text';
import type { Finding } from '../engine/types';

export interface AcceptContext {
  /** Where a new .psylint.yaml goes: the document's workspace folder. */
  root: string;
  /** The client can create files in a workspace edit (resourceOperations: create). */
  canCreateFiles: boolean;
  /** The editor's copy of a file, when it is open: its version makes the edit refuse a stale text. */
  openDocument(uri: string): TextDocument | undefined;
}

const ACCEPT_KEY = 'accept';

/** The accept and ignore actions of one request; each wording once per request. */
export class AcceptActions {
  private readonly offered = new Set<string>();

  constructor(
    private readonly doc: TextDocument,
    private readonly context: AcceptContext | undefined,
  ) {}

  for(finding: Finding, diagnostic: Diagnostic): CodeAction[] {
    const wording = this.doc.getText().slice(finding.start, finding.end);
    const actions: CodeAction[] = [];
    const ignoreKey = `${finding.ruleId}\0${normalizeWording(wording)}`;
    if (!this.offered.has(ignoreKey)) {
      this.offered.add(ignoreKey);
      const ignore = ignoreInFile(this.doc, finding.ruleId, wording);
      if (ignore) actions.push(withDiagnostic(ignore, diagnostic));
    }
    // Accepting is for terms: a workspace-wide "accept 'cures'" would silence every overstated claim.
    const acceptKey = `\0${normalizeWording(wording)}`;
    if (finding.ruleId.startsWith('term/') && this.context && !this.offered.has(acceptKey)) {
      this.offered.add(acceptKey);
      const accept = acceptInWorkspace(this.doc, wording, this.context);
      if (accept) actions.push(withDiagnostic(accept, diagnostic));
    }
    return actions;
  }
}

function withDiagnostic(action: CodeAction, diagnostic: Diagnostic): CodeAction {
  action.diagnostics = [diagnostic];
  return action;
}

/** `<!-- psylint-ignore RULE "wording" -->` on a line of its own at the top, after any front matter. */
export function ignoreInFile(doc: TextDocument, ruleId: string, wording: string): CodeAction | undefined {
  // HTML comments are Markdown's (.md, .qmd, .Rmd, a notebook's Markdown cell); plain text and MDX have none.
  if (documentKind(languageHint(doc)) !== 'markdown') return undefined;
  const directive = ignoreDirective(ruleId, wording);
  if (!directive) return undefined;
  const text = doc.getText();
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  // After the front matter (YAML or TOML, as the engine reads it) and after a BOM.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const front = frontMatterOf(analysisCopy(text).slice(bom));
  const fenceEnd = front && bom + front.end; // the closing fence's line break, or the end of the text
  const at = fenceEnd === undefined ? bom : Math.min(fenceEnd + 1, text.length);
  const insert = fenceEnd === text.length ? `${eol}${directive}${eol}` : `${directive}${eol}`;
  return CodeAction.create(
    `Ignore “${wording}” (${ruleId}) in this ${URI.parse(doc.uri).scheme === 'vscode-notebook-cell' ? 'cell' : 'file'}`,
    { documentChanges: [TextDocumentEdit.create({ uri: doc.uri, version: doc.version }, [TextEdit.insert(doc.positionAt(at), insert)])] },
    CodeActionKind.QuickFix,
  );
}

function languageHint(doc: TextDocument): string {
  return doc.languageId === 'plaintext' || doc.languageId === 'mdx' ? doc.languageId : URI.parse(doc.uri).path;
}

/** Adds the wording to `accept:` in the configuration that applies to the document, or creates one in the workspace folder. */
export function acceptInWorkspace(doc: TextDocument, wording: string, context: AcceptContext): CodeAction | undefined {
  const file = draftFile(doc.uri);
  if (!file) return undefined;
  const existing = findConfigFile(path.dirname(file));
  const title = `Accept “${wording}” in this workspace`;
  if (!existing) {
    if (!context.canCreateFiles) return undefined;
    // The workspace folder when the draft is inside it, else the draft's own folder: the new file must apply to the draft.
    const dir = isInside(file, context.root) ? context.root : path.dirname(file);
    const uri = URI.file(path.join(dir, CONFIG_FILE_NAMES[0])).toString();
    const content = `# Psylint configuration: https://github.com/psylint/psylint#configuration\n${ACCEPT_KEY}:\n  - ${yamlScalar(wording)}\n`;
    const edit: WorkspaceEdit = { documentChanges: [CreateFile.create(uri), TextDocumentEdit.create({ uri, version: null }, [TextEdit.insert({ line: 0, character: 0 }, content)])] };
    return CodeAction.create(title, edit, CodeActionKind.QuickFix);
  }
  const uri = URI.file(existing).toString();
  const open = context.openDocument(uri);
  let text: string;
  if (open) text = open.getText();
  else {
    try {
      text = fs.readFileSync(existing, 'utf8');
    } catch {
      return undefined;
    }
  }
  const insertion = acceptInsertion(text, wording);
  if (!insertion) return undefined;
  const config = open ?? TextDocument.create(uri, 'yaml', 0, text);
  // An open file's version ties the edit to the text it was computed for; a closed one was read just now.
  const edit: WorkspaceEdit = { documentChanges: [TextDocumentEdit.create({ uri, version: open ? open.version : null }, [TextEdit.insert(config.positionAt(insertion.offset), insertion.text)])] };
  return CodeAction.create(title, edit, CodeActionKind.QuickFix);
}

/**
 * Where and what to insert into a configuration's text to add the wording to its `accept:` list. Undefined
 * when the file cannot take it safely (YAML errors, not a block map, a document end marker, `accept:` not a
 * list) or has it already.
 */
export function acceptInsertion(text: string, wording: string): { offset: number; text: string } | undefined {
  const doc = parseDocument(text);
  // After a document end marker a new key would start another document: refuse.
  if (doc.errors.length || /^(---|\.\.\.)/m.test(text.slice(doc.range[1]))) return undefined;
  const item = yamlScalar(wording);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const atEnd = () => ({ offset: text.length, text: `${text.length && !/\n$/.test(text) ? eol : ''}${ACCEPT_KEY}:${eol}  - ${item}${eol}` });
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return atEnd();
  if (!isMap(doc.contents) || doc.contents.flow) return undefined;
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === ACCEPT_KEY) as Pair | undefined;
  if (!pair) return atEnd();
  const value = pair.value;
  const wanted = normalizeWording(wording);
  if (isSeq(value)) {
    if (value.items.some((i) => isScalar(i) && typeof i.value === 'string' && normalizeWording(i.value) === wanted)) return undefined;
    const last = value.items[value.items.length - 1];
    if (value.flow) {
      const close = value.range![1] - 1; // the ']'
      if (text[close] !== ']') return undefined;
      return { offset: close, text: last ? `, ${item}` : item };
    }
    if (!isScalar(last) || !last.range) return undefined;
    const lineStart = text.lastIndexOf('\n', last.range[0] - 1) + 1;
    const indent = text.slice(lineStart, last.range[0]).replace(/-\s*$/, '');
    if (!/^[ ]*$/.test(indent)) return undefined;
    const end = lineEnd(text, last.range[1]);
    return { offset: end, text: `${eol}${indent}- ${item}` };
  }
  if (value === null || (isScalar(value) && value.value === null)) {
    // `accept:` with nothing after it (or only a comment): the list starts on the next line.
    const keyEnd = (pair.key as { range?: [number, number, number] }).range?.[1];
    if (keyEnd === undefined) return undefined;
    return { offset: lineEnd(text, keyEnd), text: `${eol}  - ${item}` };
  }
  return undefined;
}

/** The offset of the end of the line holding `offset` (before its line break). */
function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  const end = newline < 0 ? text.length : newline;
  return end > 0 && text[end - 1] === '\r' ? end - 1 : end;
}

/** A single-line YAML scalar for the wording: plain when YAML reads it back unchanged, else double-quoted. */
function yamlScalar(raw: string): string {
  const wording = raw.replace(/\s+/g, ' ').trim();
  const plain = stringify(wording).trimEnd();
  return !plain.includes('\n') && parseDocument(plain).contents?.toJSON() === wording ? plain : JSON.stringify(wording);
}

/** The file a document belongs to: itself, or for a notebook cell its notebook. */
function draftFile(uri: string): string | undefined {
  const parsed = URI.parse(uri);
  if (parsed.scheme === 'file') return parsed.fsPath;
  if (parsed.scheme === 'vscode-notebook-cell') return URI.file(parsed.path).fsPath;
  return undefined;
}

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
