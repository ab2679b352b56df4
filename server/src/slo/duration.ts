/**
 * Prometheus-style durations (`5m`, `1h`, `3d`) for burn-rate windows. Kept here, free of I/O, so
 * the observability gate and the `alerts` command read and write windows the same way.
 */

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** Parses `5m`, `1h30m` or `3d` to seconds; undefined when the text is not a duration. */
export function parseDurationSeconds(text: string): number | undefined {
  const re = /(\d+)([smhdw])/g;
  let total = 0;
  let consumed = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * (UNIT_SECONDS[m[2] as string] as number);
    consumed += m[0].length;
  }
  return consumed > 0 && consumed === text.length ? total : undefined;
}

/** Writes seconds as the largest whole unit (`21600` → `6h`, `259200` → `3d`, `90` → `90s`). */
export function formatDuration(seconds: number): string {
  for (const [unit, size] of [['w', 604800], ['d', 86400], ['h', 3600], ['m', 60]] as const) {
    if (seconds >= size && seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}
