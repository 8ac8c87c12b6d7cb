#!/usr/bin/env node
// Checks what the VSIX ships: `node test/e2e/package-check.mjs [--vsix FILE]`.
//
// Without --vsix it packages a fresh VSIX into a temporary folder (vsce
// package --no-dependencies, which runs vscode:prepublish) so a stale
// psylint-<version>.vsix in the repo never hides a problem. Fails on any file
// outside the whitelist, on a missing required file, or when the VSIX holds
// more than 2 MB. Prints one line per check and "N passed, N failed".

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const MAX_BYTES = 2 * 1024 * 1024;

/** What vsce may put in the package (paths inside the VSIX). */
const ALLOWED = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/readme\.md$/,
  /^extension\/changelog\.md$/,
  /^extension\/LICENSE\.txt$/,
  /^extension\/images\/icon\.png$/,
  /^extension\/dist\/client\.js$/,
  /^extension\/dist\/server\.js$/,
  // Lint Workspace's worker threads.
  /^extension\/dist\/cliWorker\.js$/,
  /^extension\/dist\/browser\/(?:client|server)\.js$/,
  /^extension\/dist\/glossary\.json$/,
  /^extension\/glossary\/[^/]+\.yaml$/,
  /^extension\/glossary\/schema\.json$/,
  /^extension\/schemas\/config\.schema\.json$/,
];
/** The same whitelist as `vsce ls` prints it (paths in the repo). */
const ALLOWED_LS = [
  /^package\.json$/,
  /^README\.md$/,
  /^CHANGELOG\.md$/,
  /^LICENSE$/,
  /^images\/icon\.png$/,
  /^dist\/client\.js$/,
  /^dist\/server\.js$/,
  // Lint Workspace's worker threads.
  /^dist\/cliWorker\.js$/,
  /^dist\/browser\/(?:client|server)\.js$/,
  /^dist\/glossary\.json$/,
  /^glossary\/[^/]+\.yaml$/,
  /^glossary\/schema\.json$/,
  /^schemas\/config\.schema\.json$/,
];
const REQUIRED = [
  'extension/package.json',
  'extension/readme.md',
  'extension/LICENSE.txt',
  'extension/images/icon.png',
  'extension/dist/client.js',
  'extension/dist/server.js',
  'extension/dist/cliWorker.js',
  'extension/dist/browser/client.js',
  'extension/dist/browser/server.js',
  'extension/dist/glossary.json',
  'extension/glossary/schema.json',
  'extension/schemas/config.schema.json',
];

let passed = 0;
let failed = 0;
function check(name, fn) {
  try {
    const note = fn();
    passed++;
    console.log(`  ✔ ${name}${note ? ` (${note})` : ''}`);
  } catch (error) {
    failed++;
    console.log(`  ✖ ${name}\n      ${String(error?.message ?? error).replace(/\n/g, '\n      ')}`);
  }
}
function fail(message) {
  throw new Error(message);
}

function vsce(args) {
  // The package's own vsce, as `npx vsce` would run it.
  const bin = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) fail(`vsce ${args.join(' ')}: ${result.error.message}`);
  if (result.status !== 0) fail(`vsce ${args.join(' ')} exited ${result.status}:\n${(result.stderr || result.stdout).trim()}`);
  return result.stdout;
}

/** Entries of a zip file (central directory), with a reader for each entry's data. */
function readZip(file) {
  const buf = fs.readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) fail(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) fail(`${file}: bad central directory`);
    const method = buf.readUInt16LE(at + 10);
    const compressedSize = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const localHeader = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    entries.push({
      name,
      size,
      read() {
        const start = localHeader + 30 + buf.readUInt16LE(localHeader + 26) + buf.readUInt16LE(localHeader + 28);
        const data = buf.subarray(start, start + compressedSize);
        if (method === 0) return data;
        if (method === 8) return zlib.inflateRawSync(data);
        fail(`${name}: unsupported compression method ${method}`);
      },
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

// ---------------------------------------------------------------- checks

const argv = process.argv.slice(2);
const vsixArg = argv.indexOf('--vsix') >= 0 ? argv[argv.indexOf('--vsix') + 1] : undefined;
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
console.log('VSIX contents');

check('vsce ls --no-dependencies lists only whitelisted files', () => {
  const files = vsce(['ls', '--no-dependencies']).split('\n').map((l) => l.trim()).filter(Boolean);
  const extra = files.filter((f) => !ALLOWED_LS.some((re) => re.test(f)));
  if (extra.length) fail(`not in the whitelist: ${extra.join(', ')} (fix .vscodeignore)`);
  return `${files.length} files`;
});

let tmp;
let vsix = vsixArg && path.resolve(vsixArg);
if (!vsix) {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'psylint-package-check-'));
  vsix = path.join(tmp, `psylint-${manifest.version}.vsix`);
  check('vsce package --no-dependencies builds a VSIX', () => {
    vsce(['package', '--no-dependencies', '--out', vsix]);
    if (!fs.existsSync(vsix)) fail(`no ${vsix}`);
    return `${(fs.statSync(vsix).size / 1024).toFixed(0)} KB`;
  });
}

let entries = [];
try {
  entries = fs.existsSync(vsix) ? readZip(vsix) : [];
} catch (error) {
  console.log(`  ✖ reading ${vsix}: ${error.message}`);
  failed++;
}
const byName = new Map(entries.map((e) => [e.name, e]));
const text = (name) => byName.get(name)?.read().toString('utf8') ?? fail(`${name} is missing`);

check('every file in the VSIX is whitelisted', () => {
  if (entries.length === 0) fail(`${vsix} has no entries`);
  const extra = entries.map((e) => e.name).filter((n) => !ALLOWED.some((re) => re.test(n)));
  if (extra.length) fail(`not in the whitelist: ${extra.join(', ')}`);
  return `${entries.length} entries`;
});

check('the required files are there', () => {
  const missing = REQUIRED.filter((n) => !byName.has(n));
  if (missing.length) fail(`missing: ${missing.join(', ')}`);
});

check('every bundled glossary file is shipped', () => {
  const yaml = fs.readdirSync(path.join(ROOT, 'glossary')).filter((f) => f.endsWith('.yaml'));
  const missing = yaml.filter((f) => !byName.has(`extension/glossary/${f}`));
  if (missing.length) fail(`missing: ${missing.join(', ')}`);
  return `${yaml.length} files`;
});

check(`the VSIX is at most ${MAX_BYTES / 1024 / 1024} MB`, () => {
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  const onDisk = fs.existsSync(vsix) ? fs.statSync(vsix).size : 0;
  // The limit is on the .vsix that users download; the unpacked size is reported alongside.
  if (onDisk > MAX_BYTES) fail(`the .vsix file is ${(onDisk / 1024 / 1024).toFixed(2)} MB`);
  return `${(total / 1024).toFixed(0)} KB uncompressed, ${(onDisk / 1024).toFixed(0)} KB packed`;
});

check('the packaged package.json is the manifest, and "main" and "browser" point into the VSIX', () => {
  const packaged = JSON.parse(text('extension/package.json'));
  if (packaged.name !== manifest.name || packaged.version !== manifest.version) fail(`packaged ${packaged.name}@${packaged.version}, repo ${manifest.name}@${manifest.version}`);
  for (const entry of [packaged.main, packaged.browser]) {
    if (!entry) fail('the manifest has no main or no browser entry');
    const file = `extension/${path.posix.normalize(entry).replace(/^\.\//, '')}`;
    if (!byName.has(file) && !byName.has(`${file}.js`)) fail(`${entry} is not in the VSIX`);
  }
});

check('the bundles are production builds (no source-map references)', () => {
  for (const name of ['extension/dist/client.js', 'extension/dist/server.js', 'extension/dist/browser/client.js', 'extension/dist/browser/server.js']) {
    if (/\/\/# sourceMappingURL=/.test(text(name))) fail(`${name} refers to a source map that is not shipped`);
  }
});

check('the packaged README is the real one', () => {
  const readme = text('extension/readme.md');
  const title = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n')[0];
  if (readme.split('\n')[0] !== title || readme.length < 1000) fail(`extension/readme.md starts "${readme.slice(0, 40)}" and has ${readme.length} characters`);
});

if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
