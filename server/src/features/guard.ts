/** Keeps one failing handler from taking the server down. */
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';

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

/**
 * Guards request handlers: deliberate answers (ResponseError) pass through, while a bug is logged
 * with its stack and answered as a failed request, so the server answers on.
 */
export function guardRequests(log: ErrorLog) {
  return function answer<P, R>(name: string, fn: (params: P, token: CancellationToken) => Promise<R>): (params: P, token: CancellationToken) => Promise<R> {
    return async (params, token) => {
      try {
        return await fn(params, token);
      } catch (err) {
        if (err instanceof ResponseError) throw err;
        log.error(`[${name}] internal error: ${(err as Error)?.stack ?? String(err)}`);
        throw new ResponseError(LSPErrorCodes.RequestFailed, `Release Gates hit an internal error in ${name}; the server log has the details.`);
      }
    };
  };
}
