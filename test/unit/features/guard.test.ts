import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeGuard } from '../../../server/src/features/guard';

describe('handler guard', () => {
  it('logs a thrown error with its stack and answers with the fallback', () => {
    const lines: string[] = [];
    const guard = makeGuard({ error: (m) => lines.push(m) });
    const handler = guard('hover', (x: number): number[] => {
      if (x > 1) throw new Error('boom');
      return [x];
    }, []);
    assert.deepEqual(handler(1), [1]);
    assert.deepEqual(handler(2), []);
    assert.equal(lines.length, 1);
    assert.match(lines[0] ?? '', /^\[hover\] internal error: Error: boom\n\s+at /);
  });

  it('guards promise-returning handlers too', async () => {
    const lines: string[] = [];
    const guard = makeGuard({ error: (m) => lines.push(m) });
    const handler = guard('completion', async (): Promise<string | null> => {
      throw new Error('async boom');
    }, null);
    assert.equal(await handler(), null);
    assert.match(lines[0] ?? '', /async boom/);
  });
});
