// bench/lsp/driver.mjs: drives one language server (scratchvet lsp or
// gopls) through the edit benchmark of issue 4 and prints one JSON object
// with the results. Run by bench/lsp/run.sh; see docs/PERFORMANCE.md.
//
// Usage: node driver.mjs -server scratchvet|gopls -bin BINARY -root MODULE_DIR
//                        -file REL_PATH [-edits N] [-label L] [-goplsdelay D]
//
// The server starts in MODULE_DIR, is initialized with that folder, and the
// file is opened. First-load time runs from the initialize request to the
// first diagnostics for the file (scratchvet: the end of the first round
// that analysed it, $/scratchvet/diagnosticsDone; gopls: its first
// publishDiagnostics for the file). After the server has been quiet for a
// while, N edits alternately add and remove, in one didChange with two
// incremental changes, the import "crypto/tls" and two lines at the end of
// the file:
//
//	var _ = &tls.Config{InsecureSkipVerify: true}   // scratchvet: skipverify
//	var _ = fmt.Sprintf("%d", "bench")               // gopls: printf
//
// The latency of an edit is the time from sending didChange to receiving
// the publishDiagnostics for the file that carries (add) or no longer
// carries (remove) the server's finding. Between edits the driver waits
// until the server has been quiet for -settle ms. Peak RSS is VmHWM of the
// server process (not of the go commands it runs).
//
// Then -creates N times (default 5), a new file is written next to the
// edited one, in its package, with both findings,
//
//	var _ = &tls.Config{InsecureSkipVerify: true}
//	var _ = fmt.Sprintf("%d", "bench")
//
// and announced with workspace/didChangeWatchedFiles (Created), as an
// editor's file watcher does when a file appears (git checkout, a
// generator, a terminal); the create latency runs to the publishDiagnostics
// for the new file that carries the finding. The file is then removed and
// announced (Deleted); the delete latency runs to the publishDiagnostics
// that clears the new file's diagnostics.

import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

// The protocol library is installed once, for the CI client, under
// lsp/testclients/node (npm ci there).
const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '..', '..', 'lsp', 'testclients', 'node', 'package.json'));
const {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter,
  InitializeRequest, InitializedNotification, DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification, PublishDiagnosticsNotification,
  DidChangeWatchedFilesNotification, ShutdownRequest, ExitNotification,
} = require('vscode-languageserver-protocol/node.js');

const args = { edits: '20', creates: '5', settle: '1500', label: '', goplsdelay: '', cpuprofile: '', serverlog: '' };
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^-+/, '')] = process.argv[i + 1];
for (const k of ['server', 'bin', 'root', 'file']) {
  if (!args[k]) { console.error('usage: node driver.mjs -server scratchvet|gopls -bin BINARY -root DIR -file REL [-edits N] [-creates N] [-settle MS] [-label L] [-goplsdelay D] [-cpuprofile FILE] [-serverlog FILE]'); process.exit(2); }
}
const isGopls = args.server === 'gopls';
const nEdits = Number(args.edits);
const nCreates = Number(args.creates);
const settleMs = Number(args.settle);

function fail(msg) {
  console.error(`driver (${args.label || args.server}): ${msg}`);
  try { server.kill('SIGKILL'); } catch { /* gone */ }
  process.exit(1);
}

const root = resolve(args.root);
args.bin = resolve(args.bin);
const filePath = join(root, args.file);
const fileURI = pathToFileURL(filePath).href;
const newPath = join(dirname(filePath), 'zz_bench_created.go');
const newURI = pathToFileURL(newPath).href;
const rootURI = pathToFileURL(root).href;
const original = readFileSync(filePath, 'utf8');
if (!original.endsWith('\n')) fail('file does not end with a newline');
const lines = original.split('\n');
const importLine = lines.findIndex((l) => l === 'import (');
if (importLine < 0) fail('no "import (" block');
const needImport = !/^\s*"crypto\/tls"$/m.test(original);
if (!/^\s*"fmt"$/m.test(original)) fail('the file does not import fmt');
const endLine = lines.length - 1; // position (endLine, 0) is the end of the text
const added = 'var _ = &tls.Config{InsecureSkipVerify: true}\nvar _ = fmt.Sprintf("%d", "bench")\n';
const pos = (line, character) => ({ line, character });
const addChanges = [{ range: { start: pos(endLine, 0), end: pos(endLine, 0) }, text: added }];
const removeChanges = [];
if (needImport) {
  addChanges.push({ range: { start: pos(importLine + 1, 0), end: pos(importLine + 1, 0) }, text: '\t"crypto/tls"\n' });
  removeChanges.push({ range: { start: pos(importLine + 1, 0), end: pos(importLine + 2, 0) }, text: '' });
}
removeChanges.push({ range: { start: pos(endLine, 0), end: pos(endLine + 2, 0) }, text: '' });

// The finding each server reports for the added lines.
const isFinding = isGopls
  ? (d) => d.source === 'printf' || d.code === 'printf'
  : (d) => d.source === 'scratchvet' && d.code === 'skipverify';

const env = { ...process.env, GOTOOLCHAIN: 'local', GOWORK: 'off', GOPROXY: 'off' };
const serverArgs = isGopls ? [] : ['lsp', '--stdio'];
// -profile.cpu: a flag of `scratchvet lsp`, and a global flag of gopls.
if (args.cpuprofile) serverArgs.splice(isGopls ? 0 : 1, 0, `-profile.cpu=${args.cpuprofile}`);
const server = spawn(args.bin, serverArgs, { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
let stderrTail = '';
server.stderr.on('data', (b) => {
  stderrTail = (stderrTail + b.toString()).slice(-4000);
  if (args.serverlog) appendFileSync(args.serverlog, b);
});
let exited = false;
server.on('exit', (code) => { exited = true; if (!shuttingDown) fail(`server exited with ${code}; stderr:\n${stderrTail}`); });
let shuttingDown = false;
const conn = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));

const timeoutMs = Number(args.timeout || 900_000);
const timer = setTimeout(() => fail('timed out'), timeoutMs);

// Every message from the server counts as activity (for settling); the
// diagnostics of the file and the scratchvet round notifications are kept.
let lastActivity = performance.now();
let fileDiags = null; // latest publishDiagnostics for the file
let newDiags = null; // latest publishDiagnostics for the created file
let done = null; // latest $/scratchvet/diagnosticsDone
let waiters = [];
function wake() { waiters = waiters.filter((w) => !w()); }
conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
  lastActivity = performance.now();
  if (p.uri === fileURI) fileDiags = { at: lastActivity, diagnostics: p.diagnostics, version: p.version };
  if (p.uri === newURI) newDiags = { at: lastActivity, diagnostics: p.diagnostics };
  wake();
});
conn.onNotification('$/scratchvet/diagnosticsDone', (p) => { lastActivity = performance.now(); done = { at: lastActivity, ...p }; wake(); });
conn.onNotification((method) => { lastActivity = performance.now(); });
conn.onRequest('window/workDoneProgress/create', () => { lastActivity = performance.now(); return null; });
conn.onRequest('client/registerCapability', () => null);
conn.onRequest('workspace/workspaceFolders', () => [{ uri: rootURI, name: 'bench' }]);
conn.onRequest('workspace/configuration', (p) => p.items.map(() => settings));
conn.onNotification('$/progress', () => { lastActivity = performance.now(); });
conn.onNotification('window/logMessage', () => { lastActivity = performance.now(); });
conn.listen();

function until(cond) {
  return new Promise((resolve) => {
    const check = () => { if (cond()) { resolve(); return true; } return false; };
    if (!check()) waiters.push(check);
  });
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function quiet(ms, max) {
  const start = performance.now();
  while (performance.now() - lastActivity < ms && performance.now() - start < max) await sleep(50);
}

function rss() {
  try {
    const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
    const kib = (k) => Number((status.match(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm')) || [])[1]);
    return { hwmKiB: kib('VmHWM'), rssKiB: kib('VmRSS') };
  } catch { return { hwmKiB: null, rssKiB: null }; }
}

const settings = isGopls
  ? (args.goplsdelay ? { diagnosticsDelay: args.goplsdelay } : {})
  : { diagnosticsDoneNotification: true };

const t0 = performance.now();
await conn.sendRequest(InitializeRequest.type, {
  processId: process.pid,
  rootUri: rootURI,
  workspaceFolders: [{ uri: rootURI, name: 'bench' }],
  initializationOptions: settings,
  capabilities: {
    workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
    textDocument: {
      synchronization: { didSave: true, dynamicRegistration: true },
      publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, versionSupport: true },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true },
    },
    window: { workDoneProgress: true },
  },
});
conn.sendNotification(InitializedNotification.type, {});
let version = 1;
conn.sendNotification(DidOpenTextDocumentNotification.type, {
  textDocument: { uri: fileURI, languageId: 'go', version, text: original },
});
if (isGopls) await until(() => fileDiags !== null);
else await until(() => done && done.documents && done.documents[fileURI] === 1);
const firstLoadMs = (isGopls ? fileDiags.at : done.at) - t0;
const firstDiags = isGopls ? fileDiags.diagnostics.length : (fileDiags ? fileDiags.diagnostics.length : 0);
// Let the rest of the initial work (gopls: workspace diagnostics) finish.
await quiet(3000, 180_000);
const afterLoad = rss();

const has = () => (fileDiags ? fileDiags.diagnostics.some(isFinding) : false);
if (has()) fail('the finding is already reported before the first edit');
const edits = [];
for (let i = 0; i < nEdits; i++) {
  const add = i % 2 === 0;
  version++;
  const before = fileDiags;
  const start = performance.now();
  conn.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri: fileURI, version }, contentChanges: add ? addChanges : removeChanges,
  });
  await until(() => fileDiags !== before && has() === add);
  const ms = fileDiags.at - start;
  let roundMs = null;
  if (!isGopls) {
    await until(() => done && done.documents && done.documents[fileURI] >= version);
    roundMs = done.at - start;
  }
  edits.push({ i, add, ms: Math.round(ms * 10) / 10, roundMs: roundMs === null ? null : Math.round(roundMs * 10) / 10 });
  await quiet(settleMs, 30_000);
}

// Files created and deleted in the edited file's package.
const pkgName = (original.match(/^package (\w+)/m) || [])[1];
if (!pkgName) fail('no package clause');
const created = `package ${pkgName}\n\nimport (\n\t"crypto/tls"\n\t"fmt"\n)\n\n` +
  'var _ = &tls.Config{InsecureSkipVerify: true}\nvar _ = fmt.Sprintf("%d", "bench")\n';
const hasNew = () => (newDiags ? newDiags.diagnostics.some(isFinding) : false);
const creates = [];
rmSync(newPath, { force: true });
try {
  for (let i = 0; i < nCreates; i++) {
    for (const create of [true, false]) {
      const before = newDiags;
      if (create) writeFileSync(newPath, created);
      else rmSync(newPath);
      const start = performance.now();
      conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: newURI, type: create ? 1 : 3 }] });
      await until(() => newDiags !== before && hasNew() === create);
      creates.push({ i, create, ms: Math.round((newDiags.at - start) * 10) / 10 });
      await quiet(settleMs, 60_000);
    }
  }
} finally {
  rmSync(newPath, { force: true });
}
const peak = rss();

shuttingDown = true;
await conn.sendRequest(ShutdownRequest.type);
conn.sendNotification(ExitNotification.type);
await Promise.race([until(() => exited), sleep(5000)]);
if (!exited) server.kill('SIGKILL');
clearTimeout(timer);

function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return null;
  // nearest-rank percentile
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
const ms = edits.map((e) => e.ms);
const out = {
  label: args.label || args.server, server: args.server, root, file: args.file,
  settings, firstLoadMs: Math.round(firstLoadMs), firstDiagnostics: firstDiags,
  edits: edits.length, p50Ms: pct(ms, 50), p95Ms: pct(ms, 95), maxMs: Math.max(...ms),
  addP50Ms: pct(edits.filter((e) => e.add).map((e) => e.ms), 50),
  removeP50Ms: pct(edits.filter((e) => !e.add).map((e) => e.ms), 50),
  createP50Ms: pct(creates.filter((c) => c.create).map((c) => c.ms), 50),
  deleteP50Ms: pct(creates.filter((c) => !c.create).map((c) => c.ms), 50),
  createMaxMs: creates.length ? Math.max(...creates.map((c) => c.ms)) : null,
  rssAfterLoadKiB: afterLoad.rssKiB, peakRssKiB: peak.hwmKiB, rssAtEndKiB: peak.rssKiB,
  perEdit: edits, perCreate: creates,
};
console.log(JSON.stringify(out));
process.exit(0);
