// Files of about 400 lines at most: a longer source file says why in its
// header (a line "Over 400 lines: <reason>" among its first 20), or is split.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SOURCE_DIRS = ['server/src', 'client/src', 'scripts', 'bench', 'test'];
const SOURCE = /\.(?:ts|mts|mjs|js)$/;
const SKIP = /(?:^|\/)(?:node_modules|fixtures|tmp|out|dist)(?:\/|$)/;
const MAX_LINES = 400;

export function overLimitWithoutReason(text: string): boolean {
  const lines = text.split('\n');
  return lines.length > MAX_LINES && !lines.slice(0, 20).some((l) => /^\s*(?:\/\/|\*|#)\s*Over 400 lines: \S/.test(l));
}

describe('source files of about 400 lines', () => {
  it('says why when it is longer (the check itself works)', () => {
    const long = Array.from({ length: 450 }, (_, i) => `const x${i} = ${i};`);
    assert.equal(overLimitWithoutReason(long.join('\n')), true);
    assert.equal(overLimitWithoutReason(['// A module.', '// Over 400 lines: a table.', ...long].join('\n')), false);
    assert.equal(overLimitWithoutReason(long.slice(0, 300).join('\n')), false);
  });

  it('every source file is under the limit or its header says why', () => {
    const offenders: string[] = [];
    for (const dir of SOURCE_DIRS) {
      for (const entry of fs.readdirSync(path.join(ROOT, dir), { recursive: true })) {
        const file = path.posix.join(dir, String(entry).split(path.sep).join('/'));
        if (!SOURCE.test(file) || SKIP.test(file)) continue;
        const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
        if (overLimitWithoutReason(text)) offenders.push(`${file} (${text.split('\n').length} lines)`);
      }
    }
    assert.deepEqual(offenders, []);
  });
});
