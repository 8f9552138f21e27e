// A real LSP client for `scratchvet lsp`, on vscode-languageserver-protocol
// (the library under VS Code's language client). It opens a copy of
// testdata/demo, waits for the tzdata diagnostic, asks for the quick fix,
// applies it as an editor does, and waits for the diagnostic to go away.
//
// Usage: node client.mjs SCRATCHVET_BINARY WORKSPACE_DIR
// Exit status 0 on success; the reason on stderr otherwise.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter,
  InitializeRequest, InitializedNotification, DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification, PublishDiagnosticsNotification,
  CodeActionRequest, ShutdownRequest, ExitNotification,
} from 'vscode-languageserver-protocol/node.js';

const [binary, workspace] = process.argv.slice(2);
if (!binary || !workspace) {
  console.error('usage: node client.mjs SCRATCHVET_BINARY WORKSPACE_DIR');
  process.exit(2);
}
// All waiting together ends CLIENT_DEADLINE_MS (default 240000) after the
// start; each step is printed with the seconds since the start.
const started = performance.now();
const timeout = setTimeout(() => fail('timed out'), Number(process.env.CLIENT_DEADLINE_MS) || 240_000);
const stamp = (msg) => `node client [${((performance.now() - started) / 1000).toFixed(1)} s]: ${msg}`;

function fail(msg) {
  console.error(stamp(msg));
  process.exit(1);
}

const server = spawn(binary, ['lsp', '--stdio'], { cwd: workspace, stdio: ['pipe', 'pipe', 'inherit'] });
server.on('exit', (code) => { if (code !== 0) fail(`server exited with ${code}`); });
const conn = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));

// Every publishDiagnostics, and waiters for a condition on them.
const diagnostics = new Map();
let waiters = [];
conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
  diagnostics.set(p.uri, p.diagnostics);
  waiters = waiters.filter((w) => !w());
});
conn.onRequest('window/workDoneProgress/create', () => null);
conn.onRequest('client/registerCapability', () => null);
conn.listen();

function until(cond) {
  return new Promise((resolve) => {
    const check = () => { if (cond()) { resolve(); return true; } return false; };
    if (!check()) waiters.push(check);
  });
}

const mainPath = join(workspace, 'cmd', 'server', 'main.go');
const mainURI = pathToFileURL(mainPath).href;
let text = readFileSync(mainPath, 'utf8');
let version = 1;
const tzdata = () => (diagnostics.get(mainURI) || []).filter((d) => d.code === 'tzdata');

// Apply TextEdits to a string. LSP characters are UTF-16 code units, as
// are JavaScript string indices.
function applyEdits(src, edits) {
  const lineStarts = [0];
  for (let i = 0; i < src.length; i++) if (src[i] === '\n') lineStarts.push(i + 1);
  const offset = (p) => lineStarts[p.line] + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  for (const e of sorted) src = src.slice(0, offset(e.range.start)) + e.newText + src.slice(offset(e.range.end));
  return src;
}

const init = await conn.sendRequest(InitializeRequest.type, {
  processId: process.pid,
  rootUri: pathToFileURL(workspace).href,
  workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'demo' }],
  capabilities: {
    textDocument: {
      publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true },
    },
    window: { workDoneProgress: true },
  },
});
if (init.capabilities.textDocumentSync?.change !== 2) fail('server does not offer incremental sync');
conn.sendNotification(InitializedNotification.type, {});
conn.sendNotification(DidOpenTextDocumentNotification.type, {
  textDocument: { uri: mainURI, languageId: 'go', version, text },
});

await until(() => tzdata().length === 1);
const diag = tzdata()[0];
if (diag.source !== 'scratchvet' || !diag.codeDescription?.href?.endsWith('tzdata.md')) fail('diagnostic fields: ' + JSON.stringify(diag));
console.log(stamp(`${diag.code} at ${diag.range.start.line + 1}:${diag.range.start.character + 1}`));

const actions = await conn.sendRequest(CodeActionRequest.type, {
  textDocument: { uri: mainURI }, range: diag.range, context: { diagnostics: [diag] },
});
const fix = actions.find((a) => a.kind === 'quickfix' && a.isPreferred && a.title.includes('time/tzdata'));
if (!fix) fail('no preferred tzdata quick fix in ' + JSON.stringify(actions.map((a) => a.title)));
text = applyEdits(text, fix.edit.changes[mainURI]);
if (!text.includes('_ "time/tzdata"')) fail('fix did not add the import:\n' + text);
version++;
conn.sendNotification(DidChangeTextDocumentNotification.type, {
  textDocument: { uri: mainURI, version }, contentChanges: [{ text }],
});
await until(() => tzdata().length === 0);
console.log(stamp(`"${fix.title}" applied, diagnostic gone`));

await conn.sendRequest(ShutdownRequest.type);
conn.sendNotification(ExitNotification.type);
clearTimeout(timeout);
server.on('exit', (code) => process.exit(code === 0 ? 0 : 1));
