// Psylint's own messages between the client and the server: each id and
// shape written once, imported by both (client/src/activate.ts and
// server/src/serverCore.ts), as vscode-eslint's shared customMessages.ts.

// Plain descriptors, not vscode-jsonrpc's RequestType: the server's and the client's libraries bring two
// versions of vscode-jsonrpc, and a class from one is not accepted by the other. Each side sends and
// handles a message through a descriptor, so its method and types cannot drift apart.

/** A request: its method, with its params and result types. */
export interface Request<P, R> {
  readonly method: string;
  /** Type-only: never set. */
  readonly _types?: [P, R];
}

/** A notification: its method, with its params type. */
export interface Notification<P> {
  readonly method: string;
  readonly _types?: [P];
}

export type ParamsOf<M> = M extends Request<infer P, unknown> ? P : M extends Notification<infer P> ? P : never;
export type ResultOf<M> = M extends Request<unknown, infer R> ? R : never;

export interface StatusParams {
  /** One line per problem: `file:line:column: message`. */
  problems: string[];
}

/** Server → client: configuration and glossary problems, for the status item (empty `problems` when all is well). */
export const StatusNotification: Notification<StatusParams> = { method: 'psylint/status' };

export interface GlossaryEntriesParams {
  /** The document (or, with none open, the workspace folder) whose glossary is listed. */
  uri: string;
  /** The cursor: its term's entry is named in `atCursor`. */
  position?: { line: number; character: number };
}

export interface GlossaryEntry {
  id: string;
  term: string;
  category?: string;
  definition: string;
  /** The glossary file defining it, and its 0-based line there. */
  uri?: string;
  line: number;
}

export interface GlossaryEntriesResult {
  entries: GlossaryEntry[];
  atCursor?: string;
}

/** Client → server, for "Psylint: Show Glossary Entry". */
export const GlossaryEntriesRequest: Request<GlossaryEntriesParams, GlossaryEntriesResult> = { method: 'psylint/glossaryEntries' };

export interface LintWorkspaceResult {
  /** Drafts found in the workspace folders (ignored ones not counted). */
  files: number;
  findings: number;
  /** Files that could not be linted, one line each: `file: reason`. */
  problems: string[];
  /** True when the user cancelled: the counts are of the drafts linted until then. */
  cancelled?: boolean;
}

/**
 * "Psylint: Lint Workspace", a server command (workspace/executeCommand) answering LintWorkspaceResult.
 * Not 'psylint.lintWorkspace': the client library registers server commands in VS Code, and that id is the
 * extension's own.
 */
export const LINT_WORKSPACE_COMMAND = 'psylint.server.lintWorkspace';
