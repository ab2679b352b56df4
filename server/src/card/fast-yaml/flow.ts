/**
 * One-line flow collections for the fast YAML path: `[5, 25, 50]` and `{ name: x, type: long }`,
 * nested freely, with scalars as items. Pairs inside sequences, empty or trailing items, comments,
 * line breaks and JSON-style `"a":1` keys are left to the `yaml` package.
 */
import { Pair, YAMLMap, YAMLSeq, type Schema, type Scalar } from 'yaml';
import { bail, C, canStartPlain, scanPlain, scanQuoted, type ScalarFactory } from './scalar';

/** Deeper flow nesting than any card needs; the `yaml` package handles the rest. */
const MAX_FLOW_DEPTH = 64;

/** A parsed flow collection and the offset just after its closing bracket. */
export interface FlowResult {
  node: YAMLMap | YAMLSeq;
  end: number;
}

/** Parses flow collections on one line of a text. */
export class FlowParser {
  constructor(
    private readonly text: string,
    private readonly schema: Schema,
    private readonly scalars: ScalarFactory,
  ) {}

  /** Parses the collection opening at `pos`, which must close before `lineEnd`. */
  parse(pos: number, lineEnd: number, depth = 0): FlowResult {
    if (depth > MAX_FLOW_DEPTH) bail();
    const text = this.text;
    const isMap = text.charCodeAt(pos) === C.LBC;
    const close = isMap ? C.RBC : C.RBR;
    const node = isMap ? new YAMLMap(this.schema) : new YAMLSeq(this.schema);
    node.flow = true;
    let i = this.skipSpaces(pos + 1, lineEnd);
    if (text.charCodeAt(i) === close) return this.done(node, pos, i + 1);
    for (;;) {
      let item: Scalar | YAMLMap | YAMLSeq | Pair;
      let end: number;
      if (isMap) [item, end] = this.pair(i, lineEnd, depth);
      else [item, end] = this.item(i, lineEnd, depth);
      (node.items as unknown[]).push(item);
      const k = this.skipSpaces(end, lineEnd);
      setRangeEnd(item, k);
      const c = text.charCodeAt(k);
      if (c === close && k < lineEnd) return this.done(node, pos, k + 1);
      if (c !== C.COMMA || k >= lineEnd) bail();
      i = this.skipSpaces(k + 1, lineEnd);
      // A trailing comma is valid YAML, but rare enough to leave to the package.
      if (i >= lineEnd || text.charCodeAt(i) === close) bail();
    }
  }

  /**
   * One pair of a flow mapping: `key: value`, `key: ` with nothing before the next `,` or `}` (a
   * null scalar), or a lone `key` (no value at all, as `yaml` builds it; typing leaves these).
   * Returns the pair and where its last source ends.
   */
  private pair(i: number, lineEnd: number, depth: number): [Pair, number] {
    const text = this.text;
    let key: Scalar;
    let colon: number;
    if (text.charCodeAt(i) === C.DQ || text.charCodeAt(i) === C.SQ) {
      const end = scanQuoted(text, i, lineEnd);
      key = this.scalars.quoted(text, i, end, end);
      colon = this.skipSpaces(end, lineEnd);
      if (text.charCodeAt(colon) !== C.COLON) return this.lone(key, end, colon, lineEnd);
    } else {
      if (!canStartPlain(text, i, lineEnd)) bail();
      const s = scanPlain(text, i, lineEnd, true);
      key = this.scalars.plain(text, i, s.end, s.end);
      if (s.why === 'end') return this.lone(key, s.end, s.stop, lineEnd);
      if (s.why !== 'colon') bail();
      colon = s.stop;
    }
    if (text.charCodeAt(colon + 1) !== C.SP || colon + 1 >= lineEnd) bail();
    const v = this.skipSpaces(colon + 1, lineEnd);
    const next = text.charCodeAt(v);
    if (v < lineEnd && (next === C.COMMA || next === C.RBC)) return [new Pair(key, this.scalars.empty(v, v)), v];
    const [value, end] = this.item(v, lineEnd, depth);
    return [new Pair(key, value), end];
  }

  /** A key with no `:` at all, which must be followed by `,` or `}`. */
  private lone(key: Scalar, end: number, stop: number, lineEnd: number): [Pair, number] {
    const c = this.text.charCodeAt(stop);
    if (stop >= lineEnd || (c !== C.COMMA && c !== C.RBC)) bail();
    return [new Pair(key, null), end];
  }

  /** One scalar or nested collection; returns it and where its source ends. */
  private item(i: number, lineEnd: number, depth: number): [Scalar | YAMLMap | YAMLSeq, number] {
    const text = this.text;
    const c = text.charCodeAt(i);
    if (i >= lineEnd) bail();
    if (c === C.LBR || c === C.LBC) {
      const r = this.parse(i, lineEnd, depth + 1);
      return [r.node, r.end];
    }
    if (c === C.DQ || c === C.SQ) {
      const end = scanQuoted(text, i, lineEnd);
      return [this.scalars.quoted(text, i, end, end), end];
    }
    if (!canStartPlain(text, i, lineEnd)) bail();
    const s = scanPlain(text, i, lineEnd, true);
    if (s.why !== 'end' || s.stop >= lineEnd) bail();
    return [this.scalars.plain(text, i, s.end, s.end), s.end];
  }

  private done(node: YAMLMap | YAMLSeq, start: number, end: number): FlowResult {
    node.range = [start, end, end];
    return { node, end };
  }

  private skipSpaces(i: number, lineEnd: number): number {
    while (i < lineEnd && this.text.charCodeAt(i) === C.SP) i++;
    return i;
  }
}

/** Extends an item's range over the spaces before the next `,` or closing bracket, as `yaml` does. */
function setRangeEnd(item: Scalar | YAMLMap | YAMLSeq | Pair, end: number): void {
  const node = item instanceof Pair ? (item.value as Scalar | YAMLMap | YAMLSeq | null) : item;
  if (node?.range) node.range[2] = end;
}
