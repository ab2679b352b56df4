/**
 * A minimal LSP client over stdio for tests and benchmarks: spawns a real server process, frames
 * JSON-RPC messages, and lets callers await responses and notifications as events (no sleeps).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { EventEmitter } from 'node:events';

/** A JSON-RPC message as read from the server. */
export interface Message {
  id?: number | string;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

/** A running server and a client speaking to it. */
export class LspClient {
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly events = new EventEmitter();
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  /** Everything the server wrote to stderr, for failure messages. */
  stderr = '';
  /** Messages the server logged through window/logMessage. */
  readonly logs: string[] = [];
  /** The same messages with their type (1 error, 2 warning, 3 info, 4 log). */
  readonly logEntries: { type: number; message: string }[] = [];
  /** Requests the server sent to the client (configuration, registrations), in order. */
  readonly serverRequests: { method: string; params: unknown }[] = [];
  /** Answers `workspace/configuration` requests (one value per requested section). */
  configuration: (section: string | undefined) => unknown = () => null;

  constructor(command: string, args: string[], cwd?: string) {
    this.proc = spawn(command, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.events.setMaxListeners(0);
    this.proc.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.proc.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.proc.on('exit', (code) => this.events.emit('exit', code));
  }

  /** Sends a request and resolves with its result (rejects on an error response or server exit). */
  request<T = unknown>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    const done = new Promise<T>((resolve, reject) => {
      const onExit = (code: number | null): void => reject(new Error(`server exited (${code}) before answering ${method}: ${this.stderr}`));
      this.events.once('exit', onExit);
      this.events.once(`response:${id}`, (msg: Message) => {
        this.events.off('exit', onExit);
        if (msg.error) reject(new Error(`${method}: ${msg.error.message}`));
        else resolve(msg.result as T);
      });
    });
    this.send({ jsonrpc: '2.0', id, method, params });
    return done;
  }

  /** Sends a notification. */
  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the first notification of a method whose params satisfy the predicate. */
  waitFor<T = unknown>(method: string, predicate: (params: T) => boolean = () => true): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onExit = (code: number | null): void => reject(new Error(`server exited (${code}) while waiting for ${method}: ${this.stderr}`));
      const listener = (params: T): void => {
        if (!predicate(params)) return;
        this.events.off(`notification:${method}`, listener);
        this.events.off('exit', onExit);
        resolve(params);
      };
      this.events.on(`notification:${method}`, listener);
      this.events.once('exit', onExit);
    });
  }

  /** Performs the initialize handshake. */
  async initialize(rootUri: string | null, initializationOptions: unknown = {}, capabilities: unknown = {}): Promise<unknown> {
    const result = await this.request('initialize', { processId: process.pid, rootUri, capabilities, initializationOptions, workspaceFolders: rootUri ? [{ uri: rootUri, name: 'root' }] : null });
    this.notify('initialized', {});
    return result;
  }

  /** Shuts the server down politely and waits for the process to end. */
  async shutdown(): Promise<void> {
    if (this.proc.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    try {
      await this.request('shutdown', null);
      this.notify('exit', null);
    } catch {
      this.proc.kill();
    }
    await exited;
  }

  /** Ends a server that does not answer (a benchmark's timeout) without the shutdown handshake. */
  kill(): void {
    if (this.proc.exitCode === null) this.proc.kill();
  }

  /** True while the server process runs. */
  get alive(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  private send(message: object): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body) as Message);
    }
  }

  private dispatch(msg: Message): void {
    if (msg.method && msg.id !== undefined) {
      // Server-to-client requests (configuration, registration, edits): answer so the server goes on.
      const items = (msg.params as { items?: { section?: string }[] } | undefined)?.items ?? [];
      const result = msg.method === 'workspace/configuration' ? items.map((i) => this.configuration(i.section)) : msg.method === 'workspace/applyEdit' ? { applied: true } : null;
      this.send({ jsonrpc: '2.0', id: msg.id, result });
      this.serverRequests.push({ method: msg.method, params: msg.params });
    } else if (msg.method) {
      if (msg.method === 'window/logMessage') {
        const entry = msg.params as { type: number; message: string };
        this.logs.push(entry.message);
        this.logEntries.push({ type: entry.type, message: entry.message });
      }
      this.events.emit(`notification:${msg.method}`, msg.params);
    } else if (msg.id !== undefined) {
      this.events.emit(`response:${msg.id}`, msg);
    }
  }
}
