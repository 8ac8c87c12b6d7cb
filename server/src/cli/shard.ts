// --shard i/n: one machine of a CI matrix lints one part of the files.
// Files are dealt round-robin in sorted path order, so the parts are
// disjoint, cover every file, differ in size by at most one, and do not
// depend on the machine's directory or file system order.

export interface Shard {
  index: number;
  count: number;
}

export function parseShard(value: string): Shard | { problem: string } {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const problem = `--shard must be i/n with 1 ≤ i ≤ n, as in --shard 1/3 (got '${value}')`;
  if (!m) return { problem };
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) return { problem };
  return { index, count };
}

/** The items of this shard, in their original order. `key` is a path relative to the working directory. */
export function shardOf<T>(items: T[], key: (item: T) => string, shard: Shard): T[] {
  const sorted = items.map(key).sort();
  const mine = new Set(sorted.filter((_, i) => i % shard.count === shard.index - 1));
  return items.filter((item) => mine.has(key(item)));
}
