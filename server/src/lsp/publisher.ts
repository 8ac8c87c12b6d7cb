// When diagnostics go out. Push mode: a debounced publication per document
// after each change. Both modes: a change every document depends on
// (settings, configuration, glossary) re-lints them all after a quiet moment.

import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { documentDiagnostics, internalErrorDiagnostic } from './diagnostics';
import type { PsylintService } from './service';

export const DEBOUNCE_MS = 150;

export interface PublisherChannel {
  /** The client pulls diagnostics (LSP 3.17): nothing is pushed for open documents. */
  pull: boolean;
  send(params: PublishDiagnosticsParams): Promise<void>;
  /** Pull mode: ask the client to pull every document again. */
  refresh(): Promise<void>;
}

export class DiagnosticsPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private relintTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly service: PsylintService,
    private readonly channel: PublisherChannel,
  ) {}

  /** Push mode: publish the document's diagnostics after `delay` ms without a newer change. */
  schedule(doc: TextDocument, delay = DEBOUNCE_MS): void {
    clearTimeout(this.timers.get(doc.uri));
    this.timers.set(
      doc.uri,
      setTimeout(() => {
        this.timers.delete(doc.uri);
        const current = this.service.workspace.documents.get(doc.uri);
        if (current) void this.publish(current);
      }, delay),
    );
  }

  /** The document closed: nothing of it is pending. */
  forget(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
  }

  /**
   * Something every document depends on changed: re-lint all open documents. Results under way become
   * stale at once (the generation moves on); the re-lint itself waits for a quiet moment, so a burst of
   * configuration edits with many documents open costs one round of publications, not one per edit.
   */
  relintAll(): void {
    this.service.linter.invalidate();
    clearTimeout(this.relintTimer);
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.relintTimer = setTimeout(() => {
      this.relintTimer = undefined;
      if (this.channel.pull) void this.channel.refresh();
      else for (const doc of this.service.workspace.documents.all()) this.schedule(doc, 0);
    }, DEBOUNCE_MS);
  }

  /** Push mode: publish, unless the document moved on while we worked. Never throws: nothing awaits it. */
  async publish(doc: TextDocument): Promise<void> {
    const { documents } = this.service.workspace;
    const version = doc.version;
    const text = doc.getText();
    let diagnostics: Diagnostic[];
    try {
      const report = await documentDiagnostics(this.service, doc);
      // Superseded (an edit, a configuration or glossary change): never publish it. What superseded it
      // scheduled its own publication; reschedule anyway so nothing is left unpublished.
      if (report.stale) {
        const current = documents.get(doc.uri);
        if (current && !this.timers.has(doc.uri) && !this.relintTimer) this.schedule(current);
        return;
      }
      diagnostics = report.diagnostics;
    } catch (error) {
      // An input the engine cannot handle costs this document's findings, not the server.
      this.logError(`linting ${doc.uri} failed`, error);
      diagnostics = [internalErrorDiagnostic(error)];
    }
    // `doc` is updated in place by later changes: compare with the version and text linted.
    const current = documents.get(doc.uri);
    if (!current || current.version !== version || current.getText() !== text) return;
    await this.channel.send({ uri: doc.uri, version, diagnostics }).catch((error: unknown) => this.logError('sending diagnostics failed', error));
  }

  logError(what: string, error: unknown): void {
    this.service.log.error(`${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}
