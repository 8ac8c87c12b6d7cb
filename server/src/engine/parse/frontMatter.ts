// Front matter: YAML (--- ... --- or ...) or TOML (+++ ... +++) at the start
// of a text. The one definition of its fences, read by the chunker, the unit
// parser and the bibliography lookup alike.

import { analysisCopy } from '../text';
import type { Range } from './range';

/** The first line of front matter, without its line break: "---" opens YAML, "+++" TOML. */
export const FRONT_MATTER_OPEN = /^(---|\+\+\+)[ \t]*$/;

/** Whether `line` (without its line break) closes front matter opened by `open`: YAML closes with "---" or "..." (as Pandoc allows), TOML with "+++". */
export function closesFrontMatter(open: string, line: string): boolean {
  const m = /^(---|\.\.\.|\+\+\+)[ \t]*$/.exec(line);
  return !!m && (open === '+++' ? m[1] === '+++' : m[1] !== '+++');
}

/** Front matter at the start of a text (from the analysis copy: no BOM, no CR); only YAML is read. */
export function frontMatterOf(text: string): (Range & { yaml: boolean; value: string }) | undefined {
  const firstEnd = text.indexOf('\n');
  if (firstEnd < 0) return undefined;
  const open = FRONT_MATTER_OPEN.exec(text.slice(0, firstEnd));
  if (!open) return undefined;
  for (let lineStart = firstEnd + 1; lineStart <= text.length; ) {
    const next = text.indexOf('\n', lineStart);
    const lineEnd = next < 0 ? text.length : next;
    if (closesFrontMatter(open[1], text.slice(lineStart, lineEnd))) {
      return { start: 0, end: lineEnd, yaml: open[1] === '---', value: text.slice(firstEnd + 1, Math.max(firstEnd + 1, lineStart - 1)) };
    }
    if (next < 0) break;
    lineStart = next + 1;
  }
  return undefined;
}

/** The YAML front matter of a whole file as read from disk (BOM and CRLF allowed): its text, or undefined. */
export function yamlFrontMatter(fileText: string): string | undefined {
  const analysis = analysisCopy(fileText);
  const fm = frontMatterOf(fileText.charCodeAt(0) === 0xfeff ? analysis.slice(1) : analysis);
  return fm?.yaml ? fm.value : undefined;
}
