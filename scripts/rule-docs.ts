// The rule lists made from the rule objects (server/src/engine/rules/), so
// that each rule's id, default severity and description are written once:
// package.json's `psylint.rules` settings schema, the README rule table
// (between its marker comments) and docs/rules/README.md. Run by the build;
// test/unit/ruleDocs.test.ts fails when a file on disk is stale.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES, ruleDocPath, ruleDocUrl } from '../server/src/engine/rules';
import type { Rule } from '../server/src/engine/rules/rule';
import { SEVERITIES } from '../server/src/engine/types';

export const README_START = '<!-- rule table: generated from the rule objects by scripts/rule-docs.ts -->';
export const README_END = '<!-- end of rule table -->';

/** The `- **Example:** ...` line of a rule's docs page: the examples live with the prose, not in rule code. */
export function ruleExample(root: string, rule: Rule): string {
  const page = fs.readFileSync(path.join(root, ruleDocPath(rule.id)), 'utf8');
  const m = /^- \*\*Example:\*\* (.+)$/m.exec(page);
  if (!m) throw new Error(`${ruleDocPath(rule.id)}: no "- **Example:** ..." line`);
  return m[1];
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** package.json with its `psylint.rules` schema made from the rules. */
export function renderPackageJson(packageText: string): string {
  const pkg = JSON.parse(packageText);
  const setting = pkg.contributes.configuration.properties['psylint.rules'];
  setting.properties = Object.fromEntries(
    RULES.map((rule) => [
      rule.id,
      {
        type: 'string',
        enum: [...SEVERITIES, 'off'],
        markdownDescription: `Severity of [\`${rule.id}\`](${ruleDocUrl(rule.id)}) (default \`${rule.defaultSeverity}\`): ${rule.description}`,
      },
    ]),
  );
  return JSON.stringify(pkg, null, 2) + '\n';
}

/** The README with its rule table made from the rules. */
export function renderReadme(root: string, readme: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README.md: the rule table needs the markers ${README_START} and ${README_END}`);
  const rows = RULES.map((rule) => `| [\`${rule.id}\`](${ruleDocPath(rule.id)}) | ${cell(rule.description)} | ${cell(ruleExample(root, rule))} | ${rule.defaultSeverity} |`);
  const table = ['| rule | what it catches | example | default |', '|---|---|---|---|', ...rows].join('\n');
  return `${readme.slice(0, start)}${README_START}\n${table}\n${readme.slice(end)}`;
}

/** docs/rules/README.md: the index of the rule pages. */
export function renderRulesIndex(root: string): string {
  const rows = RULES.map((rule) => `| [\`${rule.id}\`](${path.basename(ruleDocPath(rule.id))}) | ${rule.id.split('/')[0]} | ${rule.defaultSeverity} | ${cell(rule.description)} | ${cell(ruleExample(root, rule))} |`);
  return [
    '# Rules',
    '',
    '<!-- Generated from the rule objects by scripts/rule-docs.ts (npm run build); edit the rule or its page instead. -->',
    '',
    'Each page says what the rule reports, its severity and quick fixes, why, and',
    'gives examples that fail and pass (they run as tests). Severities can be',
    'changed per rule in `.psylint.yaml` or the `psylint.rules` setting.',
    '',
    '| rule | family | default | what it catches | example |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

/** Each generated file: where it lives and what it should hold. */
export function ruleDocFiles(root: string): { file: string; text: string }[] {
  const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
  return [
    { file: 'package.json', text: renderPackageJson(read('package.json')) },
    { file: 'README.md', text: renderReadme(root, read('README.md')) },
    { file: 'docs/rules/README.md', text: renderRulesIndex(root) },
  ];
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..', '..');
  for (const { file, text } of ruleDocFiles(root)) {
    const target = path.join(root, file);
    if (fs.existsSync(target) && fs.readFileSync(target, 'utf8') === text) continue;
    fs.writeFileSync(target, text);
    console.log(`wrote ${file}`);
  }
}
