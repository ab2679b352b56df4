/**
 * Worker thread that loads one large table (see `threads.ts`). Parsing a big CSV is CPU
 * work; with the reference and the current slice in two workers, both are parsed at once. The
 * file is hashed from the bytes it is parsed from, and the table's typed arrays are transferred
 * to the caller, not copied.
 */
import { parentPort } from 'node:worker_threads';
import { loadTable } from './load-table';
import type { Table } from './table';
import { HashTap } from './hash';
import type { FromEvidenceWorker, ToEvidenceWorker } from './threads';

/** The distinct buffers behind a table's columns, to move them to the caller without a copy. */
function buffersOf(table: Table): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const col of table.columns) {
    const data = col.type === 'categorical' ? col.codes : col.values;
    if (data.buffer instanceof ArrayBuffer) out.add(data.buffer);
  }
  return [...out];
}

const port = parentPort;
port?.once('message', (m: ToEvidenceWorker) => {
  const tap = new HashTap();
  const post = (msg: FromEvidenceWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(msg, transfer);
  const onProgress = m.progress ? (bytesRead: number, totalBytes: number) => post({ type: 'progress', bytesRead, totalBytes }) : undefined;
  void loadTable(m.file, { ...m.options, tap, ...(onProgress ? { onProgress } : {}) }).then((result) => {
    const hash = tap.result();
    post({ type: 'done', result, ...(hash ? { hash } : {}) }, result.ok ? buffersOf(result.value) : []);
  });
});
