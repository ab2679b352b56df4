/**
 * Runs an async task per key so that bursts coalesce: a request while the task runs for that key
 * schedules exactly one more run (of whatever the state is then), never one per request.
 */
export class Coalescer {
  private readonly state = new Map<string, 'running' | 'again'>();

  constructor(private readonly task: (key: string) => Promise<void>, private readonly onError: (err: unknown) => void) {}

  /** Runs the task for a key now, or once more after the run in flight. */
  schedule(key: string): void {
    if (this.state.has(key)) {
      this.state.set(key, 'again');
      return;
    }
    const loop = async (): Promise<void> => {
      do {
        this.state.set(key, 'running');
        await this.task(key);
      } while (this.state.get(key) === 'again');
      this.state.delete(key);
    };
    loop().catch((err: unknown) => {
      this.state.delete(key);
      this.onError(err);
    });
  }
}
