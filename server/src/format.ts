// CLI output formats. The JSON shape is the one the README shows under "Command line".

import { CATALOG, ruleDocUrl } from './engine/rules';
import { LineIndex } from './engine/text';
import type { Finding } from './engine/types';

export interface FileResult {
  /** Path as shown to the user (relative to the working directory). */
  file: string;
  text: string;
  findings: Finding[];
}

export interface JsonFinding {
  file: string;
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  start: number;
  end: number;
  terms: string[];
  fixes: { title: string; edits: { start: number; end: number; text: string }[] }[];
}

export function toJsonFindings(results: FileResult[]): JsonFinding[] {
  const out: JsonFinding[] = [];
  for (const result of results) {
    const lines = new LineIndex(result.text);
    for (const f of result.findings) {
      const s = lines.position(f.start);
      const e = lines.position(f.end);
      out.push({
        file: result.file,
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        line: s.line,
        column: s.column,
        endLine: e.line,
        endColumn: e.column,
        start: f.start,
        end: f.end,
        terms: f.terms,
        fixes: f.fixes.map((x) => ({ title: x.title, edits: x.edits.map((d) => ({ start: d.start, end: d.end, text: d.text })) })),
      });
    }
  }
  return out;
}

/**
 * The JSON array in pieces, one finding at a time: the same text as
 * `JSON.stringify(findings, null, 2)`, but never one string of it all, which
 * many long fixes can push past V8's string length limit.
 */
export function* jsonChunks(results: FileResult[]): Generator<string> {
  const findings = toJsonFindings(results);
  if (findings.length === 0) {
    yield '[]\n';
    return;
  }
  for (let i = 0; i < findings.length; i++) {
    yield (i === 0 ? '[\n  ' : ',\n  ') + JSON.stringify(findings[i], null, 2).replace(/\n/g, '\n  ');
  }
  yield '\n]\n';
}

export function formatJson(results: FileResult[]): string {
  return [...jsonChunks(results)].join('');
}

const SEVERITY_LABEL: Record<string, string> = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' };
const SEVERITY_PLURAL: Record<string, string> = { error: 'errors', warning: 'warnings', information: 'infos', hint: 'hints' };

/** Stylish output, one line at a time (never one string of it all). */
export function* stylishChunks(results: FileResult[], color: boolean): Generator<string> {
  const paint = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const counts: Record<string, number> = {};
  let fixable = 0;
  for (const item of groupByFile(toJsonFindings(results))) {
    yield `\n${paint('4', item.file)}\n`;
    const width = Math.max(...item.findings.map((f) => `${f.line}:${f.column}`.length));
    for (const f of item.findings) {
      counts[f.severity] = (counts[f.severity] ?? 0) + 1;
      if (f.fixes.length) fixable++;
      const label = SEVERITY_LABEL[f.severity];
      const colored = paint(f.severity === 'error' ? '31' : f.severity === 'warning' ? '33' : '36', label.padEnd(7));
      yield `  ${paint('2', `${f.line}:${f.column}`.padEnd(width))}  ${colored}  ${f.message}  ${paint('2', f.ruleId)}\n`;
    }
  }
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (total === 0) return;
  const parts = Object.entries(counts).map(([s, n]) => `${n} ${n === 1 ? SEVERITY_LABEL[s] : SEVERITY_PLURAL[s]}`);
  yield `\n${paint('1', `✖ ${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')})`)}\n`;
  if (fixable) yield `  ${fixable} with quick fixes (psylint --fix applies the safe ones)\n`;
}

export function formatStylish(results: FileResult[], color: boolean): string {
  return [...stylishChunks(results, color)].join('');
}

function groupByFile(findings: JsonFinding[]): { file: string; findings: JsonFinding[] }[] {
  const groups = new Map<string, JsonFinding[]>();
  for (const f of findings) groups.set(f.file, [...(groups.get(f.file) ?? []), f]);
  return [...groups].map(([file, list]) => ({ file, findings: list }));
}

/** GitHub Actions workflow commands: annotations on the pull request. */
export function* githubChunks(results: FileResult[]): Generator<string> {
  const level: Record<string, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };
  const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  for (const f of toJsonFindings(results)) yield `::${level[f.severity]} file=${prop(f.file)},line=${f.line},col=${f.column},endLine=${f.endLine},endColumn=${f.endColumn},title=${prop(f.ruleId)}::${esc(f.message)}\n`;
}

export function formatGithub(results: FileResult[]): string {
  return [...githubChunks(results)].join('');
}

/** SARIF 2.1.0, for code-scanning dashboards: the envelope, then the results one at a time (the same text as one JSON.stringify). */
export function* sarifChunks(results: FileResult[], version: string): Generator<string> {
  const findings = toJsonFindings(results);
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'psylint',
            version,
            informationUri: 'https://github.com/psylint/psylint',
            rules: CATALOG.map((r) => ({
              id: r.id,
              shortDescription: { text: r.description },
              helpUri: ruleDocUrl(r.id),
              defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
            })),
          },
        },
        results: [],
      },
    ],
  };
  const envelope = JSON.stringify(sarif, null, 2);
  if (findings.length === 0) {
    yield envelope + '\n';
    return;
  }
  const at = envelope.indexOf('"results": []');
  const indent = at - envelope.lastIndexOf('\n', at) - 1;
  const pad = ' '.repeat(indent + 2);
  yield envelope.slice(0, at) + '"results": [';
  for (let i = 0; i < findings.length; i++) {
    yield `${i === 0 ? '' : ','}\n${pad}${JSON.stringify(sarifResult(findings[i]), null, 2).replace(/\n/g, '\n' + pad)}`;
  }
  yield `\n${' '.repeat(indent)}]${envelope.slice(at + '"results": []'.length)}\n`;
}

export function formatSarif(results: FileResult[], version: string): string {
  return [...sarifChunks(results, version)].join('');
}

const SARIF_LEVEL: Record<string, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function sarifResult(f: JsonFinding) {
  const uri = f.file.split('\\').join('/');
  return {
    ruleId: f.ruleId,
    ruleIndex: CATALOG.findIndex((r) => r.id === f.ruleId),
    level: SARIF_LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri },
          region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn, charOffset: f.start, charLength: f.end - f.start },
        },
      },
    ],
    fixes: f.fixes.map((x) => ({
      description: { text: x.title },
      artifactChanges: [{ artifactLocation: { uri }, replacements: x.edits.map((d) => ({ deletedRegion: { charOffset: d.start, charLength: d.end - d.start }, insertedContent: { text: d.text } })) }],
    })),
  };
}
