// End-to-end test of the extension in real VS Code (code-server), driven by
// headless Chromium through playwright-core, on a copy of testdata/demo.
// code-server runs with a PATH without go or scratchvet, an empty GOPATH and
// GOPROXY=off. In order, it checks that:
//   1. with no binary to be found, a notification offers to install it;
//      "Install" runs go install (which fails offline) and shows its output;
//   2. setting scratchvet.path (Remote tab of the Settings editor, i.e.
//      Machine/settings.json) restarts the server: the Problems panel then
//      lists every finding `scratchvet -json` reports and no other check,
//      each with source scratchvet, the check as code and its docs link; the
//      status bar says "scratchvet: scratch" with the server running; go was
//      found through go.goroot;
//   3. Ctrl+. on the InsecureSkipVerify finding offers the server's fix, and
//      applying it removes the finding (from the unsaved buffer);
//   4. "Show Check Documentation" lists the checks reported in the file
//      first and opens the picked check's page;
//   5. changing scratchvet.target in the Settings editor reconfigures the
//      running server (no restart): findings and status follow the target;
//   6. "Restart Language Server" starts a new server, which reports the same.
// Screenshots and logs go to STATE_DIR/last-run/; with
// SCRATCHVET_E2E_UPDATE_IMG=1 the Problems screenshot of step 2 is copied to
// docs/img/vscode-problems.png.
//
// Usage: node e2e.mjs SCRATCHVET_BINARY VSIX STATE_DIR (see run.sh)

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const [binary, vsix, stateDir] = process.argv.slice(2);
if (!binary || !vsix || !stateDir) {
  console.error('usage: node e2e.mjs SCRATCHVET_BINARY VSIX STATE_DIR');
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..', '..');
const codeServer = path.join(here, 'node_modules', '.bin', 'code-server');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const artifacts = path.join(stateDir, 'last-run');
const docURL = 'https://github.com/scratchvet/scratchvet/blob/main/docs/checks/';
fs.rmSync(artifacts, { recursive: true, force: true });
fs.mkdirSync(artifacts, { recursive: true });

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scratchvet-e2e-'));
const userData = path.join(tmp, 'user-data');
const extensions = path.join(tmp, 'extensions');
const workspace = path.join(tmp, 'demo');
const started = Date.now();
const log = (msg) => console.log(`e2e: [${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);

const goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim();

/**
 * code-server's environment: no go and no scratchvet in PATH, an empty
 * GOPATH, no GOBIN, no go env file, no module downloads. The extension must
 * find go through go.goroot, and finds no scratchvet until told where.
 */
function editorEnv() {
  const env = { ...process.env, GOPATH: path.join(tmp, 'gopath'), GOENV: 'off', GOPROXY: 'off' };
  delete env.GOBIN;
  delete env.GOROOT;
  env.PATH = (env.PATH ?? '')
    .split(path.delimiter)
    .filter((d) => d && !fs.existsSync(path.join(d, 'go')) && !fs.existsSync(path.join(d, 'scratchvet')))
    .join(path.delimiter);
  return env;
}

/** The findings `scratchvet -json` reports on the workspace, as "file:line:column check". */
function cliFindings(target) {
  const r = spawnSync(binary, ['-json', '-target', target, './...'], {
    cwd: workspace,
    encoding: 'utf8',
    env: { ...process.env, GOTOOLCHAIN: 'local', GOPROXY: 'off' },
  });
  if (r.status !== 0 && r.status !== 1) {
    throw new Error(`scratchvet -json failed (${r.status}): ${r.stderr}`);
  }
  return JSON.parse(r.stdout).diagnostics.map((d) => ({
    key: `${path.relative(workspace, d.file)}:${d.line}:${d.column} ${d.check}`,
    check: d.check,
    fix: d.fixes?.[0]?.message,
  }));
}

function writeJSON(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
}

function setup() {
  fs.cpSync(path.join(repo, 'testdata', 'demo'), workspace, { recursive: true });
  writeJSON(path.join(userData, 'User', 'settings.json'), {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'chat.disableAIFeatures': true,
    'window.commandCenter': false,
    'editor.minimap.enabled': false,
    // A Go extension setting, read by ours without the Go extension installed.
    'go.goroot': goroot,
  });
  const out = execFileSync(codeServer, ['--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', vsix], {
    encoding: 'utf8',
    env: editorEnv(),
  });
  if (!/successfully installed/.test(out)) {
    throw new Error(`installing the .vsix: ${out}`);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function startCodeServer() {
  const port = await freePort();
  const config = path.join(tmp, 'code-server.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [
    '--config', config,
    '--user-data-dir', userData,
    '--extensions-dir', extensions,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    // openExternal of a check's page without the "open external website?" prompt.
    '--link-protection-trusted-domains', 'https://github.com',
  ];
  const logPath = path.join(artifacts, 'code-server.log');
  // Its own process group, so that stopping it stops the extension host and
  // the language server too.
  const proc = spawn(codeServer, args, { detached: true, stdio: ['ignore', fs.openSync(logPath, 'w'), fs.openSync(logPath, 'a')], env: editorEnv() });
  const deadline = Date.now() + 60_000;
  while (!fs.readFileSync(logPath, 'utf8').includes('HTTP server listening')) {
    if (proc.exitCode !== null || Date.now() > deadline) {
      throw new Error(`code-server did not start:\n${fs.readFileSync(logPath, 'utf8')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { proc, url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}` };
}

/** The extension's output channel, as VS Code writes it to the logs. */
function extensionLog() {
  const found = [];
  const walk = (dir) => {
    for (const e of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        walk(p);
      } else if (e.name === 'scratchvet.log') {
        found.push(p);
      }
    }
  };
  walk(path.join(userData, 'logs'));
  return found.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}

/** Polls f until it gives a truthy value; on timeout, says what was awaited and what f last saw. */
async function until(what, f, timeout = 60_000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await f();
    // f returns a value, or {ok, seen}: the value and what to report on timeout.
    const value = last !== null && typeof last === 'object' && 'ok' in last ? last.ok : last;
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${last?.seen !== undefined ? `; saw:\n  ${last.seen}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}

/**
 * The scratchvet findings in the Problems panel. Rows are read in list
 * order: a file row ("N problems in file F of folder D") precedes its
 * markers; related-information rows have a position but no source.
 */
async function problems(page) {
  const rows = await page.$$eval('.markers-panel .monaco-list-row', (els) =>
    els.map((e) => ({
      index: Number(e.getAttribute('data-index')),
      label: e.getAttribute('aria-label') ?? '',
      source: e.querySelector('.marker-source')?.textContent ?? '',
      code: e.querySelector('.marker-code')?.textContent ?? '',
      href: e.querySelector('.marker-code')?.closest('a')?.getAttribute('href') ?? '',
      at: e.querySelector('.marker-line')?.textContent ?? '',
    })),
  );
  rows.sort((a, b) => a.index - b.index);
  const found = [];
  let file = '';
  for (const r of rows) {
    const f = /problems? in file (\S+)(?: of folder (\S+))?/.exec(r.label);
    if (f) {
      file = f[2] ? `${f[2]}/${f[1]}` : f[1];
      continue;
    }
    const at = /\[Ln (\d+), Col (\d+)\]/.exec(r.at);
    if (r.source && at) {
      found.push({ key: `${file}:${at[1]}:${at[2]} ${r.code}`, source: r.source, check: r.code, href: r.href });
    }
  }
  return found;
}

/**
 * Waits until the Problems panel lists every finding of the CLI and no
 * check the CLI does not report, each from source scratchvet with its code
 * linking to the check's page. The server also reports a whole-program
 * finding at its cause in the workspace, which the CLI does not.
 */
async function waitForCLIFindings(page, what, expected) {
  const checks = new Set(expected.map((e) => e.check));
  return until(what, async () => {
    const listed = await problems(page);
    const ok =
      expected.every((e) => listed.some((p) => p.key === e.key)) &&
      listed.every((p) => p.source === 'scratchvet' && checks.has(p.check) && p.href === `${docURL}${p.check}.md`);
    return { ok: ok && listed, seen: listed.map((p) => p.key).join('\n  ') || '(nothing)' };
  }, 90_000);
}

const statusItem = (page) => page.locator('.statusbar-item', { hasText: 'scratchvet:' }).first();

async function waitForStatus(page, text) {
  await until(`the status bar to say "${text}"`, async () => {
    const seen = (await statusItem(page).textContent())?.trim();
    return { ok: seen === text, seen };
  }, 30_000);
}

/** A notification toast with the given text. */
const toast = (page, text) => page.locator('.notification-toast', { hasText: text }).first();

async function command(page, title) {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

async function openFile(page, relative) {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(relative);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(relative) }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(`.tab[aria-label*="${path.basename(relative)}"]`).first().waitFor();
}

/** Sets a text setting in the Settings editor, on its User or Remote tab. */
async function setSetting(page, tab, key, value) {
  await page.keyboard.press('Control+Comma');
  await page.locator('.settings-editor').waitFor();
  await page.locator('.settings-tabs-widget .action-label', { hasText: tab }).first().click();
  await page.locator('.settings-editor .suggest-input-container').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(key);
  await page.locator(`input[aria-label="${key}"]`).fill(value);
  await page.keyboard.press('Tab');
  // Written once the item is marked as set in this scope.
  await page.locator(`.setting-item-contents.is-configured:has(input[aria-label="${key}"])`).waitFor({ timeout: 10_000 });
  await page.screenshot({ path: path.join(artifacts, `setting-${key}.png`) });
  await page.keyboard.press('Escape');
}

async function drive(url) {
  const context = await chromium.launchPersistentContext(path.join(tmp, 'chromium-profile'), {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const shot = (name) => page.screenshot({ path: path.join(artifacts, `${name}.png`) });
  try {
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    log('workbench loaded');

    // 1. No binary anywhere: the offer to install, and go install's output.
    await toast(page, 'scratchvet binary was not found').waitFor({ timeout: 60_000 });
    await waitForStatus(page, 'scratchvet: not installed');
    await shot('not-installed');
    await toast(page, 'scratchvet binary was not found').locator('.monaco-button', { hasText: 'Install' }).click();
    await toast(page, 'go install failed').waitFor({ timeout: 60_000 });
    const installLog = extensionLog();
    for (const want of [`${path.join(goroot, 'bin', 'go')} install github.com/scratchvet/scratchvet/cmd/scratchvet@latest`, 'GOPROXY=off']) {
      if (!installLog.includes(want)) {
        throw new Error(`the output channel lacks "${want}":\n${installLog}`);
      }
    }
    await shot('install-failed');
    await command(page, 'Notifications: Clear All Notifications');
    log('missing binary: the offer to install, go install run and its failure shown');

    // 2. scratchvet.path set: a restart, then the findings.
    await setSetting(page, 'Remote', 'scratchvet.path', binary);
    await openFile(page, 'cmd/server/main.go');
    await page.keyboard.press('Control+Shift+M');
    const expected = cliFindings('scratch');
    for (const check of ['tzdata', 'caroots', 'skipverify']) {
      if (!expected.some((e) => e.check === check)) {
        throw new Error(`scratchvet -json on the demo reports no ${check} finding`);
      }
    }
    const listed = await waitForCLIFindings(page, 'the findings of scratchvet -json', expected);
    log(`the Problems panel lists ${listed.length} findings (the CLI ${expected.length}): ${listed.map((p) => p.key).join(', ')}`);
    await waitForStatus(page, 'scratchvet: scratch');
    if ((await statusItem(page).locator('.codicon-check').count()) !== 1) {
      throw new Error('the status bar item does not show the server running');
    }
    const machine = JSON.parse(fs.readFileSync(path.join(userData, 'Machine', 'settings.json'), 'utf8'));
    if (machine['scratchvet.path'] !== binary) {
      throw new Error(`Machine/settings.json: ${JSON.stringify(machine)}`);
    }
    const startLog = extensionLog();
    for (const want of [`go: ${path.join(goroot, 'bin', 'go')} (go.goroot)`, `server: ${binary} (scratchvet.path)`]) {
      if (!startLog.includes(want)) {
        throw new Error(`the output channel lacks "${want}":\n${startLog}`);
      }
    }
    // The editor's squiggles come a moment after the Problems panel.
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor();
    await shot('problems');
    if (process.env.SCRATCHVET_E2E_UPDATE_IMG === '1') {
      fs.mkdirSync(path.join(repo, 'docs', 'img'), { recursive: true });
      fs.copyFileSync(path.join(artifacts, 'problems.png'), path.join(repo, 'docs', 'img', 'vscode-problems.png'));
      log('docs/img/vscode-problems.png updated');
    }

    // 3. The quick fix: cursor on the finding, Ctrl+., the server's fix.
    const skipverify = expected.find((e) => e.check === 'skipverify');
    const [, line, column] = /:(\d+):(\d+) /.exec(skipverify.key);
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+G');
    await page.keyboard.type(`${line}:${column}`);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+.');
    const action = page.locator('.action-widget .monaco-list-row', { hasText: skipverify.fix }).first();
    await action.waitFor({ timeout: 30_000 });
    await shot('quickfix');
    await action.click();
    const afterFix = await until('the skipverify finding to go', async () => {
      const ps = await problems(page);
      const ok = !ps.some((p) => p.check === 'skipverify') && ps.some((p) => p.check === 'caroots');
      return { ok: ok && ps, seen: ps.map((p) => p.key).join('\n  ') };
    });
    const text = (await page.locator('.monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
    if (/InsecureSkipVerify/.test(text) || !text.includes('TLSClientConfig: &tls.Config{},')) {
      throw new Error(`the fix did not change the editor's text as expected:\n${text}`);
    }
    await shot('fixed');
    log(`Ctrl+. applied "${skipverify.fix}"; left: ${afterFix.map((p) => p.key).join(', ')}`);

    // 4. The checks' docs: those reported in this file first; the pick opens its page.
    await command(page, 'scratchvet: Show Check Documentation');
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'cryptorand' }).first().waitFor();
    const labels = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''));
    const inFile = [...new Set(afterFix.filter((p) => p.key.startsWith('cmd/server/main.go:')).map((p) => p.check))];
    const first = labels.slice(0, inFile.length).map((l) => /^[a-z]+/.exec(l.trim())?.[0]);
    if (inFile.some((c) => !first.includes(c)) || labels.length < 9) {
      throw new Error(`the check list should start with ${inFile.join(', ')}: ${labels.join(' | ')}`);
    }
    await shot('check-docs');
    // The page opens in a new tab; github.com is answered locally (no network here).
    const requested = [];
    await context.route('https://github.com/**', (route) => {
      requested.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<p>check page</p>' });
    });
    await page.keyboard.type('tzdata');
    await page.keyboard.press('Enter');
    await until('the check page to be opened', () => ({ ok: requested.includes(`${docURL}tzdata.md`), seen: requested.join(', ') }), 30_000);
    for (const p of context.pages().filter((p) => p !== page)) {
      await p.close();
    }
    log(`Show Check Documentation lists ${inFile.join(', ')} first and opened ${docURL}tzdata.md`);

    // 5. A settings change, live: save the fixed file, switch the target.
    await page.keyboard.press('Control+S');
    await page.locator('.tab.dirty').waitFor({ state: 'detached' });
    await setSetting(page, 'User', 'scratchvet.target', 'distroless-static');
    const distroless = cliFindings('distroless-static');
    await waitForStatus(page, 'scratchvet: distroless-static');
    await waitForCLIFindings(page, 'the findings for target distroless-static', distroless);
    const starts = () => extensionLog().match(/\] server: /g)?.length;
    if (starts() !== 1) {
      throw new Error(`the server was started ${starts()} times; a target change should reconfigure it, not restart it`);
    }
    await shot('distroless-static');
    log(`target distroless-static, without a restart: ${distroless.map((e) => e.key).join(', ') || 'no findings'}, as the CLI`);

    // 6. The restart command: a second server, the same findings.
    await command(page, 'scratchvet: Restart Language Server');
    await until('a second server start', () => starts() === 2, 30_000);
    await waitForStatus(page, 'scratchvet: distroless-static');
    await waitForCLIFindings(page, 'the findings after the restart', distroless);
    log('Restart Language Server: restarted, same findings');
  } catch (e) {
    await shot('failure').catch(() => undefined);
    throw e;
  } finally {
    await context.close().catch(() => undefined);
  }
}

async function main() {
  setup();
  log('workspace, settings and the extension in place');
  const server = await startCodeServer();
  try {
    await drive(server.url);
  } finally {
    try {
      process.kill(-server.proc.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    fs.writeFileSync(path.join(artifacts, 'extension.log'), extensionLog());
  }
}

const timer = setTimeout(() => {
  console.error('e2e: timed out after 5 minutes');
  process.exit(1);
}, 300_000);
try {
  await main();
  log(`passed; screenshots in ${artifacts}`);
  fs.rmSync(tmp, { recursive: true, force: true });
} catch (e) {
  console.error(`e2e: FAILED: ${e instanceof Error ? e.message : e}`);
  console.error(`e2e: screenshots and logs in ${artifacts}, the run's files in ${tmp}`);
  process.exitCode = 1;
} finally {
  clearTimeout(timer);
}
