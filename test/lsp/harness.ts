// Starts the built language server (dist/server.js) as a child process and
// speaks LSP to it over stdio, as an editor would.

import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';

/** A draft with one retired term in prose and the same term in inline code. */
export const DRAFT = [
  '# Notes on a family history',
  '',
  'Her uncle was treated for manic depression in the 2010s.',
  '',
  'The record also mentions `manic depression` in a code span.',
  '',
].join('\n');

/** When each publishDiagnostics notification arrived (Date.now()). */
export const receivedAt = new WeakMap<PublishDiagnosticsParams, number>();

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'server.js');

export interface Harness {
  connection: ProtocolConnection;
  process: ChildProcess;
  initialize: InitializeResult;
  workspace: string;
  /** Settings the server gets for `workspace/configuration` requests (section psylint). */
  settings: Record<string, unknown>;
  /** Push diagnostics received, by URI (latest last). */
  published: Map<string, PublishDiagnosticsParams[]>;
  docs: Map<string, TextDocument>;
  stderr: string[];
  /** window/logMessage messages (what the output channel shows). */
  logs: string[];
  /** psylint/status notifications, in order. */
  statuses: { problems: string[] }[];
  /** $/progress notifications (work-done progress the server created), in order. */
  progress: { token: string | number; value: { kind: 'begin' | 'report' | 'end'; title?: string; message?: string; percentage?: number; cancellable?: boolean } }[];
  open(name: string, text: string, languageId?: string): TextDocument;
  change(doc: TextDocument, text: string): TextDocument;
  close(doc: TextDocument): void;
  /** Wait until the predicate holds after a notification (push diagnostics or progress). */
  waitFor(what: string, predicate: () => boolean, timeoutMs?: number): Promise<void>;
  /** Wait until a push notification for the URI satisfies the predicate. */
  waitForPush(uri: string, predicate?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  shutdown(): Promise<void>;
}

export function tempWorkspace(files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psylint-lsp-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

export async function startServer(options: { pull?: boolean; workspace?: string; settings?: Record<string, unknown> } = {}): Promise<Harness> {
  const workspace = options.workspace ?? tempWorkspace();
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const stderr: string[] = [];
  child.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));
  const published = new Map<string, PublishDiagnosticsParams[]>();
  const waiters: (() => void)[] = [];
  const harness = { settings: options.settings ?? {} } as Harness;
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    receivedAt.set(p, Date.now());
    published.set(p.uri, [...(published.get(p.uri) ?? []), p]);
    for (const w of waiters.splice(0)) w();
  });
  connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
    params.items.map((item) => (item.section === 'psylint' ? harness.settings : null)),
  );
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  const progress: Harness['progress'] = [];
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('$/progress', (p: Harness['progress'][number]) => {
    progress.push(p);
    for (const w of waiters.splice(0)) w();
  });
  const logs: string[] = [];
  const statuses: { problems: string[] }[] = [];
  connection.onNotification('window/logMessage', (p: { message: string }) => void logs.push(p.message));
  connection.onNotification('psylint/status', (p: { problems: string[] }) => void statuses.push(p));
  connection.listen();

  const capabilities: ClientCapabilities = {
    window: { workDoneProgress: true },
    workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, diagnostics: { refreshSupport: true }, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
    textDocument: {
      synchronization: { didSave: true, dynamicRegistration: false },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, isPreferredSupport: true },
      publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
      ...(options.pull === false ? {} : { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } }),
    },
  };
  const initialize = (await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: URI.file(workspace).toString(),
    workspaceFolders: [{ uri: URI.file(workspace).toString(), name: 'ws' }],
    capabilities,
  })) as InitializeResult;
  await connection.sendNotification('initialized', {});

  const docs = new Map<string, TextDocument>();
  Object.assign(harness, {
    connection,
    process: child,
    initialize,
    workspace,
    published,
    docs,
    stderr,
    logs,
    statuses,
    progress,
    open(name: string, text: string, languageId = 'markdown') {
      const file = path.join(workspace, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      const doc = TextDocument.create(URI.file(file).toString(), languageId, 1, text);
      docs.set(doc.uri, doc);
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri: doc.uri, languageId, version: 1, text } });
      return doc;
    },
    change(doc: TextDocument, text: string) {
      const next = TextDocument.create(doc.uri, doc.languageId, doc.version + 1, text);
      docs.set(doc.uri, next);
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri: doc.uri, version: next.version }, contentChanges: [{ text }] });
      return next;
    },
    close(doc: TextDocument) {
      docs.delete(doc.uri);
      void connection.sendNotification('textDocument/didClose', { textDocument: { uri: doc.uri } });
    },
    waitFor(what: string, predicate: () => boolean, timeoutMs = 10000) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not seen in ${timeoutMs} ms: ${what}`)), timeoutMs);
        const check = () => {
          if (predicate()) {
            clearTimeout(timer);
            resolve();
          } else waiters.push(check);
        };
        check();
      });
    },
    waitForPush(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10000) {
      return new Promise<PublishDiagnosticsParams>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} in ${timeoutMs} ms`)), timeoutMs);
        const check = () => {
          const found = (published.get(uri) ?? []).find(predicate);
          if (found) {
            clearTimeout(timer);
            resolve(found);
          } else waiters.push(check);
        };
        check();
      });
    },
    async shutdown() {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      connection.dispose();
      await new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
    },
  });
  return harness;
}
