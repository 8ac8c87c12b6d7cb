'use strict';
// Shared by the bin scripts: loads a bundle from dist/, or explains how to
// build it when dist/ is missing (a fresh clone after `npm ci`), instead of
// failing with a stack trace.
const fs = require('node:fs');
const path = require('node:path');

exports.requireBuilt = function requireBuilt(name, command) {
  const file = path.join(__dirname, '..', 'dist', name);
  if (!fs.existsSync(file)) {
    process.stderr.write(
      `${command}: ${path.relative(process.cwd(), file) || file} is missing: this copy of Psylint has not been built.\n` +
        `Run \`npm run build\` in ${path.resolve(__dirname, '..')} first (after \`npm ci\`), or install the published package.\n`,
    );
    process.exit(2);
  }
  return require(file);
};
