/**
 * A cheap upper bound on how deeply a YAML or JSON text nests, checked before parsing.
 *
 * The `yaml` parser runs out of memory and kills the whole process (not a catchable exception) on
 * a few hundred kilobytes of extreme nesting, e.g. 50,000 levels of `{"a":` or `- - - x`. Real
 * evidence nests a few dozen levels, so a generous limit rejects only hostile or broken files.
 */

/** Deepest flow nesting (brackets and braces) accepted. */
export const MAX_FLOW_DEPTH = 512;

/** Largest block-content column (indentation plus compact `- ` indicators) accepted. */
export const MAX_BLOCK_COLUMN = 2048;

/** Where and why a text nests too deeply. */
export interface ExcessiveNesting {
  reason: string;
  /** Offset of the first character beyond the limit. */
  offset: number;
}

/** Returns where the text first nests beyond the limits, or undefined when it is acceptable. */
export function findExcessiveNesting(text: string): ExcessiveNesting | undefined {
  let flow = 0;
  let lineStart = true;
  let column = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      column = 0;
      continue;
    }
    if (lineStart) {
      // Count leading spaces and "- " / "? " indicators: each one opens a block level.
      if (c === 32 || ((c === 45 || c === 63) && text.charCodeAt(i + 1) === 32)) {
        column++;
        if (column > MAX_BLOCK_COLUMN) return { reason: `block content starts beyond column ${MAX_BLOCK_COLUMN}`, offset: i };
        continue;
      }
      lineStart = false;
    }
    // Brackets inside quoted strings are counted too; that only makes the bound more conservative.
    if (c === 91 || c === 123) {
      if (++flow > MAX_FLOW_DEPTH) return { reason: `brackets nest more than ${MAX_FLOW_DEPTH} levels deep`, offset: i };
    } else if ((c === 93 || c === 125) && flow > 0) flow--;
  }
  return undefined;
}

/** Returns a reason when `text` nests beyond the limits, or undefined when it is acceptable. */
export function excessiveNesting(text: string): string | undefined {
  return findExcessiveNesting(text)?.reason;
}
