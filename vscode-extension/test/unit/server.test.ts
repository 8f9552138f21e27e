// The contract with the Go side: the options this extension sends are the
// ones `scratchvet lsp` accepts, and the docs URL and check list match. Runs
// the real binary (SCRATCHVET_BIN, else bin/scratchvet from `make build`);
// without it these tests skip, except under CI=true.

import assert from 'node:assert/strict';
import * as childProcess from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { passedSettings, serverOptions } from '../../src/options';
import { docURL, parseChecks } from '../../src/run';

// dist/test/ -> the repository root.
const repo = path.resolve(__dirname, '..', '..', '..');
const binary = process.env.SCRATCHVET_BIN || path.join(repo, 'bin', 'scratchvet');
const haveBinary = fs.existsSync(binary);
if (!haveBinary && process.env.CI === 'true') {
  throw new Error(`${binary} missing (run make build)`);
}
const skip = haveBinary ? false : `${binary} missing (run make build, or set SCRATCHVET_BIN)`;

interface Message {
  id?: number;
  method?: string;
  params?: { type?: number; message?: string };
  result?: unknown;
}

/**
 * Runs a session: initialize with the options, initialized, then a
 * didChangeConfiguration with the second options (as the extension sends
 * them), and returns the window/showMessage texts the server sent.
 */
async function session(initOptions: unknown, changed: unknown): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scratchvet-ext-lsp-'));
  fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/m\n\ngo 1.22\n');
  const proc = childProcess.spawn(binary, ['lsp'], { cwd: dir, stdio: ['pipe', 'pipe', 'ignore'] });
  const shown: string[] = [];
  const waiting = new Map<number, (m: Message) => void>();
  let buf = Buffer.alloc(0);
  proc.stdout.on('data', (chunk: Buffer) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) {
        return;
      }
      const len = Number(/Content-Length: *(\d+)/i.exec(buf.subarray(0, end).toString())?.[1]);
      if (buf.length < end + 4 + len) {
        return;
      }
      const msg = JSON.parse(buf.subarray(end + 4, end + 4 + len).toString()) as Message;
      buf = buf.subarray(end + 4 + len);
      if (msg.method === 'window/showMessage') {
        shown.push(String(msg.params?.message));
      } else if (msg.method !== undefined && msg.id !== undefined) {
        send({ jsonrpc: '2.0', id: msg.id, result: null }); // registerCapability, progress
      } else if (msg.id !== undefined) {
        waiting.get(msg.id)?.(msg);
      }
    }
  });
  function send(m: object): void {
    const body = Buffer.from(JSON.stringify(m));
    proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    proc.stdin.write(body);
  }
  let nextID = 1;
  function request(method: string, params: unknown): Promise<Message> {
    const id = nextID++;
    const reply = new Promise<Message>((resolve) => waiting.set(id, resolve));
    send({ jsonrpc: '2.0', id, method, params });
    return reply;
  }
  const exited = new Promise((resolve) => proc.on('exit', resolve));
  const uri = pathToFileURL(dir).href;
  const init = await request('initialize', {
    processId: process.pid,
    rootUri: uri,
    workspaceFolders: [{ uri, name: 'm' }],
    capabilities: {},
    initializationOptions: initOptions,
  });
  assert.ok(init.result, 'initialize answered');
  send({ jsonrpc: '2.0', method: 'initialized', params: {} });
  send({ jsonrpc: '2.0', method: 'workspace/didChangeConfiguration', params: { settings: changed } });
  // A request after the notification: its answer means the notification
  // was handled (the server reads messages in order).
  await request('textDocument/codeAction', {
    textDocument: { uri: pathToFileURL(path.join(dir, 'none.go')).href },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [] },
  });
  await request('shutdown', null);
  send({ jsonrpc: '2.0', method: 'exit' });
  await exited;
  fs.rmSync(dir, { recursive: true, force: true });
  return shown;
}

function settings(values: Record<string, unknown>) {
  return { get: <T>(key: string) => values[key] as T | undefined };
}

describe('scratchvet lsp accepts what the extension sends', { skip }, () => {
  test('every setting, set to a valid value, at start and on change: no complaint', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scratchvet-ext-cfg-'));
    fs.writeFileSync(path.join(dir, 'scratchvet.toml'), 'target = "alpine"\n');
    const all = {
      target: 'alpine,zoneinfo=true',
      targetOverrides: { 'ca-bundle': false, kernel: '3.10' },
      checks: { skipverify: false, dns: true },
      buildTags: ['netgo', 'osusergo'],
      run: 'onSave',
      env: { CGO_ENABLED: '0' },
      goflags: '-mod=mod',
      ldflags: '-linkmode external -extldflags "-static"',
      buildmode: 'pie',
      config: 'scratchvet.toml',
      delay: 250,
      unusedSuppressions: true,
      allowNetwork: true,
    };
    // Every passed setting is exercised here.
    assert.deepEqual(Object.keys(all).sort(), [...passedSettings].sort());
    const opts = serverOptions(settings(all), { home: os.homedir(), workspaceFolder: dir, platform: process.platform });
    const defaults = serverOptions(settings({ run: 'onType', delay: 0, allowNetwork: false }), { home: os.homedir(), platform: process.platform });
    try {
      assert.deepEqual(await session(opts, defaults), []);
      assert.deepEqual(await session(defaults, opts), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a bad value is named in a message (so the check above can fail)', async () => {
    const bad = serverOptions(settings({ target: 'nonsense', run: 'sometimes' }), { home: os.homedir(), platform: process.platform });
    const shown = await session(bad, {});
    assert.equal(shown.length, 2, shown.join('\n'));
    assert.ok(shown.some((m) => m.includes('"target"')), shown.join('\n'));
    assert.ok(shown.some((m) => m.includes('"run"')), shown.join('\n'));
  });

  test('the checks in package.json are those of `scratchvet checks`', () => {
    const out = childProcess.execFileSync(binary, ['checks'], { encoding: 'utf8' });
    const fromBinary = parseChecks(out).map((c) => c.name);
    assert.ok(fromBinary.length > 0);
    const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'vscode-extension', 'package.json'), 'utf8'));
    const props = pkg.contributes.configuration.properties['scratchvet.checks'].properties as Record<string, { description: string }>;
    assert.deepEqual(Object.keys(props).sort(), [...fromBinary].sort());
    for (const c of parseChecks(out)) {
      assert.equal(props[c.name].description, c.description, c.name);
    }
  });
});

test('the docs URL is the one in the server diagnostics (internal/report.DocURL)', () => {
  const src = fs.readFileSync(path.join(repo, 'internal', 'report', 'report.go'), 'utf8');
  assert.equal(/const DocURL = "([^"]+)"/.exec(src)?.[1], docURL);
});

test('the options passed are those lsp/options.go decodes', () => {
  const src = fs.readFileSync(path.join(repo, 'lsp', 'options.go'), 'utf8');
  const names = [...src.matchAll(/case "([A-Za-z]+)":/g)].map((m) => m[1]);
  // diagnosticsDoneNotification is for scripts and benchmarks, not users.
  const notExposed = ['diagnosticsDoneNotification'];
  assert.deepEqual([...passedSettings].sort(), names.filter((n) => !notExposed.includes(n)).sort());
});
