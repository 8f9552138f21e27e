#!/usr/bin/env node
// A node-gyp that npm finds before its own while run.sh installs
// code-server: npm puts the node_modules/.bin of every directory above a
// package in PATH first, and this package's bin is linked into
// test/e2e/node_modules/.bin, above code-server's bundled VS Code. It skips
// building @vscode/sqlite3, which only VS Code's agent host (Copilot) loads
// and whose compilation is three of the four minutes of the install on two
// cores; every other build goes to npm's own node-gyp.
const path = require('node:path');

const cwd = process.cwd();
if (path.basename(cwd) === 'sqlite3' && path.basename(path.dirname(cwd)) === '@vscode') {
  console.log('e2e: not building @vscode/sqlite3 (unused by the test)');
  process.exit(0);
}
// npm_execpath is npm-cli.js of the npm running the script.
const npmCli = process.env.npm_execpath;
if (!npmCli) {
  console.error('node-gyp wrapper: npm_execpath is not set (not run by npm?)');
  process.exit(1);
}
process.argv[1] = path.join(path.dirname(npmCli), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
require(process.argv[1]);
