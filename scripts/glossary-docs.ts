// Writes docs/glossary.md from glossary/*.yaml (npm run glossary:docs).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundledGlossaryFiles, GlossaryStore } from '../server/src/glossary/files';
import { glossaryDocument } from '../server/src/glossary/markdown';

export function renderGlossaryDocs(): string {
  const build = new GlossaryStore().build(bundledGlossaryFiles());
  if (build.problems.length) throw new Error(build.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n'));
  return glossaryDocument(build.glossary, (file) => path.basename(file));
}

if (require.main === module) {
  const target = path.resolve(__dirname, '..', '..', 'docs', 'glossary.md');
  fs.writeFileSync(target, renderGlossaryDocs());
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}
