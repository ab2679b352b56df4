/**
 * Finds where a JSON document stops being valid, for the error message.
 *
 * Node 20's `JSON.parse` errors often give neither a position nor a line, and a line is what the
 * user needs to fix the evidence. This scanner is only run after `JSON.parse` has failed. It is
 * iterative (an explicit stack) so that deeply nested input cannot overflow the call stack.
 */

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Skips JSON whitespace from `i`. */
function skipWs(t: string, i: number): number {
  let c = t.charCodeAt(i);
  while (c === 32 || c === 9 || c === 10 || c === 13) c = t.charCodeAt(++i);
  return i;
}

/** End offset of the string starting at `i` (a quote), or undefined when it is malformed. */
function stringEnd(t: string, i: number): number | undefined {
  for (let k = i + 1; k < t.length; k++) {
    const c = t.charCodeAt(k);
    if (c === 34) return k + 1;
    if (c < 32) return undefined;
    if (c === 92) k++;
  }
  return undefined;
}

/** End offset of the scalar (string, number, literal) at `i`, or undefined when there is none. */
function scalarEnd(t: string, i: number): number | undefined {
  if (t.charCodeAt(i) === 34) return stringEnd(t, i);
  for (const lit of ['true', 'false', 'null']) if (t.startsWith(lit, i)) return i + lit.length;
  NUMBER.lastIndex = i;
  return NUMBER.test(t) ? NUMBER.lastIndex : undefined;
}

/** Offset of the first JSON syntax error in `t`, or undefined when `t` is valid JSON. */
export function jsonErrorOffset(t: string): number | undefined {
  const stack: number[] = [];
  let i = 0;
  let expect: 'value' | 'key' | 'after' = 'value';
  for (;;) {
    i = skipWs(t, i);
    const c = t.charCodeAt(i);
    if (expect === 'value' || expect === 'key') {
      const closesEmpty = (c === 93 || c === 125) && stack[stack.length - 1] === c - 2 && t.charCodeAt(skipBack(t, i - 1)) === c - 2;
      if (closesEmpty) {
        stack.pop();
        i++;
        expect = 'after';
      } else if (expect === 'value' && (c === 91 || c === 123)) {
        stack.push(c);
        i++;
        expect = c === 123 ? 'key' : 'value';
      } else {
        const end = expect === 'key' ? (c === 34 ? stringEnd(t, i) : undefined) : scalarEnd(t, i);
        if (end === undefined) return i;
        i = end;
        if (expect === 'key') {
          i = skipWs(t, i);
          if (t.charCodeAt(i) !== 58) return i;
          i++;
          expect = 'value';
        } else expect = 'after';
      }
      continue;
    }
    const top = stack[stack.length - 1];
    if (top === undefined) return i < t.length ? i : undefined;
    if (c === 44) {
      i++;
      expect = top === 123 ? 'key' : 'value';
    } else if (c === top + 2) {
      stack.pop();
      i++;
    } else return i;
  }
}

/** Offset of the last non-whitespace character at or before `i`. */
function skipBack(t: string, i: number): number {
  let c = t.charCodeAt(i);
  while (c === 32 || c === 9 || c === 10 || c === 13) c = t.charCodeAt(--i);
  return i;
}
