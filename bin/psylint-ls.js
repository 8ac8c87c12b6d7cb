#!/usr/bin/env node
'use strict';
// psylint-ls: the Psylint language server for any LSP client (Neovim, Helix,
// Zed, Emacs, ...). Speaks LSP over standard input and output by default;
// --node-ipc, --socket=PORT and --pipe=NAME are passed on to
// vscode-languageserver, which reads the transport from the command line.
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(`Usage: psylint-ls [--stdio | --node-ipc | --socket=PORT | --pipe=NAME]

The Psylint language server: diagnostics, hovers, quick fixes and fix-all for
psychology writing in Markdown, Quarto, R Markdown, MDX and plain text.
Standard input/output is the default transport. See the README for editor setup.
`);
  process.exit(0);
}
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${require('../package.json').version}\n`);
  process.exit(0);
}
if (!args.some((a) => /^--(stdio|node-ipc|socket|pipe)(=|$)/.test(a))) process.argv.push('--stdio');
require('./built.js').requireBuilt('server.js', 'psylint-ls');
