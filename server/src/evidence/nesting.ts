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

/** Returns a reason when `text` nests beyond the limits, or undefined when it is acceptable. */
export function excessiveNesting(text: string): string | undefined {
  let flow = 0;
  let maxFlow = 0;
  let lineStart = true;
  let column = 0;
  let maxColumn = 0;
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
        maxColumn = Math.max(maxColumn, column);
        continue;
      }
      lineStart = false;
    }
    // Brackets inside quoted strings are counted too; that only makes the bound more conservative.
    if (c === 91 || c === 123) maxFlow = Math.max(maxFlow, ++flow);
    else if ((c === 93 || c === 125) && flow > 0) flow--;
  }
  if (maxFlow > MAX_FLOW_DEPTH) return `brackets nest ${maxFlow} levels deep (limit ${MAX_FLOW_DEPTH})`;
  if (maxColumn > MAX_BLOCK_COLUMN) return `block content starts at column ${maxColumn} (limit ${MAX_BLOCK_COLUMN})`;
  return undefined;
}
