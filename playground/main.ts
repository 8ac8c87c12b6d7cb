// The playground page: a CodeMirror editor speaking LSP to the web-worker
// build of the language server (dist/browser/server.js, the one vscode.dev
// runs), so the page shows exactly what the editor extension shows. Nothing
// leaves the page: the glossary is inside the worker.

import { history, defaultKeymap, historyKeymap } from '@codemirror/commands';
import { EditorState, type Text } from '@codemirror/state';
import { EditorView, hoverTooltip, keymap, type Tooltip } from '@codemirror/view';
import { lintGutter, setDiagnostics, type Action, type Diagnostic } from '@codemirror/lint';
import type { CodeAction, Diagnostic as LspDiagnostic, Hover, MarkupContent, Position, PublishDiagnosticsParams, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { WorkerConnection } from './rpc';

/** The file types the engine tells apart, with the language id an editor gives each. */
const FILE_TYPES: Record<string, string> = { md: 'markdown', qmd: 'quarto', Rmd: 'rmd' };

const SAMPLE = [
  '# A note for the clinic newsletter',
  '',
  'Her grandfather was treated for manic depression in the 1970s.',
  '',
  'Research shows that mindfulness cures anxiety.',
  '',
  'Cognitive behavioural therapy reduced symptoms in a trial (Smith et al., 2020).',
  '',
].join('\n');

const status = document.getElementById('status')!;
const fileTypeSelect = document.getElementById('file-type') as HTMLSelectElement;
const dialectSelect = document.getElementById('dialect') as HTMLSelectElement;

const connection = new WorkerConnection(new Worker('server.js'));
// What the server may ask of an editor: the one setting the page offers (psylint.dialect), and nothing to register.
connection.onRequest('workspace/configuration', (params) => (params as { items: unknown[] }).items.map(() => ({ dialect: dialectSelect.value })));
connection.onRequest('client/registerCapability', () => null);

let uri = '';
let version = 0;
let view: EditorView;

/** Offsets in the editor's text for an LSP position (both count UTF-16 code units). */
function offsetOf(doc: Text, position: Position): number {
  const line = doc.line(Math.min(position.line + 1, doc.lines));
  return Math.min(line.from + position.character, line.to);
}

function positionOf(doc: Text, offset: number): Position {
  const line = doc.lineAt(offset);
  return { line: line.number - 1, character: offset - line.from };
}

const SEVERITIES: Diagnostic['severity'][] = ['error', 'error', 'warning', 'info', 'hint'];

connection.onNotification('textDocument/publishDiagnostics', (message) => {
  const params = message as PublishDiagnosticsParams;
  if (params.uri !== uri || params.version !== version) return; // for a text the page no longer shows
  void showDiagnostics(params.diagnostics, params.version);
});

async function showDiagnostics(diagnostics: LspDiagnostic[], linted: number): Promise<void> {
  const actions: CodeAction[] = diagnostics.length
    ? ((await connection.request('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: positionOf(view.state.doc, view.state.doc.length) },
        context: { diagnostics, only: ['quickfix'] },
      })) as CodeAction[] | null) ?? []
    : [];
  if (linted !== version) return;
  const doc = view.state.doc;
  const shown: Diagnostic[] = diagnostics.map((d) => ({
    from: offsetOf(doc, d.range.start),
    to: offsetOf(doc, d.range.end),
    severity: SEVERITIES[d.severity ?? 2],
    source: String(d.code ?? 'psylint'),
    message: typeof d.message === 'string' ? d.message : d.message.value,
    actions: actions.filter((a) => a.diagnostics?.some((x) => sameDiagnostic(x, d)) && editOfDraft(a)).map(toAction),
  }));
  view.dispatch(setDiagnostics(view.state, shown));
  status.textContent = shown.length === 0 ? 'No findings.' : `${shown.length} finding${shown.length === 1 ? '' : 's'}: hover an underline for the message and its fixes.`;
  status.dataset.version = String(linted);
}

function sameDiagnostic(a: LspDiagnostic, b: LspDiagnostic): boolean {
  return a.code === b.code && a.message === b.message && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;
}

/** The action's one edit, when it edits this draft only (accepting in a workspace needs a workspace). */
function editOfDraft(action: CodeAction): TextDocumentEdit | undefined {
  const changes = action.edit?.documentChanges;
  if (!changes || changes.length !== 1) return undefined;
  const change = changes[0] as TextDocumentEdit;
  return change.textDocument?.uri === uri ? change : undefined;
}

function toAction(action: CodeAction): Action {
  return {
    name: action.title,
    apply(target) {
      const change = editOfDraft(action)!;
      // Computed for an older text: refuse, as an editor does; the next lint brings fresh fixes.
      if (change.textDocument.version !== version) {
        status.textContent = 'The draft changed since this fix was computed: try again in a moment.';
        return;
      }
      const doc = target.state.doc;
      target.dispatch({
        changes: change.edits.map((e) => ({ from: offsetOf(doc, e.range.start), to: offsetOf(doc, e.range.end), insert: 'newText' in e ? e.newText : '' })),
      });
    },
  };
}

/** Glossary hovers: what the server answers for the word under the pointer. */
const glossaryHover = hoverTooltip(async (target, pos): Promise<Tooltip | null> => {
  const asked = version;
  const hover = (await connection.request('textDocument/hover', { textDocument: { uri }, position: positionOf(target.state.doc, pos) })) as Hover | null;
  if (!hover || asked !== version) return null;
  const doc = target.state.doc;
  const from = hover.range ? offsetOf(doc, hover.range.start) : pos;
  const to = hover.range ? offsetOf(doc, hover.range.end) : pos;
  return {
    pos: from,
    end: to,
    above: true,
    create() {
      const dom = document.createElement('div');
      dom.className = 'glossary-hover';
      renderMarkdown(dom, (hover.contents as MarkupContent).value ?? String(hover.contents));
      return { dom };
    },
  };
});

/** The little Markdown hovers use: paragraphs, **bold**, `code` and [links](url). Text only, never HTML from the server. */
function renderMarkdown(into: HTMLElement, markdown: string): void {
  for (const paragraph of markdown.split(/\n{2,}|\n---\n/)) {
    const p = document.createElement('p');
    const pattern = /\*\*([^*]+)\*\*|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)/g;
    let last = 0;
    for (let m: RegExpExecArray | null; (m = pattern.exec(paragraph)); last = pattern.lastIndex) {
      p.append(paragraph.slice(last, m.index));
      if (m[1]) p.append(Object.assign(document.createElement('strong'), { textContent: m[1] }));
      else if (m[2]) p.append(Object.assign(document.createElement('code'), { textContent: m[2] }));
      else p.append(Object.assign(document.createElement('a'), { textContent: m[3], href: /^https?:/.test(m[4]) ? m[4] : '#', target: '_blank', rel: 'noopener' }));
    }
    p.append(paragraph.slice(last));
    if (p.textContent!.trim()) into.append(p);
  }
}

function open(text: string): void {
  const type = fileTypeSelect.value;
  uri = `untitled:draft.${type}`;
  version = 1;
  connection.notify('textDocument/didOpen', { textDocument: { uri, languageId: FILE_TYPES[type], version, text } });
}

async function start(): Promise<void> {
  await connection.request('initialize', {
    processId: null,
    rootUri: null,
    workspaceFolders: null,
    capabilities: {
      textDocument: {
        publishDiagnostics: { versionSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true },
      },
      workspace: { workspaceEdit: { documentChanges: true }, configuration: true },
    },
  });
  connection.notify('initialized', {});
  view = new EditorView({
    parent: document.getElementById('editor')!,
    state: EditorState.create({
      doc: new URLSearchParams(location.search).get('text') ?? SAMPLE,
      extensions: [
        history(),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        EditorView.lineWrapping,
        lintGutter(),
        glossaryHover,
        EditorView.contentAttributes.of({ 'aria-label': 'Draft', spellcheck: 'false' }),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          version++;
          status.textContent = 'Linting…';
          connection.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: update.state.doc.toString() }] });
        }),
      ],
    }),
  });
  open(view.state.doc.toString());
  fileTypeSelect.addEventListener('change', () => {
    connection.notify('textDocument/didClose', { textDocument: { uri } });
    view.dispatch(setDiagnostics(view.state, []));
    open(view.state.doc.toString());
  });
  // The server asks for the settings again and lints the draft with them.
  dialectSelect.addEventListener('change', () => {
    status.textContent = 'Linting…';
    connection.notify('workspace/didChangeConfiguration', { settings: {} });
  });
}

void start();
