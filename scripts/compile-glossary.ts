// Build step: parse and validate the bundled glossary once, into
// dist/glossary.json, which the server reads instead of the YAML at start-up
// (server/src/glossary/compiled.ts). A file with problems fails the build.
//
//   node out/scripts/compile-glossary.js <out-dir>

import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundledGlossaryFiles } from '../server/src/glossary/files';
import { parseGlossaryText } from '../server/src/glossary/load';
import { COMPILED_GLOSSARY_NAME, compileGlossaryFile, type CompiledGlossary } from '../server/src/glossary/compiled';
import { textKey } from '../server/src/engine/text';

const outDir = process.argv[2] ?? 'dist';
const compiled: CompiledGlossary = { files: {} };
let failed = false;
for (const file of bundledGlossaryFiles(path.resolve('glossary'))) {
  const text = fs.readFileSync(file, 'utf8');
  const parsed = parseGlossaryText(file, text);
  for (const p of parsed.problems) console.error(`${path.relative('.', p.file)}:${p.line}:${p.column}: ${p.message}`);
  if (parsed.file) compiled.files[textKey(text)] = compileGlossaryFile(parsed.file);
  else failed = true;
}
if (failed) process.exit(1);
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, COMPILED_GLOSSARY_NAME), JSON.stringify(compiled));
