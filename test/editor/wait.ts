/** Waiting on conditions with a deadline, never for a fixed time. */
import { existsSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';

/**
 * Resolves when `file` exists. It watches the file's folder (the suite renames its results into
 * place, which the watch sees at once) and fails after `timeoutMs`, or as soon as `abort` fires.
 */
export function waitForFile(file: string, timeoutMs: number, abort?: Promise<Error>): Promise<void> {
  return new Promise((resolve, reject) => {
    const watcher = watch(dirname(file), (_event, name) => {
      if (name === basename(file) && existsSync(file)) finish();
    });
    const timer = setTimeout(() => fail(new Error(`${file} did not appear within ${timeoutMs / 1000} s`)), timeoutMs);
    function finish(): void {
      clearTimeout(timer);
      watcher.close();
      resolve();
    }
    function fail(error: Error): void {
      clearTimeout(timer);
      watcher.close();
      reject(error);
    }
    void abort?.then(fail);
    if (existsSync(file)) finish();
  });
}
