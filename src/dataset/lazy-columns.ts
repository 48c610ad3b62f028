// A Map of columns that reads each column from disk the first time it is asked for, so a command that
// touches 3 of 26 columns of a 1M-row dataset reads 3 (issue 6: load only the columns a command uses).
import type { Column } from './types.js';

export class LazyColumns extends Map<string, Column> {
  private readonly pending: Map<string, () => Column>;

  constructor(loaders: [string, () => Column][]) {
    super();
    this.pending = new Map(loaders);
  }

  private loadOne(id: string): Column | undefined {
    const load = this.pending.get(id);
    if (!load) return undefined;
    const c = load();
    this.pending.delete(id);
    super.set(id, c);
    return c;
  }

  private loadAll(): void {
    for (const id of [...this.pending.keys()]) this.loadOne(id);
  }

  override get(id: string): Column | undefined {
    return super.get(id) ?? this.loadOne(id);
  }

  override has(id: string): boolean {
    return super.has(id) || this.pending.has(id);
  }

  override set(id: string, c: Column): this {
    this.pending?.delete(id);
    return super.set(id, c);
  }

  override delete(id: string): boolean {
    const p = this.pending.delete(id);
    return super.delete(id) || p;
  }

  override get size(): number {
    return super.size + this.pending.size;
  }

  override keys(): MapIterator<string> {
    this.loadAll();
    return super.keys();
  }

  override values(): MapIterator<Column> {
    this.loadAll();
    return super.values();
  }

  override entries(): MapIterator<[string, Column]> {
    this.loadAll();
    return super.entries();
  }

  override [Symbol.iterator](): MapIterator<[string, Column]> {
    return this.entries();
  }

  override forEach(cb: (value: Column, key: string, map: Map<string, Column>) => void, thisArg?: unknown): void {
    this.loadAll();
    super.forEach(cb, thisArg);
  }

  /** Ids of the columns read from disk so far (for tests and --debug). */
  loadedIds(): string[] {
    return [...super.keys()];
  }
}
