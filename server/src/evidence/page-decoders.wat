;; The checked page decoders of Parquet evidence, in WebAssembly: Snappy blocks (`decompress`, used
;; by snappy.ts), dictionary indices in the hybrid run-length / bit-packed encoding (`indices`,
;; `gather` and `gather32`, used by parquet-dictionary.ts), and the NaNs among a page's doubles
;; (`count_nan`, used by page-decoders.ts). The caller copies its input into this memory,
;; calls a function and reads the output where it was written.
;;
;; Every input and output region is followed by SLACK = 32 bytes that the caller reserves: the
;; decoders move 8 or 16 bytes at a time and may read or write up to 16 bytes past the end of a
;; region, never further. Every length, count and offset is checked before it is used, so a call
;; ends after one pass over its input and never writes outside its output and that slack.
(module
  (memory (export "memory") 1)

  ;; Snappy (github.com/google/snappy, format_description.txt): the block's elements, after the
  ;; length preamble that the caller checked.
  ;; Decompresses the elements at [ip, ip + ilen) into [op, op + olen). Returns 0 when they fill
  ;; the output exactly, else: -2 a literal runs past the block or the output, -3 a copy is cut
  ;; short or does not fit, -4 the block ends before the output is full.
  (func (export "decompress") (param $ip i32) (param $ilen i32) (param $op i32) (param $olen i32) (result i32)
    (local $iend i32) (local $oend i32) (local $ostart i32) (local $tag i32) (local $len i32)
    (local $off i32) (local $src i32) (local $n i32) (local $end i32)
    (local.set $iend (i32.add (local.get $ip) (local.get $ilen)))
    (local.set $oend (i32.add (local.get $op) (local.get $olen)))
    (local.set $ostart (local.get $op))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $ip) (local.get $iend)))
        (local.set $tag (i32.load8_u (local.get $ip)))
        (local.set $ip (i32.add (local.get $ip) (i32.const 1)))
        (if (i32.eqz (i32.and (local.get $tag) (i32.const 3)))
          (then
            ;; A literal: its length minus one in the tag, or in the next 1 to 4 bytes.
            (local.set $len (i32.add (i32.shr_u (local.get $tag) (i32.const 2)) (i32.const 1)))
            (if (i32.gt_u (local.get $len) (i32.const 60))
              (then
                (local.set $n (i32.sub (local.get $len) (i32.const 60)))
                (if (i32.lt_u (i32.sub (local.get $iend) (local.get $ip)) (local.get $n))
                  (then (return (i32.const -2))))
                (local.set $len
                  (i32.and (i32.load (local.get $ip))
                    (select (i32.const -1)
                      (i32.sub (i32.shl (i32.const 1) (i32.shl (local.get $n) (i32.const 3))) (i32.const 1))
                      (i32.eq (local.get $n) (i32.const 4)))))
                (local.set $ip (i32.add (local.get $ip) (local.get $n)))
                ;; The stored value is the length minus one; 0xffffffff plus one is no length.
                (local.set $len (i32.add (local.get $len) (i32.const 1)))
                (if (i32.eqz (local.get $len)) (then (return (i32.const -2))))))
            (if (i32.or
                  (i32.gt_u (local.get $len) (i32.sub (local.get $iend) (local.get $ip)))
                  (i32.gt_u (local.get $len) (i32.sub (local.get $oend) (local.get $op))))
              (then (return (i32.const -2))))
            (if (i32.le_u (local.get $len) (i32.const 16))
              (then
                (i64.store (local.get $op) (i64.load (local.get $ip)))
                (i64.store offset=8 (local.get $op) (i64.load offset=8 (local.get $ip))))
              (else (memory.copy (local.get $op) (local.get $ip) (local.get $len))))
            (local.set $op (i32.add (local.get $op) (local.get $len)))
            (local.set $ip (i32.add (local.get $ip) (local.get $len)))
            (br $next)))
        ;; A copy of `len` bytes from `off` back: 1, 2 or 4 offset bytes after the tag.
        (if (i32.eq (i32.and (local.get $tag) (i32.const 3)) (i32.const 1))
          (then
            (if (i32.lt_u (i32.sub (local.get $iend) (local.get $ip)) (i32.const 1)) (then (return (i32.const -3))))
            (local.set $len (i32.add (i32.and (i32.shr_u (local.get $tag) (i32.const 2)) (i32.const 7)) (i32.const 4)))
            (local.set $off (i32.or (i32.shl (i32.shr_u (local.get $tag) (i32.const 5)) (i32.const 8)) (i32.load8_u (local.get $ip))))
            (local.set $ip (i32.add (local.get $ip) (i32.const 1))))
          (else
            (local.set $len (i32.add (i32.shr_u (local.get $tag) (i32.const 2)) (i32.const 1)))
            (if (i32.eq (i32.and (local.get $tag) (i32.const 3)) (i32.const 2))
              (then
                (if (i32.lt_u (i32.sub (local.get $iend) (local.get $ip)) (i32.const 2)) (then (return (i32.const -3))))
                (local.set $off (i32.load16_u (local.get $ip)))
                (local.set $ip (i32.add (local.get $ip) (i32.const 2))))
              (else
                (if (i32.lt_u (i32.sub (local.get $iend) (local.get $ip)) (i32.const 4)) (then (return (i32.const -3))))
                (local.set $off (i32.load (local.get $ip)))
                (local.set $ip (i32.add (local.get $ip) (i32.const 4)))))))
        (if (i32.or
              (i32.or (i32.eqz (local.get $off)) (i32.gt_u (local.get $off) (i32.sub (local.get $op) (local.get $ostart))))
              (i32.gt_u (local.get $len) (i32.sub (local.get $oend) (local.get $op))))
          (then (return (i32.const -3))))
        (local.set $src (i32.sub (local.get $op) (local.get $off)))
        (local.set $end (i32.add (local.get $op) (local.get $len)))
        (if (i32.ge_u (local.get $off) (i32.const 8))
          (then
            ;; Eight bytes at a time: each chunk reads bytes already final (src + 8 <= op), and may
            ;; write up to 7 bytes past the copy's end, which later elements or the slack take.
            (loop $chunk
              (i64.store (local.get $op) (i64.load (local.get $src)))
              (local.set $op (i32.add (local.get $op) (i32.const 8)))
              (local.set $src (i32.add (local.get $src) (i32.const 8)))
              (br_if $chunk (i32.lt_u (local.get $op) (local.get $end)))))
          (else
            ;; A run shorter than 8 bytes repeats: byte by byte.
            (loop $byte
              (i32.store8 (local.get $op) (i32.load8_u (local.get $src)))
              (local.set $op (i32.add (local.get $op) (i32.const 1)))
              (local.set $src (i32.add (local.get $src) (i32.const 1)))
              (br_if $byte (i32.lt_u (local.get $op) (local.get $end))))))
        (local.set $op (local.get $end))
        (br $next)))
    (select (i32.const 0) (i32.const -4) (i32.eq (local.get $op) (local.get $oend))))

  ;; Decodes `n` values of `width` bits (1 to 32) in the hybrid run-length / bit-packed encoding
  ;; (parquet-format Encodings.md) from [ip, ip + ilen) into 32-bit values at op. Returns 0, -5 when
  ;; a value is not below `size` (an index past the dictionary), -6 when a run header, run or value
  ;; does not fit the bytes or the values left.
  (func (export "indices") (param $ip i32) (param $ilen i32) (param $width i32) (param $n i32) (param $size i32) (param $op i32) (result i32)
    (local $iend i32) (local $header i64) (local $shift i64) (local $b i32) (local $seen i32)
    (local $take i32) (local $k i32) (local $bit i32) (local $v i32) (local $mask i32) (local $vbytes i32) (local $end i32)
    (if (i32.or (i32.eqz (local.get $width)) (i32.gt_u (local.get $width) (i32.const 32))) (then (return (i32.const -6))))
    (local.set $iend (i32.add (local.get $ip) (local.get $ilen)))
    (local.set $mask (i32.wrap_i64 (i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u (local.get $width))) (i64.const 1))))
    (local.set $vbytes (i32.shr_u (i32.add (local.get $width) (i32.const 7)) (i32.const 3)))
    (block $done
      (loop $run
        (br_if $done (i32.ge_u (local.get $seen) (local.get $n)))
        ;; The run header: a varint of at most 5 bytes.
        (local.set $header (i64.const 0))
        (local.set $shift (i64.const 0))
        (loop $varint
          (if (i32.or (i32.ge_u (local.get $ip) (local.get $iend)) (i64.gt_u (local.get $shift) (i64.const 28)))
            (then (return (i32.const -6))))
          (local.set $b (i32.load8_u (local.get $ip)))
          (local.set $ip (i32.add (local.get $ip) (i32.const 1)))
          (local.set $header (i64.or (local.get $header)
            (i64.shl (i64.extend_i32_u (i32.and (local.get $b) (i32.const 0x7f))) (local.get $shift))))
          (local.set $shift (i64.add (local.get $shift) (i64.const 7)))
          (br_if $varint (i32.ge_u (local.get $b) (i32.const 0x80))))
        (if (i32.wrap_i64 (i64.and (local.get $header) (i64.const 1)))
          (then
            ;; Bit-packed: (header >> 1) groups of 8 values, `width` bytes per group; the last group
            ;; may pad past the values left, which are all that is taken.
            (if (i64.gt_u
                  (i64.mul (i64.shr_u (local.get $header) (i64.const 1)) (i64.extend_i32_u (local.get $width)))
                  (i64.extend_i32_u (i32.sub (local.get $iend) (local.get $ip))))
              (then (return (i32.const -6))))
            (local.set $take (i32.sub (local.get $n) (local.get $seen)))
            (if (i64.lt_u (i64.shl (i64.shr_u (local.get $header) (i64.const 1)) (i64.const 3)) (i64.extend_i32_u (local.get $take)))
              (then (local.set $take (i32.wrap_i64 (i64.shl (i64.shr_u (local.get $header) (i64.const 1)) (i64.const 3))))))
            (local.set $k (i32.const 0))
            (local.set $bit (i32.const 0))
            (if (local.get $take)
              (then
                (loop $value
                  ;; Eight bytes from the value's first byte hold it whole (width + 7 <= 39 bits).
                  (local.set $v (i32.and (local.get $mask)
                    (i32.wrap_i64 (i64.shr_u
                      (i64.load (i32.add (local.get $ip) (i32.shr_u (local.get $bit) (i32.const 3))))
                      (i64.extend_i32_u (i32.and (local.get $bit) (i32.const 7)))))))
                  (if (i32.ge_u (local.get $v) (local.get $size)) (then (return (i32.const -5))))
                  (i32.store (i32.add (local.get $op) (i32.shl (i32.add (local.get $seen) (local.get $k)) (i32.const 2))) (local.get $v))
                  (local.set $bit (i32.add (local.get $bit) (local.get $width)))
                  (local.set $k (i32.add (local.get $k) (i32.const 1)))
                  (br_if $value (i32.lt_u (local.get $k) (local.get $take))))))
            (local.set $ip (i32.add (local.get $ip)
              (i32.wrap_i64 (i64.mul (i64.shr_u (local.get $header) (i64.const 1)) (i64.extend_i32_u (local.get $width))))))
            (local.set $seen (i32.add (local.get $seen) (local.get $take)))
            (br $run)))
        ;; Run-length: (header >> 1) copies of one value in the next ceil(width / 8) bytes.
        (if (i32.or
              (i64.gt_u (i64.shr_u (local.get $header) (i64.const 1)) (i64.extend_i32_u (i32.sub (local.get $n) (local.get $seen))))
              (i32.gt_u (local.get $vbytes) (i32.sub (local.get $iend) (local.get $ip))))
          (then (return (i32.const -6))))
        (local.set $v (i32.and (i32.load (local.get $ip))
          (select (i32.const -1)
            (i32.sub (i32.shl (i32.const 1) (i32.shl (local.get $vbytes) (i32.const 3))) (i32.const 1))
            (i32.eq (local.get $vbytes) (i32.const 4)))))
        (local.set $ip (i32.add (local.get $ip) (local.get $vbytes)))
        (local.set $end (i32.add (local.get $seen) (i32.wrap_i64 (i64.shr_u (local.get $header) (i64.const 1)))))
        (if (i32.lt_u (local.get $seen) (local.get $end))
          (then
            (if (i32.ge_u (local.get $v) (local.get $size)) (then (return (i32.const -5))))
            (loop $fill
              (i32.store (i32.add (local.get $op) (i32.shl (local.get $seen) (i32.const 2))) (local.get $v))
              (local.set $seen (i32.add (local.get $seen) (i32.const 1)))
              (br_if $fill (i32.lt_u (local.get $seen) (local.get $end))))))
        (br $run)))
    (i32.const 0))

  ;; Writes the 8-byte dictionary values at `dict` picked by the `n` 32-bit indices at `idx` (which
  ;; `indices` checked against the dictionary's size) as 8-byte values at op, bit for bit.
  (func (export "gather") (param $idx i32) (param $n i32) (param $dict i32) (param $op i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $idx) (i32.shl (local.get $n) (i32.const 2))))
    (if (i32.eqz (local.get $n)) (then (return)))
    (loop $value
      (i64.store (local.get $op) (i64.load (i32.add (local.get $dict) (i32.shl (i32.load (local.get $idx)) (i32.const 3)))))
      (local.set $op (i32.add (local.get $op) (i32.const 8)))
      (local.set $idx (i32.add (local.get $idx) (i32.const 4)))
      (br_if $value (i32.lt_u (local.get $idx) (local.get $end)))))

  ;; Writes the 4-byte values at `table` picked by the `n` 32-bit indices at `idx` (which `indices`
  ;; checked against the table's size) as 4-byte values at op.
  (func (export "gather32") (param $idx i32) (param $n i32) (param $table i32) (param $op i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $idx) (i32.shl (local.get $n) (i32.const 2))))
    (if (i32.eqz (local.get $n)) (then (return)))
    (loop $value
      (i32.store (local.get $op) (i32.load (i32.add (local.get $table) (i32.shl (i32.load (local.get $idx)) (i32.const 2)))))
      (local.set $op (i32.add (local.get $op) (i32.const 4)))
      (local.set $idx (i32.add (local.get $idx) (i32.const 4)))
      (br_if $value (i32.lt_u (local.get $idx) (local.get $end)))))

  ;; How many of the `n` 8-byte floats at `at` (a multiple of 8) are NaN: two at a time, where
  ;; f64x2.ne of a value with itself is all ones for a NaN (minus one, subtracted from the count).
  (func (export "count_nan") (param $at i32) (param $n i32) (result i32)
    (local $end i32) (local $v v128) (local $acc v128) (local $count i64)
    (local.set $end (i32.add (local.get $at) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3))))
    (local.set $acc (v128.const i64x2 0 0))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        (local.set $v (v128.load (local.get $at)))
        (local.set $acc (i64x2.sub (local.get $acc) (f64x2.ne (local.get $v) (local.get $v))))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br $pair)))
    (local.set $count (i64.add (i64x2.extract_lane 0 (local.get $acc)) (i64x2.extract_lane 1 (local.get $acc))))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (if (f64.ne (f64.load (local.get $at)) (f64.load (local.get $at)))
          (then (local.set $count (i64.add (local.get $count) (i64.const 1)))))))
    (i32.wrap_i64 (local.get $count)))
)
