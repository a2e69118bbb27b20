// A text column holds what an array of strings would, across its blocks of 4096 records.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TextColumn } from "../../src/records/textColumn.js";
import { DenseIds } from "../../src/ids/denseIds.js";

const text = fc.oneof(fc.constantFrom("", "O1", "订单", "\ud800", "a\u0000b"), fc.string({ maxLength: 30 }), fc.string({ unit: "binary", maxLength: 5 }));

describe("TextColumn", () => {
  it("reads back what was written, in order, with holes as empty strings, across blocks", () => {
    // Writes: (gap before the record, value, written again?) — gaps leave holes, rewrites replace.
    const writes = fc.array(fc.tuple(fc.nat(3000), text, fc.option(text)), { maxLength: 40 });
    fc.assert(
      fc.property(writes, fc.nat(2), fc.boolean(), (list, extra, join) => {
        // Joined into blocks (text read from a file) or kept as given (the library's arrays).
        const column = new TextColumn(16, join);
        const reference: string[] = [];
        let i = -1;
        for (const [gap, value, again] of list) {
          i += 1 + gap;
          column.set(i, value);
          reference[i] = value;
          if (again !== null) {
            column.set(i, again);
            reference[i] = again;
          }
        }
        const n = reference.length + extra;
        column.truncate(n);
        for (let k = 0; k < n; k++) reference[k] ??= "";
        for (const c of [column, column.pack()]) {
          expect(c.length).toBe(n);
          expect(c.toArray()).toEqual(reference);
          expect([...c]).toEqual(reference);
          expect(c.at(-1)).toBe("");
          expect(c.at(n)).toBe("");
        }
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it("compares two records' values as < compares the strings, inside and across blocks", () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 60 }), fc.nat(5000), (values, spread) => {
        // Records spread over several blocks: value k at record k * spread (holes between).
        const column = new TextColumn(0, spread % 2 === 0);
        const at = values.map((_, k) => k * spread + k);
        values.forEach((v, k) => column.set(at[k]!, v));
        for (const c of [column, TextColumn.of(column)]) {
          for (let x = 0; x < values.length; x++) {
            for (let y = 0; y < values.length; y++) {
              const [a, b] = [values[x]!, values[y]!];
              expect(Math.sign(c.compare(at[x]!, at[y]!))).toBe(a < b ? -1 : a > b ? 1 : 0);
            }
          }
        }
      }),
      { seed: 9, numRuns: 100 },
    );
  });

  it("refuses writes out of order and after packing, and cuts only the open block", () => {
    const column = new TextColumn();
    for (let i = 0; i < 5000; i++) column.set(i, `O${i}`);
    expect(() => column.set(10, "x")).toThrow(RangeError); // in the first, full block
    expect(() => column.truncate(4000)).toThrow(RangeError);
    column.truncate(4500);
    expect(column.length).toBe(4500);
    expect(column.at(4499)).toBe("O4499");
    expect(column.at(4500)).toBe("");
    column.pack();
    expect(() => column.set(4500, "x")).toThrow(RangeError);
    expect(JSON.stringify(TextColumn.of(["a", "b"]).pack())).toBe('["a","b"]');
    expect(TextColumn.EMPTY.length).toBe(0);
  });

  it("numbers its values in place (numbered: -1 for empty) and tests a prefix in place (startsWith), sealed or open", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("", "b1", "店:芳芳", "【自动回复】您好", "a-very-long-account-name-of-a-buyer"), { maxLength: 3000 }), (values) => {
        const column = TextColumn.of(values);
        const ids = new DenseIds(4);
        const expected = new DenseIds(4);
        expect([...column.numbered(ids)]).toEqual(values.map((v) => (v === "" ? -1 : expected.intern(v))));
        values.forEach((v, i) => expect(column.startsWith(i, "【自动回复】"), v).toBe(v.startsWith("【自动回复】")));
        const packed = TextColumn.of(values).pack();
        expect([...packed.numbered(new DenseIds(4))]).toEqual([...column.numbered(new DenseIds(4))]);
      }),
      { numRuns: 30 },
    );
  });
});

describe("TextColumn.commonPrefix and key3 (a sort's keys read once per value)", () => {
  it("give the shared code units, and keys that order as the values do after a shared prefix", () => {
    const ids = fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("C1", "C10", "C9", "C1\u0000", "C")), { minLength: 2, maxLength: 30 });
    fc.assert(
      fc.property(ids, fc.boolean(), fc.nat(5000), (values, join, offset) => {
        // Past a block's 4096 records the values are read in place; before, as given.
        const column = new TextColumn(0, join);
        values.forEach((v, k) => column.set(offset + k, v));
        column.pack();
        const at = (k: number) => offset + k;
        let prefix = Infinity;
        for (let k = 1; k < values.length; k++) {
          const n = column.commonPrefix(at(0), at(k));
          let expected = 0;
          while (expected < values[0]!.length && expected < values[k]!.length && values[0]![expected] === values[k]![expected]) expected++;
          expect(n).toBe(expected);
          prefix = Math.min(prefix, n);
        }
        for (let x = 0; x < values.length; x++) {
          for (let y = 0; y < values.length; y++) {
            const kx = column.key3(at(x), prefix);
            const ky = column.key3(at(y), prefix);
            const byText = values[x]! < values[y]! ? -1 : values[x]! > values[y]! ? 1 : 0;
            // Different keys order as the texts do; equal keys leave it to compare.
            if (kx !== ky) expect(Math.sign(kx - ky)).toBe(byText);
            expect(Math.sign(column.compare(at(x), at(y)))).toBe(byText);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it("makes a packed column from each record's parts, joined block by block", () => {
    fc.assert(
      fc.property(fc.array(fc.array(text, { maxLength: 4 }), { maxLength: 20 }), fc.nat(9000), (partsOf, count) => {
        // Record i's parts: partsOf[i mod length] (none for an empty list), over more than two blocks at most.
        const valueParts = (i: number): string[] => (partsOf.length === 0 ? [] : partsOf[i % partsOf.length]!);
        const column = TextColumn.written(count, (i, parts) => parts.push(...valueParts(i)));
        expect(column.length).toBe(count);
        for (const i of [0, 1, 4095, 4096, 4097, count - 1]) if (i >= 0 && i < count) expect(column.at(i)).toBe(valueParts(i).join(""));
        expect(column.toArray()).toEqual(Array.from({ length: count }, (_, i) => valueParts(i).join("")));
        expect(() => column.set(count, "x")).toThrow(RangeError);
      }),
      { seed: 11, numRuns: 40 },
    );
  });

  it("finds the records whose two values repeat the record before's, either way round, and compares values in place", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom("", "b1", "b2", "店:小王"), fc.constantFrom("", "b1", "店:小王", "店:小李")), { maxLength: 9000 }), fc.boolean(), (rows, join) => {
        const a = new TextColumn(0, join);
        const b = new TextColumn(0, join);
        rows.forEach(([x, y], i) => {
          a.set(i, x);
          b.set(i, y);
        });
        a.pack();
        b.pack();
        const repeats = TextColumn.repeats(a, b);
        rows.forEach(([x, y], i) => {
          const [px, py] = i === 0 ? [null, null] : rows[i - 1]!;
          expect(repeats[i]).toBe(i > 0 && x === py && y === px ? 2 : i > 0 && x === px && y === py ? 1 : 0);
          if (i > 0) {
            expect(a.same(i, b, i - 1)).toBe(x === py);
            expect(a.same(i, a, i - 1)).toBe(x === px);
          }
        });
      }),
      { seed: 13, numRuns: 30 },
    );
  });
});
