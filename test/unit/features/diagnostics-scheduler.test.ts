// The scheduler validates in steps, yielding to the event loop between them, drops a validation
// when a newer version arrives, and publishes only the version it computed (issue 13: requests
// waited up to 26 s behind validations of versions nobody would see).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticsScheduler, type ValidationReport } from '../../../server/src/features/diagnostics';

const URI = 'file:///w/release-card.yaml';

/** A diagnostic whose message names the text it was computed from. */
function diagnosticOf(text: string): Diagnostic {
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: text };
}

/** A scheduler over one document whose validations take `steps` steps and log what they do. */
function harness(steps = 3, fail = false) {
  let doc: TextDocument | undefined = TextDocument.create(URI, 'yaml', 1, 'v1');
  const events: string[] = [];
  const published: { version: number | undefined; diagnostics: Diagnostic[] }[] = [];
  const reports: ValidationReport[] = [];
  let onPublish: () => void = () => undefined;
  const scheduler = new DiagnosticsScheduler({
    current: () => doc,
    *validate(d) {
      const text = d.getText();
      for (let i = 0; i < steps; i++) {
        events.push(`${text}:${i}`);
        if (fail && i === 1) throw new Error('a bug');
        yield;
      }
      return [diagnosticOf(text)];
    },
    publish(_uri, version, diagnostics) {
      published.push({ version, diagnostics });
      onPublish();
    },
    onError: (_uri, err) => events.push(`error:${(err as Error).message}`),
    onPublished: (r) => reports.push(r),
  });
  return {
    scheduler, events, published, reports,
    edit(text: string): void {
      doc = TextDocument.update(doc as TextDocument, [{ text }], (doc?.version ?? 0) + 1);
      scheduler.schedule(URI);
    },
    close(): void {
      doc = undefined;
      scheduler.forget(URI);
    },
    reopen(text: string): void {
      doc = TextDocument.create(URI, 'yaml', 1, text);
      scheduler.schedule(URI);
    },
    /** Resolves at the next publish. */
    nextPublish: (): Promise<void> => new Promise((resolve) => (onPublish = resolve)),
  };
}

describe('diagnostics scheduler', () => {
  it('validates a burst of edits once, for the last version', async () => {
    const h = harness();
    const done = h.nextPublish();
    h.scheduler.schedule(URI);
    h.edit('v2');
    h.edit('v3');
    await done;
    assert.deepEqual(h.published.map((p) => [p.version, p.diagnostics[0]?.message]), [[3, 'v3']]);
    assert.deepEqual(h.events, ['v3:0', 'v3:1', 'v3:2']);
  });

  it('answers other callbacks between steps and reports itself busy meanwhile', async () => {
    const h = harness(4);
    const done = h.nextPublish();
    h.scheduler.schedule(URI);
    assert.equal(h.scheduler.busy(URI), true);
    // A request arriving after the first step is served before the validation ends.
    const served = new Promise<void>((resolve) => {
      const poll = (): void => {
        if (h.events.length === 0) setImmediate(poll);
        else {
          h.events.push('request');
          resolve();
        }
      };
      setImmediate(poll);
    });
    await served;
    await done;
    assert.ok(h.events.indexOf('request') < h.events.indexOf('v1:3'), h.events.join(' '));
    assert.equal(h.scheduler.busy(URI), false);
  });

  it('drops a validation when a newer version arrives, and never publishes it', async () => {
    const h = harness(3);
    const done = h.nextPublish();
    h.scheduler.schedule(URI);
    await new Promise<void>((resolve) => {
      const poll = (): void => (h.events.includes('v1:0') ? resolve() : void setImmediate(poll));
      poll();
    });
    h.edit('v2');
    await done;
    assert.deepEqual(h.published.map((p) => p.version), [2]);
    assert.ok(!h.events.includes('v1:2'), h.events.join(' '));
    assert.equal(h.reports[0]?.dropped, 1);
    assert.equal(h.reports[0]?.version, 2);
  });

  it('clears the diagnostics of a version whose validation threw, and logs it', async () => {
    const h = harness(3, true);
    const done = h.nextPublish();
    h.scheduler.schedule(URI);
    await done;
    assert.deepEqual(h.published, [{ version: 1, diagnostics: [] }]);
    assert.ok(h.events.includes('error:a bug'));
  });

  it('publishes nothing for a document closed while it was validated', async () => {
    const h = harness(3);
    h.scheduler.schedule(URI);
    await new Promise<void>((resolve) => {
      const poll = (): void => (h.events.includes('v1:0') ? resolve() : void setImmediate(poll));
      poll();
    });
    h.close();
    await new Promise<void>((resolve) => {
      const poll = (): void => (h.scheduler.busy(URI) ? void setImmediate(poll) : resolve());
      poll();
    });
    assert.deepEqual(h.published, [{ version: undefined, diagnostics: [] }]);
  });

  it('validates a document closed and opened again while its old version was validated', async () => {
    const h = harness(3);
    h.scheduler.schedule(URI);
    await new Promise<void>((resolve) => {
      const poll = (): void => (h.events.includes('v1:0') ? resolve() : void setImmediate(poll));
      poll();
    });
    const done = h.nextPublish();
    h.close();
    h.reopen('again');
    await h.nextPublish().then(() => done);
    assert.deepEqual(h.published.map((p) => [p.version, p.diagnostics[0]?.message]), [[undefined, undefined], [1, 'again']]);
    assert.ok(!h.events.includes('v1:2'), h.events.join(' '));
    assert.equal(h.scheduler.busy(URI), false);
  });
});
