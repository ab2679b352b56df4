/**
 * The WebAssembly page decoders of page-decoders.wat (Snappy blocks, dictionary indices): the
 * module is compiled once, and each user keeps an instance of its own in a `DecoderSlot`, whose
 * memory grows to its largest input and is let go of when that passed 64 MiB.
 */
import { PAGE_DECODERS_WASM } from './page-decoders-wasm';

/** The exports of page-decoders.wat (the comments there say what each returns). */
export interface PageDecoders {
  memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  decompress(ip: number, ilen: number, op: number, olen: number): number;
  indices(ip: number, ilen: number, width: number, n: number, size: number, op: number): number;
  gather(idx: number, n: number, dict: number, op: number): void;
  gather32(idx: number, n: number, table: number, op: number): void;
  count_nan(at: number, n: number): number;
}

/** Bytes the decoders may read or write past an input or output region: reserved after each. */
export const SLACK = 32;

/** Where the first region starts. */
export const FIRST_REGION = 64;

/** A memory grown past this is let go of once its output was read. */
const KEEP_BYTES = 64 * 1024 * 1024;

/** The part of the WebAssembly API used here (the project's TypeScript libraries do not declare it). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}

/** The compiled module, or null where WebAssembly is unavailable or refuses it. */
let compiled: object | null | undefined;

/** A new instance of the decoders; throws where WebAssembly is unavailable. */
export function instantiateDecoders(): PageDecoders {
  const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  if (!api) throw new Error('WebAssembly is unavailable');
  compiled ??= new api.Module(Buffer.from(PAGE_DECODERS_WASM, 'base64'));
  return new api.Instance(compiled).exports as PageDecoders;
}

/** The instance whose memory each buffer is (a buffer is replaced when its memory grows). */
const owners = new WeakMap<ArrayBuffer, PageDecoders>();

/**
 * How many of the `n` doubles at `offset` in `bytes` are NaN, counted by the decoders (two at a
 * time) when `bytes` is a view of their memory, such as a page `snappyView` returned, and the
 * doubles lie on an 8-byte boundary; undefined otherwise.
 */
export function countNaNInDecoders(bytes: Uint8Array, offset: number, n: number): number | undefined {
  const owner = owners.get(bytes.buffer as ArrayBuffer);
  const at = bytes.byteOffset + offset;
  if (!owner || at % 8 !== 0 || offset + 8 * n > bytes.length) return undefined;
  return owner.count_nan(at, n);
}

/** `n` rounded up to a multiple of 8, where 8-byte values are read and written. */
export function align8(n: number): number {
  return (n + 7) & ~7;
}

/** One user's instance of the decoders. */
export class DecoderSlot {
  private instance: PageDecoders | undefined;

  /**
   * The instance, its memory at least `bytes` long, or undefined where WebAssembly is unavailable
   * (the caller's JavaScript decoder serves then). Growing the memory detaches every view of it.
   */
  acquire(bytes: number): PageDecoders | undefined {
    if (compiled === null) return undefined;
    if (!this.instance) {
      try {
        this.instance = instantiateDecoders();
      } catch {
        compiled = null;
        return undefined;
      }
    }
    const { memory } = this.instance;
    if (memory.buffer.byteLength < bytes) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
    owners.set(memory.buffer, this.instance);
    return this.instance;
  }

  /** Lets go of the instance when its memory grew past 64 MiB (views of it stay readable). */
  release(): void {
    if (this.instance && this.instance.memory.buffer.byteLength > KEEP_BYTES) this.instance = undefined;
  }
}
