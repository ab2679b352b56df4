/**
 * Defensive readers for card values. Rules and the rollout run on cards the schema may have
 * rejected, so every value may have the wrong type; these return undefined (or an empty list)
 * instead of trusting it.
 */

/** A string value, or undefined for anything else. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A finite number, or undefined for anything else. */
export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A list, or an empty list for anything else. */
export function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A plain mapping, or undefined. */
export function obj(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
