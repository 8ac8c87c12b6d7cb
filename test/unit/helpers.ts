// Shared fixtures for the engine unit tests (not a test file itself).

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { main } from '../../server/src/cli';
import { lint } from '../../server/src/engine/lint';
import { RULE_IDS } from '../../server/src/engine/rules';
import type { Finding, SeveritySetting } from '../../server/src/engine/types';
import { bundledGlossaryFiles, GlossaryStore } from '../../server/src/glossary/files';
import type { Glossary } from '../../server/src/glossary/glossary';

let diagnoses: Glossary | undefined;

/** Only glossary/diagnoses.yaml: stable while other glossary files are being written. */
export function diagnosesGlossary(): Glossary {
  if (!diagnoses) {
    const files = bundledGlossaryFiles().filter((f) => path.basename(f) === 'diagnoses.yaml');
    const build = new GlossaryStore().build(files);
    if (build.problems.length) throw new Error(`diagnoses.yaml has problems: ${JSON.stringify(build.problems)}`);
    diagnoses = build.glossary;
  }
  return diagnoses;
}

/** Every rule off except the given ones. */
export function only(...ids: string[]): Record<string, SeveritySetting> {
  return Object.fromEntries(RULE_IDS.map((id) => [id, ids.includes(id) ? 'warning' : 'off']));
}

/** term/outdated findings of a text, linted with diagnoses.yaml. */
export function outdated(text: string, language?: string): Finding[] {
  return lint(text, { glossary: diagnosesGlossary(), language }).findings.filter((f) => f.ruleId === 'term/outdated');
}

/** The text a finding covers. */
export function covered(text: string, findings: readonly { start: number; end: number }[]): string[] {
  return findings.map((f) => text.slice(f.start, f.end));
}

/** A small valid glossary entry in block YAML, indented for a list under `entries:`. */
export function entryYaml(id: string, term: string, extra: string[] = []): string {
  return [
    `  - id: ${id}`,
    `    term: ${JSON.stringify(term)}`,
    '    definition: A definition long enough to pass the schema.',
    ...extra.map((line) => `    ${line}`),
    '    sources:',
    '      - {author: Test Author, year: 2020, title: A test source}',
    '',
  ].join('\n');
}

export function glossaryYaml(...entries: string[]): string {
  return 'entries:\n' + entries.join('');
}

/** A fresh directory under the system temp dir; removed with removeTempDirs(). */
const tempDirs: string[] = [];
export function tempDir(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'psylint-unit-')));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export function writeFiles(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(root, name);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
}

/** A writable stream that keeps what is written to it. */
export class Collector extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI's main(), in process, with its output collected. */
export async function psylint(cwd: string, ...args: string[]): Promise<Run> {
  const stdout = new Collector();
  const stderr = new Collector();
  const code = await main(args, { stdout: stdout as unknown as typeof process.stdout, stderr: stderr as unknown as typeof process.stderr, cwd });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

v8.setFlagsFromString('--expose-gc');
/** A full garbage collection, for measurements of time or retained memory. */
export const collectGarbage = vm.runInNewContext('gc') as () => void;
