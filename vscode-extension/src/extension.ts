// The VS Code side: starts `scratchvet lsp` with vscode-languageclient,
// keeps it in step with the settings, and provides the commands and the
// status bar item. The decisions (where the binaries are, what the server
// is told) live in locate.ts and options.ts, which the unit tests cover.

import * as childProcess from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  State,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  findServer,
  goBinDir,
  locateGo,
  readGoEnv,
  realHost,
  serverEnvironment,
  type Found,
  type GoEnv,
} from './locate';
import { activeTarget, declaredDefaults, discoveredTarget, duplicateRunners, serverOptions, type ActiveTarget, type DeploymentsJSON } from './options';
import { checkDocURL, docURL, installPackage, parseChecks, runStreaming } from './run';
import { StatusBar, type ServerState } from './status';

let controller: Controller | undefined;

export function activate(context: vscode.ExtensionContext): void {
  controller = new Controller(declaredDefaults(context.extension.packageJSON));
  context.subscriptions.push(controller);
  // Not awaited: the first load runs the go command over the workspace and
  // activation should not wait for it.
  void controller.start();
}

export async function deactivate(): Promise<void> {
  await controller?.stop();
}

/** Where go and the server are, and the environment the server gets. */
interface Resolved {
  go?: Found;
  goEnv: GoEnv;
  env: Record<string, string>;
  server?: Found;
  badSetting?: string;
  searched: string[];
}

class Controller implements vscode.Disposable {
  private readonly output = vscode.window.createOutputChannel('scratchvet', { log: true });
  private readonly status = new StatusBar();
  private readonly disposables: vscode.Disposable[] = [];
  private client: LanguageClient | undefined;
  private state: ServerState = 'stopped';
  private resolved: Resolved | undefined;
  /** Serializes start/stop/restart: settings events can arrive in bursts. */
  private queue: Promise<void> = Promise.resolve();
  private warnedDuplicates = false;
  private warnedNoGo = false;
  /** The settings last sent to the server, to skip changes that do not concern it (trace.server). */
  private lastSent = '';
  /** The deployments the repository declares (scratchvet deployments), for the status bar. */
  private deployments: ActiveTarget | undefined;

  /** @param defaults the settings' declared defaults, which are not sent to the server */
  constructor(private readonly defaults: Record<string, unknown>) {
    const cmd = vscode.commands.registerCommand;
    this.disposables.push(
      this.output,
      this.status,
      cmd('scratchvet.restartServer', () => this.restart()),
      cmd('scratchvet.showOutput', () => this.output.show(true)),
      cmd('scratchvet.showCheckDocs', (check?: unknown) => this.showCheckDocs(typeof check === 'string' ? check : undefined)),
      cmd('scratchvet.installServer', () => this.install()),
      vscode.workspace.onDidChangeConfiguration((e) => this.onConfigurationChanged(e)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.restart()),
    );
    const toml = vscode.workspace.createFileSystemWatcher('**/scratchvet.toml');
    toml.onDidChange(() => this.refreshStatus());
    toml.onDidCreate(() => this.refreshStatus());
    toml.onDidDelete(() => this.refreshStatus());
    this.disposables.push(toml);
    // The files deployment discovery reads: the status bar shows what they declare.
    const deployFiles = vscode.workspace.createFileSystemWatcher(
      '**/{Dockerfile,Dockerfile.*,*.Dockerfile,Containerfile,Makefile,*.mk,.goreleaser.yml,.goreleaser.yaml,.ko.yaml,.promu.yml}',
    );
    for (const ev of [deployFiles.onDidChange, deployFiles.onDidCreate, deployFiles.onDidDelete]) {
      ev(() => this.readDeployments());
    }
    this.disposables.push(deployFiles);
    this.checkDuplicates();
  }

  start(): Promise<void> {
    return this.enqueue(() => this.doStart());
  }

  stop(): Promise<void> {
    return this.enqueue(() => this.doStop());
  }

  restart(): Promise<void> {
    return this.enqueue(async () => {
      await this.doStop();
      await this.doStart();
    });
  }

  private enqueue(f: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(f, f);
    return this.queue;
  }

  private workspaceFolder(): string | undefined {
    return vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri.fsPath;
  }

  private settings(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration('scratchvet');
  }

  private options(): Record<string, unknown> {
    const host = realHost();
    return serverOptions(this.settings(), { home: host.home, workspaceFolder: this.workspaceFolder(), platform: host.platform }, this.defaults);
  }

  private async resolve(): Promise<Resolved> {
    const host = realHost();
    const folder = this.workspaceFolder();
    const goCfg = vscode.workspace.getConfiguration('go');
    const alternate = goCfg.get<Record<string, unknown>>('alternateTools')?.go;
    const go = locateGo(
      { alternateGo: typeof alternate === 'string' ? alternate : undefined, goroot: goCfg.get<string>('goroot'), workspaceFolder: folder },
      host,
    );
    let env = serverEnvironment(host.env, undefined, host.platform);
    let goEnv: GoEnv = {};
    if (go) {
      goEnv = await readGoEnv(go.path, serverEnvironment(host.env, goBinDir(go.path, undefined, host.platform), host.platform));
      env = serverEnvironment(host.env, goBinDir(go.path, goEnv.GOROOT, host.platform), host.platform);
    }
    const search = findServer(this.settings().get<string>('path'), goEnv, host, folder);
    return { go, goEnv, env, server: search.found, badSetting: search.badSetting, searched: search.searched };
  }

  private async doStart(): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      this.setState('untrusted');
      return;
    }
    const r = await this.resolve();
    this.resolved = r;
    this.output.info(`go: ${r.go ? `${r.go.path} (${r.go.why})` : 'not found'}`);
    if (!r.go && !this.warnedNoGo) {
      this.warnedNoGo = true;
      void vscode.window.showWarningMessage(
        'scratchvet: the go command was not found (go.alternateTools, go.goroot, GOROOT, PATH, the usual install locations); the language server needs it to load packages. Install Go or set go.goroot.',
      );
    }
    if (!r.server) {
      this.setState('missing');
      this.output.warn(`scratchvet binary not found; looked in: ${r.searched.join(', ')}`);
      void this.offerInstall(r);
      return;
    }
    this.output.info(`server: ${r.server.path} (${r.server.why})`);
    const serverOpts: ServerOptions = { command: r.server.path, args: ['lsp'], options: { env: r.env } };
    const clientOpts: LanguageClientOptions = {
      // Go files on disk only: the server runs the go command on them.
      documentSelector: [{ scheme: 'file', language: 'go' }],
      diagnosticCollectionName: 'scratchvet',
      outputChannel: this.output,
      // A function: a restart after a crash sends the settings of that moment.
      initializationOptions: () => {
        const opts = this.options();
        this.lastSent = JSON.stringify(opts);
        return opts;
      },
    };
    const client = new LanguageClient('scratchvet', 'scratchvet', serverOpts, clientOpts);
    this.client = client;
    client.onDidChangeState((e) => {
      if (this.client !== client) {
        return;
      }
      this.setState(e.newState === State.Running ? 'running' : e.newState === State.Starting ? 'starting' : 'stopped');
    });
    this.setState('starting');
    try {
      await client.start();
      this.setState('running');
    } catch (e) {
      this.output.error(`starting ${r.server.path} lsp: ${String(e)}`);
      this.setState('failed');
      void vscode.window.showErrorMessage(`scratchvet: the language server did not start: ${String(e)}`, 'Show Output').then((a) => {
        if (a) {
          this.output.show(true);
        }
      });
    }
  }

  private async doStop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) {
      try {
        if (client.needsStop()) {
          await client.stop(5000);
        }
      } catch (e) {
        this.output.warn(`stopping the server: ${String(e)}`);
      }
      await client.dispose().catch(() => undefined);
    }
    this.setState('stopped');
  }

  private onConfigurationChanged(e: vscode.ConfigurationChangeEvent): void {
    if (e.affectsConfiguration('go.vetFlags') || e.affectsConfiguration('go.lintFlags') || e.affectsConfiguration('go.lintTool')) {
      this.warnedDuplicates = false;
      this.checkDuplicates();
    }
    // A different binary or go command needs a new process.
    if (e.affectsConfiguration('scratchvet.path') || e.affectsConfiguration('go.goroot') || e.affectsConfiguration('go.alternateTools')) {
      void this.restart();
      return;
    }
    if (!e.affectsConfiguration('scratchvet')) {
      return;
    }
    // Everything else the server takes live (trace.server is the client's).
    const opts = this.options();
    if (this.client?.isRunning() && JSON.stringify(opts) !== this.lastSent) {
      this.lastSent = JSON.stringify(opts);
      void this.client
        // Nested under "scratchvet": an empty object at the top would
        // leave the server's settings as they are (docs/editors.md).
        .sendNotification(DidChangeConfigurationNotification.type, { settings: { scratchvet: opts } })
        .catch((err: unknown) => this.output.error(`sending settings: ${String(err)}`));
    }
    this.refreshStatus();
  }

  private setState(state: ServerState): void {
    this.state = state;
    if (state === 'running') {
      this.readDeployments();
    }
    this.refreshStatus();
  }

  /** Runs `scratchvet deployments -json` on the first workspace folder for the status bar. */
  private readDeployments(): void {
    const folder = this.workspaceFolder();
    const bin = this.resolved?.server?.path;
    if (!folder || !bin) {
      return;
    }
    childProcess.execFile(bin, ['deployments', '-json', folder], { cwd: folder, env: this.resolved?.env ?? process.env, timeout: 30_000 }, (err, stdout) => {
      if (err) {
        this.deployments = undefined; // not in a module, an old scratchvet: the status bar says what it knows
      } else {
        try {
          this.deployments = discoveredTarget(JSON.parse(stdout) as DeploymentsJSON);
        } catch {
          this.deployments = undefined;
        }
      }
      this.refreshStatus();
    });
  }

  private refreshStatus(): void {
    const options = this.options();
    let configFile: string | undefined;
    let text: string | undefined;
    const folder = this.workspaceFolder();
    const candidates = [typeof options.config === 'string' ? options.config : undefined, folder && path.join(folder, 'scratchvet.toml')];
    for (const c of candidates) {
      if (!c) {
        continue;
      }
      try {
        text = fs.readFileSync(c, 'utf8');
        configFile = c;
        break;
      } catch {
        // not there: the next candidate, or the default target
      }
    }
    const r = this.resolved;
    let target = activeTarget(options, r?.env ?? process.env, text);
    if (target.source === 'default' && this.deployments) {
      target = this.deployments; // what the repository declares, as the server reads it
    }
    this.status.update({
      state: this.state,
      target,
      configFile,
      go: r?.go,
      server: r?.server && { ...r.server, version: this.client?.initializeResult?.serverInfo?.version },
    });
  }

  private async offerInstall(r: Resolved): Promise<void> {
    if (r.badSetting) {
      const a = await vscode.window.showErrorMessage(
        `scratchvet: scratchvet.path is set to "${r.badSetting}", which is not an executable file.`,
        'Open Settings',
      );
      if (a) {
        await vscode.commands.executeCommand('workbench.action.openSettings', 'scratchvet.path');
      }
      return;
    }
    const a = await vscode.window.showWarningMessage(
      `scratchvet: the scratchvet binary was not found in PATH, GOBIN or GOPATH/bin. Install it with "go install ${installPackage}"?`,
      'Install',
      'Set Path',
      'Show Output',
    );
    if (a === 'Install') {
      await this.install();
    } else if (a === 'Set Path') {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'scratchvet.path');
    } else if (a === 'Show Output') {
      this.output.show(true);
    }
  }

  private async install(): Promise<void> {
    const r = await this.resolve();
    if (!r.go) {
      void vscode.window.showErrorMessage(
        'scratchvet: the go command was not found (looked at go.alternateTools, go.goroot, GOROOT, PATH and the usual install locations). Install Go from https://go.dev/dl/ or set go.goroot.',
      );
      return;
    }
    const go = r.go;
    this.output.show(true);
    this.output.info(`$ ${go.path} install ${installPackage}`);
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'scratchvet: go install', cancellable: false },
      () => runStreaming(go.path, ['install', installPackage], { env: r.env }, (line) => this.output.info(line)),
    );
    if (result.code === 0) {
      this.output.info('go install succeeded');
      void vscode.window.showInformationMessage('scratchvet: installed; starting the language server.');
      await this.restart();
      return;
    }
    const why = result.error ? result.error.message : `exit status ${result.code}`;
    this.output.error(`go install failed: ${why}`);
    const a = await vscode.window.showErrorMessage(`scratchvet: go install failed (${why}).`, 'Show Output');
    if (a) {
      this.output.show(true);
    }
  }

  private async showCheckDocs(check: string | undefined): Promise<void> {
    if (check) {
      await vscode.env.openExternal(vscode.Uri.parse(checkDocURL(check)));
      return;
    }
    const r = this.resolved;
    let checks = r?.server ? parseChecks((await runStreaming(r.server.path, ['checks'], { env: r.env }, () => undefined)).stdout) : [];
    if (checks.length === 0) {
      // No binary to ask: the index of the check pages.
      await vscode.env.openExternal(vscode.Uri.parse(docURL));
      return;
    }
    // Checks with a finding in the active file first.
    const here = new Set<string>();
    const doc = vscode.window.activeTextEditor?.document;
    for (const d of doc ? vscode.languages.getDiagnostics(doc.uri) : []) {
      if (d.source === 'scratchvet') {
        here.add(typeof d.code === 'object' ? String(d.code.value) : String(d.code));
      }
    }
    checks = [...checks.filter((c) => here.has(c.name)), ...checks.filter((c) => !here.has(c.name))];
    const pick = await vscode.window.showQuickPick(
      checks.map((c) => ({ label: c.name, description: c.description, detail: here.has(c.name) ? 'reported in this file' : undefined })),
      { placeHolder: 'Open the documentation of a scratchvet check' },
    );
    if (pick) {
      await vscode.env.openExternal(vscode.Uri.parse(checkDocURL(pick.label)));
    }
  }

  private checkDuplicates(): void {
    const keys = duplicateRunners(vscode.workspace.getConfiguration('go'));
    if (keys.length === 0 || this.warnedDuplicates) {
      return;
    }
    this.warnedDuplicates = true;
    void vscode.window.showWarningMessage(
      `scratchvet: ${keys.join(' and ')} also run scratchvet, so the Go extension reports its findings a second time. Remove scratchvet from ${keys.join(' and ')}: this extension already shows them, with quick fixes.`,
    );
  }

  dispose(): void {
    void this.stop();
    for (const d of this.disposables) {
      d.dispose();
    }
  }
}
