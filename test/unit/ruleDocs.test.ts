// Rule metadata has one home, the rule objects: every list of rules is made
// from them (scripts/rule-docs.ts, run by the build) and this fails when a
// generated file on disk is stale or a rule page contradicts its rule.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ruleDocFiles } from '../../scripts/rule-docs';
import { sarifChunks } from '../../server/src/format';
import { CATALOG, RULES, ruleDocPath } from '../../server/src/engine/rules';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('rule metadata, written once', () => {
  for (const { file, text } of ruleDocFiles(ROOT)) {
    it(`${file} is generated from the rule objects and up to date (npm run build)`, () => {
      assert.ok(fs.readFileSync(path.join(ROOT, file), 'utf8') === text, `${file} is stale: run npm run build`);
    });
  }

  it('the catalog and the SARIF rule descriptors are the rule objects', () => {
    assert.equal(CATALOG, RULES);
    const sarif = JSON.parse([...sarifChunks([], '0.0.0')].join('')) as { runs: { tool: { driver: { rules: { id: string; shortDescription: { text: string } }[] } } }[] };
    assert.deepEqual(
      sarif.runs[0].tool.driver.rules.map((r) => [r.id, r.shortDescription.text]),
      RULES.map((r) => [r.id, r.description]),
    );
  });

  for (const rule of RULES) {
    it(`${rule.id}: its page states the rule's family and default severity, and an example`, () => {
      const page = fs.readFileSync(path.join(ROOT, ruleDocPath(rule.id)), 'utf8');
      assert.match(page, new RegExp(`^# ${rule.id}\\n`));
      assert.match(page, new RegExp(`^- \\*\\*Family:\\*\\* ${rule.id.split('/')[0]}\\n`, 'm'));
      assert.match(page, new RegExp(`^- \\*\\*Default severity:\\*\\* ${rule.defaultSeverity}\\b`, 'm'));
      assert.match(page, /^- \*\*Example:\*\* \S/m);
    });
  }
});
