// "Psylint: Lint Workspace": every draft in the workspace folders that
// `ignore:` does not exclude. Closed drafts are linted on worker threads (a
// DraftPool, given by the Node server) when they are large enough to pay for
// them, in slices on the main thread otherwise and in the web worker; their diagnostics
// are published, and published again from disk when a draft that was open
// closes, so Problems keep them. Open drafts are covered by their own
// diagnostics. Progress is reported as LSP work-done progress, cancellable.

import type { CancellationToken, Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { loadBibliography } from '../bibliography';
import { isIgnored } from '../config';
import { lintAsync } from '../engine/lint';
import type { Finding } from '../engine/types';
import type { LintWorkspaceResult } from '../protocol';
import { toDiagnostic } from './convert';
import type { PsylintService } from './service';
import { lintOptionsOf, withOverrides } from '../workspace';
import { type EditorSettings } from './settings';
import { rootOf } from './workspace';

/** Lints closed drafts on other threads: the Node server's worker pool (server/src/cli/pool.ts). */
export interface DraftPool {
  /** Threads it would run for these drafts (1: not worth starting any; pool.ts autoJobs). */
  threads(drafts: readonly { text: string }[]): number;
  /** Lint the drafts of one folder with its editor settings; `done` once per draft, in any order. */
  lint(
    drafts: readonly { file: string; text: string }[],
    folder: { root: string; settings: EditorSettings },
    done: (index: number, outcome: { findings: Finding[] } | { error: string }) => void,
    shouldStop: () => boolean,
  ): Promise<void>;
}

/** What the client shows while Lint Workspace runs (a WorkDoneProgressServerReporter, or nothing). */
export interface Progress {
  begin(title: string, percentage?: number, message?: string, cancellable?: boolean): void;
  report(percentage: number, message: string): void;
  done(): void;
  readonly token?: CancellationToken;
}

export class WorkspaceLinter {
  /** Drafts Lint Workspace reported on: their Problems come back from disk when they close. */
  private readonly reported = new Set<string>();

  constructor(
    private readonly service: PsylintService,
    private readonly publish: (uri: string, diagnostics: Diagnostic[]) => void,
    private readonly pool?: DraftPool,
  ) {}

  async run(progress?: Progress, token?: CancellationToken): Promise<LintWorkspaceResult> {
    const { workspace, linter } = this.service;
    const cancelled = () => Boolean(token?.isCancellationRequested || progress?.token?.isCancellationRequested);
    const { files: found, problems } = workspace.drafts();
    const messages = problems.map((p) => `${p.file}: ${p.message}`);
    // Every draft's settings first: what `ignore:` excludes is not a draft to lint, as for the CLI; with
    // psylint.enable false, nothing is.
    const drafts: { file: string; uri: string; settings: EditorSettings; maxFileSize: number }[] = [];
    for (const file of found) {
      const uri = URI.file(file).toString();
      const settings = await workspace.settings(uri);
      const { config } = linter.resolve(uri, settings);
      if (settings.enable && !isIgnored(config, file)) drafts.push({ file, uri, settings, maxFileSize: config.maxFileSize });
    }
    const total = drafts.length;
    let linted = 0;
    let findings = 0;
    let lastReport = 0;
    progress?.begin('Psylint: Lint Workspace', 0, `0/${total} drafts`, true);
    const tick = (count: number) => {
      linted++;
      findings += count;
      const now = Date.now();
      // At most ten reports a second: a notification per small draft would cost more than linting it.
      if (now - lastReport >= 100 || linted === total) {
        lastReport = now;
        progress?.report(Math.floor((100 * linted) / Math.max(total, 1)), `${linted}/${total} drafts`);
      }
    };
    // Open drafts: their own lint (its result is cached for the editor's requests). Closed ones: grouped by folder and settings.
    const groups = new Map<string, { root: string; settings: EditorSettings; items: { file: string; uri: string; text: string }[] }>();
    for (const draft of drafts) {
      if (cancelled()) break;
      this.reported.add(draft.uri);
      const read = workspace.readDraft(draft.file, draft.maxFileSize);
      if ('problem' in read) {
        messages.push(`${draft.file}: ${read.problem}`);
        tick(0);
        continue;
      }
      const open = workspace.documents.get(draft.uri);
      if (open) {
        tick((await linter.lint(open, draft.settings))?.result?.findings.length ?? 0);
        continue;
      }
      const root = rootOf(workspace.folders, draft.uri);
      const key = `${root}\n${JSON.stringify(draft.settings)}`;
      if (!groups.has(key)) groups.set(key, { root, settings: draft.settings, items: [] });
      groups.get(key)!.items.push({ file: draft.file, uri: draft.uri, text: read.text });
    }
    for (const group of groups.values()) {
      if (cancelled()) break;
      const threads = this.pool?.threads(group.items) ?? 1;
      if (this.pool && threads > 1) {
        await this.pool.lint(group.items, group, (index, outcome) => {
          const item = group.items[index];
          if ('error' in outcome) messages.push(`${item.file}: internal error: ${outcome.error.split('\n')[0]}`);
          else this.publishFindings(item.uri, item.text, outcome.findings);
          tick('error' in outcome ? 0 : outcome.findings.length);
        }, cancelled);
      } else {
        let slice = Date.now();
        for (const item of group.items) {
          // Let a cancellation (and the editor's requests) in between small drafts, each lint being one slice.
          if (Date.now() - slice > 20) {
            await new Promise((resolve) => setTimeout(resolve, 0));
            slice = Date.now();
          }
          if (cancelled()) break;
          const found = await this.lintClosed(item.file, item.text, group.settings, cancelled);
          if (found) this.publishFindings(item.uri, item.text, found);
          tick(found?.length ?? 0);
        }
      }
      this.service.log.info(`Lint Workspace: ${group.items.length} closed drafts in ${group.root} on ${this.pool && threads > 1 ? threads : 1} thread(s)`);
    }
    progress?.done();
    const stopped = cancelled();
    this.service.log.info(`Lint Workspace: ${total} drafts, ${findings} findings${messages.length ? `, ${messages.length} could not be linted` : ''}${stopped ? ` (cancelled after ${linted})` : ''}`);
    return { files: total, findings, problems: messages, ...(stopped ? { cancelled: true } : {}) };
  }

  /**
   * A draft closed in the editor: the client drops its diagnostics (pulled ones on close, pushed ones are
   * cleared when it opens). If Lint Workspace reported on it, publish its findings on disk again.
   */
  async closed(uri: string): Promise<boolean> {
    if (!this.reported.has(uri) || this.service.workspace.documents.get(uri)) return false;
    const file = URI.parse(uri).fsPath;
    const settings = await this.service.workspace.settings(uri);
    const { config } = this.service.linter.resolve(uri, settings);
    const read = this.service.workspace.readDraft(file, config.maxFileSize);
    if (!settings.enable || isIgnored(config, file) || 'problem' in read || this.service.workspace.documents.get(uri)) return false;
    const stillClosed = () => !this.service.workspace.documents.get(uri);
    const found = await this.lintClosed(file, read.text, settings, () => !stillClosed());
    if (!found || !stillClosed()) return false;
    this.publishFindings(uri, read.text, found);
    return true;
  }

  /** In slices, like open documents: the editor's requests are answered meanwhile. */
  private async lintClosed(file: string, text: string, settings: EditorSettings, cancelled: () => boolean): Promise<Finding[] | undefined> {
    const resolved = this.service.linter.resolve(URI.file(file).toString(), settings);
    const options = { ...lintOptionsOf(withOverrides(resolved, settings)), language: file, bibliography: loadBibliography(text, file) };
    return (await lintAsync(text, options, () => !cancelled()))?.findings;
  }

  private publishFindings(uri: string, text: string, findings: readonly Finding[]): void {
    const doc = TextDocument.create(uri, 'markdown', 0, text);
    this.publish(uri, findings.map((f) => toDiagnostic(doc, f)));
  }
}
