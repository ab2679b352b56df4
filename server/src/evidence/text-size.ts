/**
 * What parsing a JSON or YAML text will cost, estimated before it is parsed.
 *
 * A parsed value costs far more than its text: `{}` is two bytes of JSON and about 60 bytes of
 * JavaScript object, and a node of the `yaml` package's syntax tree costs about a kilobyte. So a
 * few megabytes of text can need gigabytes. Counting the separators that every value or key needs
 * gives an upper bound of the nodes in one cheap pass, and the loaders compare its cost with their
 * memory budget before parsing.
 */

/** Memory of one JSON value or key after `JSON.parse` (measured: 8 to 45 bytes; 64 for headroom). */
export const JSON_NODE_BYTES = 64;

/** Memory of one node of a `yaml` document with its source ranges and JavaScript value (measured: 450 to 1,000 bytes). */
export const YAML_NODE_BYTES = 1024;

const COMMA = 44;
const COLON = 58;
const OPEN_SQUARE = 91;
const OPEN_CURLY = 123;
const QUOTE = 34;
const BACKSLASH = 92;
const LF = 10;
const DASH = 45;

/**
 * Upper bound of the values and keys of JSON text: every one after the first follows a comma, a
 * colon or an opening bracket outside a string. Invalid JSON gets some count; the parser reports it.
 */
export function jsonNodeCount(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // Skip the string, escapes included; an unterminated one ends the count.
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === BACKSLASH) i++;
        else if (s === QUOTE) break;
      }
    } else if (c === COMMA || c === COLON || c === OPEN_SQUARE || c === OPEN_CURLY) {
      n++;
    }
  }
  return n;
}

/**
 * Upper bound of the nodes of a YAML document: every node after the first starts a line, follows
 * a flow separator or a key's colon, or is a block sequence item. Characters inside quoted or
 * plain text are counted too, which only overestimates.
 */
export function yamlNodeCount(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || c === COMMA || c === COLON || c === OPEN_SQUARE || c === OPEN_CURLY || c === DASH) n++;
  }
  return n;
}
