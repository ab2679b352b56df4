/**
 * Reads the typed part of a value that may open flow collections (`[5, 25, ` or
 * `{ name: x, type: `) and says where the cursor is inside them. While typing, such a value is
 * unterminated, so the YAML parser cannot place the cursor; this scanner only has to track brackets,
 * commas, colons and quotes on one line.
 */
import type { CardPath } from '../../card/model';

/** The cursor's place inside a (possibly flow) value, relative to the value's own path. */
export interface FlowPlace {
  kind: 'key' | 'value';
  /** Segments from the value to the cursor's collection entry (empty outside flow collections). */
  path: CardPath;
  prefix: string;
  /** Keys already written in the innermost flow mapping, or items already in the innermost flow list. */
  present: string[];
  inFlow: boolean;
}

/** One open flow collection. */
interface Frame {
  open: '[' | '{';
  /** Items so far (sequences) or the key of the current entry (mappings). */
  index: number;
  key: string | undefined;
  /** Offset where the current entry (or its value, after `key:`) starts. */
  start: number;
  /** Keys written so far (mappings) or items written so far (lists). */
  keys: string[];
  /** The segment from the parent to this collection. */
  seg: string | number;
}

/** The cursor's place in a typed value; undefined when it is not a place completion can serve. */
export function scanFlow(typed: string): FlowPlace | undefined {
  const stack: Frame[] = [];
  for (let i = 0; i < typed.length; i++) {
    const c = typed[i] as string;
    const top = stack[stack.length - 1];
    if (c === '"' || c === "'") {
      const close = typed.indexOf(c, i + 1);
      if (close < 0) break;
      i = close;
    } else if (c === '[' || c === '{') {
      const seg = !top ? 0 : top.open === '[' ? top.index : top.key;
      if (top && seg === undefined) return undefined;
      stack.push({ open: c, index: 0, key: undefined, start: i + 1, keys: [], seg: seg ?? 0 });
    } else if (c === ']' || c === '}') {
      stack.pop();
      if (stack.length === 0 && typed.slice(i + 1).trim() !== '') return undefined;
    } else if (c === ',' && top) {
      if (top.open === '[') top.keys.push(unquote(typed.slice(top.start, i).trim()));
      top.index++;
      top.key = undefined;
      top.start = i + 1;
    } else if (c === ':' && top?.open === '{' && top.key === undefined && /\s|$/.test(typed[i + 1] ?? '')) {
      top.key = unquote(typed.slice(top.start, i).trim());
      top.keys.push(top.key);
      top.start = i + 1;
    }
  }
  return place(typed, stack);
}

/** The place at the end of the typed text, given the collections still open there. */
function place(typed: string, stack: readonly Frame[]): FlowPlace | undefined {
  const top = stack[stack.length - 1];
  if (!top) return { kind: 'value', path: [], prefix: typed.trimStart(), present: [], inFlow: false };
  const path: (string | number)[] = stack.slice(1).map((f) => f.seg);
  const prefix = typed.slice(top.start).trimStart();
  if (top.open === '[') return { kind: 'value', path: [...path, top.index], prefix, present: top.keys, inFlow: true };
  if (top.key !== undefined) return { kind: 'value', path: [...path, top.key], prefix, present: [], inFlow: true };
  if (/[\s:]/.test(prefix)) return undefined;
  return { kind: 'key', path, prefix, present: top.keys, inFlow: true };
}

/** A key without its quotes. */
function unquote(key: string): string {
  return /^(["']).*\1$/.test(key) ? key.slice(1, -1) : key;
}
