// The web-worker build of the server (dist/browser/server.js, for vscode.dev)
// driven in Node: it runs in a worker thread whose `self` is one end of a
// MessageChannel; the test speaks LSP over the other end, as the web
// extension host does over a Worker.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  createProtocolConnection,
  type DataCallback,
  type Diagnostic,
  type Hover,
  type InitializeResult,
  type Message,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';

/** The extension host's side of the worker port (what vscode-jsonrpc's browser reader and writer do). */
class PortReader extends AbstractMessageReader {
  constructor(private readonly port: MessagePort) {
    super();
  }
  listen(callback: DataCallback) {
    const listener = (data: Message) => callback(data);
    this.port.on('message', listener);
    return { dispose: () => this.port.off('message', listener) };
  }
}

class PortWriter extends AbstractMessageWriter {
  constructor(private readonly port: MessagePort) {
    super();
  }
  async write(message: Message): Promise<void> {
    this.port.postMessage(message);
  }
  end(): void {}
}

const SERVER = path.resolve(__dirname, '..', '..', '..', 'dist', 'browser', 'server.js');

describe('web-worker server (vscode.dev build)', function () {
  let worker: Worker;
  let connection: ProtocolConnection;
  let initialize: InitializeResult;

  before(async () => {
    const { port1, port2 } = new MessageChannel();
    worker = new Worker(`const { workerData } = require('node:worker_threads'); globalThis.self = workerData.port; require(workerData.server);`, {
      eval: true,
      workerData: { port: port2, server: SERVER },
      transferList: [port2],
    });
    connection = createProtocolConnection(new PortReader(port1), new PortWriter(port1));
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
    connection.onRequest('client/registerCapability', () => null);
    connection.listen();
    initialize = await connection.sendRequest('initialize', {
      processId: null,
      rootUri: 'vscode-vfs://github/psylint/drafts',
      workspaceFolders: [{ uri: 'vscode-vfs://github/psylint/drafts', name: 'drafts' }],
      capabilities: { workspace: { configuration: true }, textDocument: { diagnostic: {}, hover: { contentFormat: ['markdown'] } } },
    });
    await connection.sendNotification('initialized', {});
  });

  after(async () => {
    connection.dispose();
    await worker.terminate();
  });

  it('has no Node built-ins and the glossary inside the bundle', () => {
    const bundle = fs.readFileSync(SERVER, 'utf8');
    assert.doesNotMatch(bundle, /require\(["'](?:node:)?(?:fs|path|child_process|net|os)["']\)/);
    assert.match(bundle, /\/psylint\/glossary\/diagnoses\.yaml/);
  });

  const uri = 'vscode-vfs://github/psylint/drafts/chapter.md';
  const text = 'Her uncle was treated for manic depression.\n\nResearch shows that therapy cures anxiety.\n';

  it('starts with diagnostics, hover and code actions', () => {
    assert.ok(initialize.capabilities.diagnosticProvider);
    assert.equal(initialize.capabilities.hoverProvider, true);
    assert.ok(initialize.capabilities.codeActionProvider);
  });

  it('lints with the bundled glossary and every rule', async () => {
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const report = (await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diagnostic[] };
    assert.deepEqual(report.items.map((d) => d.code).sort(), ['claim/overstated', 'claim/vague-attribution', 'term/outdated']);
  });

  it('hovers glossary entries', async () => {
    const hover = (await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 30 } })) as Hover;
    assert.match((hover.contents as { value: string }).value, /\*\*Current name:\*\* \*\*bipolar disorder\*\*/);
  });

  it('offers quick fixes', async () => {
    const report = (await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diagnostic[] };
    const outdated = report.items.find((d) => d.code === 'term/outdated')!;
    const actions = (await connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: outdated.range, context: { diagnostics: [outdated] } })) as { title: string }[];
    assert.ok(actions.some((a) => a.title === 'Replace with “bipolar disorder”'));
  });
});
