// Glob patterns (`ignore:` in .psylint.yaml, globs on the command line),
// matched without regular expressions. A glob compiled to a RegExp
// backtracks: `**/*a*a*a*a*a*a*a*a*a*a*b` against a long file name ran for
// minutes, and the patterns come from the workspace. Here each segment is
// matched by dynamic programming, so the cost is at most
// (path length × pattern length) whatever the pattern.
//
// Syntax: `/`-separated segments; `**` alone in a segment matches any number
// of segments; `*` any characters but `/`; `?` one character; `[abc]`,
// `[a-z]`, `[!a-z]`/`[^a-z]` one character of a class; `{a,b}` alternatives
// (expanded, nested allowed); `\` escapes the next character. Without `dot`,
// wildcards do not match a leading `.` of a segment.

type Token = { kind: 'char'; c: string } | { kind: 'any' } | { kind: 'star' } | { kind: 'class'; negated: boolean; items: (string | [string, string])[] };
type Segment = { globstar: true } | { globstar: false; tokens: Token[] };

export const MAX_GLOB_LENGTH = 1000;
const MAX_ALTERNATIVES = 256;

export class GlobError extends Error {}

/** A matcher for a glob, or a GlobError saying why the pattern is refused. */
export function compileGlob(pattern: string, options: { dot?: boolean } = {}): (path: string) => boolean {
  if (pattern.length > MAX_GLOB_LENGTH) throw new GlobError(`pattern is ${pattern.length} characters long; the limit is ${MAX_GLOB_LENGTH}`);
  const alternatives = expandBraces(pattern).map(parsePattern);
  const dot = options.dot ?? false;
  return (path) => {
    const segments = path.split('/');
    return alternatives.some((segs) => matchSegments(segs, segments, dot));
  };
}

/** Whether an argument is a glob rather than a path. */
export function isGlob(pattern: string): boolean {
  return /(^|[^\\])[*?[{]/.test(pattern);
}

/** The leading segments of a glob that hold no wildcard: where to start walking. */
export function globBase(pattern: string): string {
  const segments = pattern.split('/');
  const base: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (isGlob(segment)) break;
    base.push(segment.replace(/\\(.)/g, '$1'));
  }
  return base.join('/') || (pattern.startsWith('/') ? '/' : '.');
}

/** A literal path as a glob that matches exactly it. */
export function escapeGlob(text: string): string {
  return text.replace(/[\\*?[\]{}]/g, '\\$&');
}

function expandBraces(pattern: string): string[] {
  let results = [pattern];
  for (;;) {
    const next: string[] = [];
    let expanded = false;
    for (const p of results) {
      const group = firstBraceGroup(p);
      if (!group) {
        next.push(p);
        continue;
      }
      expanded = true;
      for (const alt of group.alternatives) next.push(p.slice(0, group.start) + alt + p.slice(group.end));
      if (next.length > MAX_ALTERNATIVES) throw new GlobError(`braces expand to more than ${MAX_ALTERNATIVES} patterns`);
    }
    results = next;
    if (!expanded) return results;
  }
}

/** The first `{…,…}` group at the outer level (with at least one comma), if any. */
function firstBraceGroup(p: string): { start: number; end: number; alternatives: string[] } | undefined {
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '\\') {
      i++;
      continue;
    }
    if (p[i] !== '{') continue;
    let depth = 0;
    const cuts: number[] = [];
    for (let j = i; j < p.length; j++) {
      if (p[j] === '\\') {
        j++;
        continue;
      }
      if (p[j] === '{') depth++;
      else if (p[j] === ',' && depth === 1) cuts.push(j);
      else if (p[j] === '}' && --depth === 0) {
        if (cuts.length === 0) break; // `{a}` is literal
        const bounds = [i, ...cuts, j];
        return { start: i, end: j + 1, alternatives: bounds.slice(0, -1).map((b, k) => p.slice(b + 1, bounds[k + 1])) };
      }
    }
  }
  return undefined;
}

function parsePattern(pattern: string): Segment[] {
  // `./a` is `a`: paths are matched resolved, with no `.` segments.
  const segments = pattern.split('/').filter((seg, i, all) => seg !== '.' || all.length === 1);
  return segments.map((segment): Segment => (segment === '**' ? { globstar: true } : { globstar: false, tokens: parseSegment(segment) }));
}

function parseSegment(segment: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '\\' && i + 1 < segment.length) tokens.push({ kind: 'char', c: segment[++i] });
    else if (c === '*') {
      if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' }); // `**` inside a segment is `*`
    } else if (c === '?') tokens.push({ kind: 'any' });
    else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close === -1) {
        tokens.push({ kind: 'char', c });
        continue;
      }
      let body = segment.slice(i + 1, close);
      const negated = body[0] === '!' || body[0] === '^';
      if (negated) body = body.slice(1);
      const items: (string | [string, string])[] = [];
      for (let k = 0; k < body.length; k++) {
        if (body[k + 1] === '-' && k + 2 < body.length) {
          items.push([body[k], body[k + 2]]);
          k += 2;
        } else items.push(body[k]);
      }
      tokens.push({ kind: 'class', negated, items });
      i = close;
    } else tokens.push({ kind: 'char', c });
  }
  return tokens;
}

/** Segments against path parts: `**` matches any number of parts (not dot parts unless `dot`). */
function matchSegments(pattern: Segment[], parts: string[], dot: boolean): boolean {
  // can[j]: pattern[0..i) matches parts[0..j).
  let can = new Array<boolean>(parts.length + 1).fill(false);
  can[0] = true;
  for (const seg of pattern) {
    const next = new Array<boolean>(parts.length + 1).fill(false);
    if (seg.globstar) {
      for (let j = 0; j <= parts.length; j++) {
        next[j] = can[j] || (j > 0 && next[j - 1] && (dot || !parts[j - 1].startsWith('.')) && parts[j - 1] !== '.' && parts[j - 1] !== '..');
      }
    } else {
      for (let j = 1; j <= parts.length; j++) next[j] = can[j - 1] && matchSegment(seg.tokens, parts[j - 1], dot);
    }
    can = next;
    if (!can.includes(true)) return false;
  }
  return can[parts.length];
}

/** One segment's tokens against one path part, by dynamic programming over (token, character). */
function matchSegment(tokens: Token[], text: string, dot: boolean): boolean {
  const n = text.length;
  // A wildcard never matches a leading dot without `dot`, nor `.`/`..`.
  const hiddenStart = !dot && text.startsWith('.');
  let can = new Array<boolean>(n + 1).fill(false);
  can[0] = true;
  for (const token of tokens) {
    const next = new Array<boolean>(n + 1).fill(false);
    if (token.kind === 'star') {
      for (let j = 0; j <= n; j++) next[j] = can[j] || (j > 0 && next[j - 1] && !(j === 1 && hiddenStart));
    } else {
      for (let j = 1; j <= n; j++) {
        if (!can[j - 1]) continue;
        const c = text[j - 1];
        if (j === 1 && hiddenStart && token.kind !== 'char') continue;
        next[j] = token.kind === 'char' ? token.c === c : token.kind === 'any' ? true : inClass(token, c);
      }
    }
    can = next;
    if (!can.includes(true)) return false;
  }
  return can[n];
}

function inClass(token: { negated: boolean; items: (string | [string, string])[] }, c: string): boolean {
  const hit = token.items.some((item) => (typeof item === 'string' ? item === c : c >= item[0] && c <= item[1]));
  return hit !== token.negated;
}
