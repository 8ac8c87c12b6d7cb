// JSON-RPC over a Worker's postMessage: what the page needs of LSP's wire
// format, without the protocol library (140 KiB of the bundle for this).

type Handler = (params: unknown) => unknown;

interface Message {
  jsonrpc: '2.0';
  id?: number | string;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

export class WorkerConnection {
  private nextId = 1;
  private readonly pending = new Map<number | string, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly notifications = new Map<string, Handler>();
  private readonly requests = new Map<string, Handler>();

  constructor(private readonly worker: Worker) {
    worker.addEventListener('message', (event: MessageEvent<Message>) => this.receive(event.data));
  }

  request<T = unknown>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ jsonrpc: '2.0', id, method, params } satisfies Message);
    });
  }

  notify(method: string, params: unknown): void {
    this.worker.postMessage({ jsonrpc: '2.0', method, params } satisfies Message);
  }

  onNotification(method: string, handler: Handler): void {
    this.notifications.set(method, handler);
  }

  onRequest(method: string, handler: Handler): void {
    this.requests.set(method, handler);
  }

  private receive(message: Message): void {
    if (message.method === undefined) {
      // A response to one of ours.
      const waiting = message.id === undefined ? undefined : this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id!);
      if (message.error) waiting.reject(new Error(message.error.message));
      else waiting.resolve(message.result ?? null);
    } else if (message.id !== undefined) {
      // A request of the server's: answered, with null for what the page does not do (registrations).
      const handler = this.requests.get(message.method);
      this.worker.postMessage({ jsonrpc: '2.0', id: message.id, result: handler ? handler(message.params) : null } satisfies Message);
    } else {
      this.notifications.get(message.method)?.(message.params);
    }
  }
}
