/**
 * A tiny HTTP server on 127.0.0.1 that answers the Prometheus API with canned bodies chosen by the
 * query, so the client's handling of each answer can be tested without a real Prometheus (the
 * integration test uses a real one).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A canned answer: HTTP status and body, or `hang` to never answer. */
export type Answer = { status: number; body: string } | 'hang';

/** A running fake server. */
export interface FakeProm {
  url: string;
  /** Every query received, in order. */
  queries: { path: string; form: URLSearchParams }[];
  close(): Promise<void>;
}

/** Answer with a vector of the given sample values. */
export function vector(...values: string[]): Answer {
  return { status: 200, body: JSON.stringify({ status: 'success', data: { resultType: 'vector', result: values.map((v, i) => ({ metric: { i: String(i) }, value: [1, v] })) } }) };
}

/** Starts the server; `answer` picks the answer from the form's query. */
export async function fakeProm(answer: (query: string, path: string) => Answer): Promise<FakeProm> {
  const queries: FakeProm['queries'] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      const form = new URLSearchParams(body);
      queries.push({ path: req.url ?? '', form });
      const a = answer(form.get('query') ?? '', req.url ?? '');
      if (a === 'hang') return;
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    queries,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
