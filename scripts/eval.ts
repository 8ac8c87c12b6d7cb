// npm run eval: precision and recall per rule against hand-made gold
// annotations (eval/gold/*.yaml) on the project's drafts (eval/drafts/) and,
// when present, the real drafts in ../shared/corpus/.
//
// A predicted finding matches a gold finding when the rule is the same and
// the ranges overlap; each gold finding is matched at most once.
// `--verbose` lists every false positive and false negative; `--set heldout`
// measures the held-out set instead.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { lint } from '../server/src/engine/lint';
import { CATALOG } from '../server/src/engine/rules';
import { LineIndex } from '../server/src/engine/text';
import { bundledGlossaryFiles, GlossaryStore } from '../server/src/glossary/files';

const ROOT = path.resolve(__dirname, '..', '..');
/** `--set heldout` measures eval/heldout/, a set written after the rules were tuned and never tuned on. */
const SET = process.argv.includes('--set') ? process.argv[process.argv.indexOf('--set') + 1] : undefined;
const EVAL = SET ? path.join(ROOT, 'eval', SET) : path.join(ROOT, 'eval');
const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus');

interface GoldFile {
  file: string;
  findings?: { rule: string; line: number; text: string; note?: string }[];
}

interface Span {
  rule: string;
  start: number;
  end: number;
  label: string;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface EvalReport {
  files: number;
  words: number;
  corpusFiles: number;
  perRule: Record<string, Counts>;
  perFamily: Record<string, Counts>;
  misses: { file: string; kind: 'FP' | 'FN'; rule: string; line: number; text: string }[];
  /** False positives per 1,000 words on each file, for the claim family. */
  claimFalsePositivesPer1000: Record<string, number>;
}

export function runEval(): EvalReport {
  const glossary = new GlossaryStore().build(bundledGlossaryFiles()).glossary;
  const goldFiles = fs
    .readdirSync(path.join(EVAL, 'gold'))
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  const perRule: Record<string, Counts> = Object.fromEntries(CATALOG.map((r) => [r.id, { tp: 0, fp: 0, fn: 0 }]));
  const report: EvalReport = { files: 0, words: 0, corpusFiles: 0, perRule, perFamily: {}, misses: [], claimFalsePositivesPer1000: {} };
  for (const goldName of goldFiles) {
    const gold = parse(fs.readFileSync(path.join(EVAL, 'gold', goldName), 'utf8')) as GoldFile;
    const isCorpus = gold.file.startsWith('corpus/');
    const file = isCorpus ? path.join(CORPUS, gold.file.slice('corpus/'.length)) : path.join(EVAL, gold.file);
    if (!fs.existsSync(file)) {
      if (!isCorpus) throw new Error(`${goldName}: ${gold.file} not found`);
      continue; // the shared corpus is optional
    }
    const text = fs.readFileSync(file, 'utf8');
    const lines = new LineIndex(text);
    report.files++;
    if (isCorpus) report.corpusFiles++;
    const words = (text.match(/\p{L}+/gu) ?? []).length;
    report.words += words;
    const expected: Span[] = (gold.findings ?? []).map((g) => {
      const lineStart = lines.lineStart(g.line - 1);
      const lineText = text.slice(lineStart, lines.lineContentEnd(g.line - 1));
      const at = lineText.indexOf(g.text);
      if (at < 0) throw new Error(`${goldName}: "${g.text}" is not on line ${g.line} of ${gold.file}`);
      return { rule: g.rule, start: lineStart + at, end: lineStart + at + g.text.length, label: g.text };
    });
    const predicted: Span[] = lint(text, { glossary, language: file }).findings.map((f) => ({
      rule: f.ruleId,
      start: f.start,
      end: f.end,
      label: text.slice(f.start, f.end),
    }));
    const unmatched = new Set(expected);
    let claimFalsePositives = 0;
    for (const p of predicted) {
      const hit = [...unmatched].find((g) => g.rule === p.rule && g.start < p.end && p.start < g.end);
      const counts = (perRule[p.rule] ??= { tp: 0, fp: 0, fn: 0 });
      if (hit) {
        unmatched.delete(hit);
        counts.tp++;
      } else {
        counts.fp++;
        if (p.rule.startsWith('claim/')) claimFalsePositives++;
        report.misses.push({ file: gold.file, kind: 'FP', rule: p.rule, line: lines.position(p.start).line, text: p.label });
      }
    }
    for (const g of unmatched) {
      (perRule[g.rule] ??= { tp: 0, fp: 0, fn: 0 }).fn++;
      report.misses.push({ file: gold.file, kind: 'FN', rule: g.rule, line: lines.position(g.start).line, text: g.label });
    }
    report.claimFalsePositivesPer1000[gold.file] = words ? (claimFalsePositives * 1000) / words : 0;
  }
  for (const [rule, counts] of Object.entries(perRule)) {
    const family = rule.split('/')[0];
    const total = (report.perFamily[family] ??= { tp: 0, fp: 0, fn: 0 });
    total.tp += counts.tp;
    total.fp += counts.fp;
    total.fn += counts.fn;
  }
  return report;
}

const ratio = (n: number, d: number) => (d === 0 ? '—' : (n / d).toFixed(2));

export function formatReport(report: EvalReport, verbose: boolean): string {
  const rows = [
    `Psylint eval${SET ? ` (${SET} set)` : ''}: ${report.files} files (${report.corpusFiles} from ../shared/corpus), ${report.words} words`,
    '',
    '| rule | gold | TP | FP | FN | precision | recall |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  const row = (name: string, c: Counts) => `| ${name} | ${c.tp + c.fn} | ${c.tp} | ${c.fp} | ${c.fn} | ${ratio(c.tp, c.tp + c.fp)} | ${ratio(c.tp, c.tp + c.fn)} |`;
  for (const [rule, c] of Object.entries(report.perRule)) rows.push(row(rule, c));
  for (const [family, c] of Object.entries(report.perFamily)) rows.push(row(`**${family} family**`, c));
  if (verbose) {
    rows.push('', 'Misses:');
    for (const m of report.misses) rows.push(`  ${m.kind} ${m.rule.padEnd(24)} ${m.file}:${m.line}  ${JSON.stringify(m.text.slice(0, 90))}`);
  }
  return rows.join('\n') + '\n';
}

if (require.main === module) {
  const report = runEval();
  process.stdout.write(formatReport(report, process.argv.includes('--verbose')));
}
