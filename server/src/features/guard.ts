/** Keeps one failing handler from taking the server down. */

/** Something that can log an error line (the LSP connection's console, or a test double). */
export interface ErrorLog {
  error(message: string): void;
}

/**
 * Wraps a handler so that an exception is logged with its stack and answered with a fallback.
 * Promise-returning handlers are guarded too: a rejection is logged and replaced by the fallback.
 */
export function makeGuard(log: ErrorLog) {
  return function guard<A extends unknown[], R>(name: string, fn: (...args: A) => R, fallback: Awaited<R>): (...args: A) => R {
    const report = (err: unknown): void => log.error(`[${name}] internal error: ${(err as Error)?.stack ?? String(err)}`);
    return (...args: A): R => {
      try {
        const result = fn(...args);
        if (result instanceof Promise) {
          return result.catch((err: unknown) => {
            report(err);
            return fallback;
          }) as R;
        }
        return result;
      } catch (err) {
        report(err);
        return fallback as R;
      }
    };
  };
}
