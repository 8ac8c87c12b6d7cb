// Where each block sits in the document's outline, across parse units.

import type { UnitItem } from './types';
import { keepShapesOf } from '../keptShapes';

/**
 * Document-order bookkeeping over the blocks of successive units: each
 * block's index, the heading it sits under and the block leading into its
 * list, and which items lie in a reference section (none of their blocks is
 * prose). `T` is what the caller keeps of each heading and lead.
 */
const NONE: readonly never[] = [];

export class Outliner<T> {
  private readonly headings: { depth: number; index: number; ref: T }[] = [];
  private lastNonList?: { index: number; ref: T };
  private referencesDepth?: number;
  private count = 0;

  /** The next top-level item; false when it lies in a reference section. */
  item(heading: UnitItem['heading']): boolean {
    if (!heading) return this.referencesDepth === undefined;
    if (this.referencesDepth !== undefined && heading.depth <= this.referencesDepth) this.referencesDepth = undefined;
    if (this.referencesDepth === undefined && heading.references) this.referencesDepth = heading.depth;
    return true;
  }

  /**
   * The next block of an item that is prose: a heading of `depth`, or not (undefined); in a list or not.
   * `heading` is the heading it sits under, `above` the headings over that one, nearest first.
   */
  block(depth: number | undefined, inList: boolean, ref: T): { index: number; heading?: { index: number; ref: T }; above: T[]; lead?: { index: number; ref: T } } {
    const index = this.count++;
    const headings = this.headings;
    if (depth !== undefined) while (headings.length && headings[headings.length - 1].depth >= depth) headings.pop();
    const heading = headings[headings.length - 1];
    const above = headings.length > 1 ? headings.slice(0, -1).map((h) => h.ref).reverse() : NONE;
    if (depth !== undefined) headings.push({ depth, index, ref });
    const lead = inList ? this.lastNonList : undefined;
    if (!inList) this.lastNonList = { index, ref };
    return { index, heading, above: above as T[], lead };
  }
}

keepShapesOf(new Outliner());
