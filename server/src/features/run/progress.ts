/**
 * Work-done progress for a run: the client's token when it sent one with the request, otherwise a
 * token the server creates (`window/workDoneProgress/create`) when the client supports it, else no
 * progress at all. A server-created progress can be cancelled from the client's progress UI.
 */
import type { CancellationToken, Connection, WorkDoneProgressReporter } from 'vscode-languageserver';
import { GATE_IDS, type GateId, type GateStatus } from '../../gates/engine/types';

/** Reports gate by gate and exposes the cancellation of a server-created progress. */
export interface RunProgressReporter {
  gate(gate: GateId, phase: 'start' | 'done', status?: GateStatus): void;
  /** A large evidence file being read; reported at each quarter so the client is not flooded. */
  file(path: string, bytesRead: number, totalBytes: number): void;
  done(): void;
  /** Set when the client can cancel the progress itself (server-created progress). */
  token?: CancellationToken;
}

/** A reporter that says nothing. */
const SILENT: RunProgressReporter = { gate: () => undefined, file: () => undefined, done: () => undefined };

/** Starts progress reports for a run of `gates` (the selected ones, or all seven). */
export async function startRunProgress(connection: Connection, clientToken: string | number | undefined, canCreate: boolean, gates: readonly GateId[] | undefined): Promise<RunProgressReporter> {
  let reporter: WorkDoneProgressReporter;
  let token: CancellationToken | undefined;
  if (clientToken !== undefined) reporter = connection.window.attachWorkDoneProgress(clientToken);
  else if (canCreate) {
    try {
      const created = await connection.window.createWorkDoneProgress();
      reporter = created;
      token = created.token;
    } catch {
      return SILENT;
    }
  } else return SILENT;
  const total = (gates ?? GATE_IDS).length;
  let finished = 0;
  const quarters = new Map<string, number>();
  reporter.begin('Release Gates: running gates', 0, `${total} gate(s)`, true);
  return {
    gate: (gate, phase, status) => {
      if (phase === 'done') finished++;
      const pct = Math.min(100, Math.round((100 * finished) / Math.max(total, 1)));
      reporter.report(pct, phase === 'start' ? `${gate} gate…` : `${gate} gate: ${status ?? 'done'}`);
    },
    file: (file, bytesRead, totalBytes) => {
      const quarter = Math.floor((4 * bytesRead) / Math.max(totalBytes, 1));
      if ((quarters.get(file) ?? -1) >= quarter) return;
      quarters.set(file, quarter);
      reporter.report(`reading ${file}: ${Math.round((100 * bytesRead) / Math.max(totalBytes, 1))} %`);
    },
    done: () => reporter.done(),
    ...(token ? { token } : {}),
  };
}
