// Front matter: YAML (--- ... ---) or TOML (+++ ... +++) at the start of a text.

import type { Range } from './types';

/** YAML (--- ... ---) or TOML (+++ ... +++) front matter at the start of a text; only YAML is read. */
export function frontMatterOf(text: string): (Range & { yaml: boolean; value: string }) | undefined {
  const open = /^(---|\+\+\+)[ \t]*\n/.exec(text);
  if (!open) return undefined;
  const close = new RegExp(`^${open[1] === '---' ? '---' : '\\+\\+\\+'}[ \\t]*$`, 'm');
  const rest = text.slice(open[0].length);
  const m = close.exec(rest);
  if (!m) return undefined;
  return { start: 0, end: open[0].length + m.index + m[0].length, yaml: open[1] === '---', value: rest.slice(0, Math.max(0, m.index - 1)) };
}
