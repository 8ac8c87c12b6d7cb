// How the build steps write what they generate: only files whose text
// changed; with --check, nothing, naming each stale file and exiting 1.

import * as fs from 'node:fs';
import * as path from 'node:path';

export function writeGenerated(outputs: [file: string, content: string][], root: string): void {
  const check = process.argv.includes('--check');
  let stale = false;
  for (const [file, content] of outputs) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (current === content) continue;
    if (check) {
      console.error(`${path.relative(root, file)} is stale: run npm run build`);
      stale = true;
    } else fs.writeFileSync(file, content);
  }
  if (stale) process.exit(1);
}
