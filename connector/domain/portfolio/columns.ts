/**
 * Growable typed-array columns for the portfolio book (@internal). A book of 100k accounts and 1M
 * invoices stores its rows as numbers in typed arrays (a few bytes per value, no object per
 * record), so one pass over them is cache-friendly and the heap stays small.
 */

/** The typed arrays the portfolio stores its columns in. */
export type NumericArray = Int32Array | Float64Array | Uint8Array | Uint16Array;

/** One column: a typed array that doubles its capacity as values are appended. @internal */
export class Column<A extends NumericArray> {
  private data: A;
  private size = 0;

  constructor(
    private readonly make: (capacity: number) => A,
    /** Value of slots that exist but were never written (sentinels such as "no date"). */
    private readonly initial = 0,
    capacity = 1024,
  ) {
    this.data = this.allocate(capacity);
  }

  get length(): number {
    return this.size;
  }

  /** The first `length` values (a view, not a copy). */
  view(): A {
    return this.data.subarray(0, this.size) as A;
  }

  /** Append `value`; returns its row index. */
  push(value: number): number {
    if (this.size === this.data.length) {
      this.reserve(this.size + 1);
    }
    this.data[this.size] = value;
    return this.size++;
  }

  /** Extend to at least `length` rows, new rows holding the initial value. */
  extendTo(length: number): void {
    if (length > this.data.length) {
      this.reserve(length);
    }
    this.size = Math.max(this.size, length);
  }

  get(row: number): number {
    return this.data[row] ?? this.initial;
  }

  set(row: number, value: number): void {
    this.data[row] = value;
  }

  private reserve(minimum: number): void {
    const next = this.allocate(Math.max(minimum, this.data.length * 2));
    next.set(this.data);
    this.data = next;
  }

  private allocate(capacity: number): A {
    const array = this.make(capacity);
    if (this.initial !== 0) {
      array.fill(this.initial);
    }
    return array;
  }
}

export const int32Column = (initial = 0): Column<Int32Array> => new Column((n) => new Int32Array(n), initial);
export const float64Column = (initial = 0): Column<Float64Array> => new Column((n) => new Float64Array(n), initial);
export const uint8Column = (initial = 0): Column<Uint8Array> => new Column((n) => new Uint8Array(n), initial);
export const uint16Column = (initial = 0): Column<Uint16Array> => new Column((n) => new Uint16Array(n), initial);
