// The status bar item: the deployment target in effect and the server's
// state; clicking it does what the state calls for.

import * as vscode from 'vscode';
import type { ActiveTarget } from './options';

export type ServerState = 'starting' | 'running' | 'stopped' | 'failed' | 'missing' | 'untrusted';

export interface StatusInfo {
  state: ServerState;
  target: ActiveTarget;
  server?: { path: string; why: string; version?: string };
  go?: { path: string; why: string };
  /** Config file the target was read from, if any. */
  configFile?: string;
}

const icons: Record<ServerState, string> = {
  starting: '$(sync~spin)',
  running: '$(check)',
  stopped: '$(circle-slash)',
  failed: '$(error)',
  missing: '$(warning)',
  untrusted: '$(shield)',
};

const words: Record<ServerState, string> = {
  starting: 'starting',
  running: 'running',
  stopped: 'stopped',
  failed: 'failed to start (see the output)',
  missing: 'scratchvet binary not found',
  untrusted: 'not started: the workspace is not trusted',
};

const sources: Record<ActiveTarget['source'], string> = {
  settings: 'from the scratchvet.target / scratchvet.targetOverrides settings',
  SCRATCHVET_TARGET: 'from $SCRATCHVET_TARGET',
  'scratchvet.toml': 'from the config file',
  default: 'the default (no setting, no scratchvet.toml)',
  deployments: "read from the repository's Dockerfiles, goreleaser, ko, promu and Makefiles (scratchvet deployments)",
};

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('scratchvet.status', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'scratchvet';
  }

  update(info: StatusInfo): void {
    const { state } = info;
    this.item.text =
      state === 'missing' ? `${icons.missing} scratchvet: not installed` : `${icons[state]} scratchvet: ${info.target.spec}`;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown('**scratchvet** ').appendText(words[state]).appendMarkdown('\n\n');
    md.appendMarkdown('Target: `').appendText(info.target.spec).appendMarkdown('` ').appendText(sources[info.target.source]);
    if (info.configFile && info.target.source === 'scratchvet.toml') {
      md.appendText(` ${info.configFile}`);
    }
    md.appendMarkdown('\n\n');
    for (const line of info.target.details ?? []) {
      md.appendMarkdown('- ').appendText(line).appendMarkdown('\n');
    }
    if (info.target.details?.length) {
      md.appendMarkdown('\n');
    }
    if (info.server) {
      md.appendMarkdown('Server: `').appendText(info.server.path).appendMarkdown('` ').appendText(`(${info.server.why}`);
      md.appendText(info.server.version ? `, version ${info.server.version})` : ')').appendMarkdown('\n\n');
    }
    md.appendMarkdown('go: ').appendText(info.go ? `${info.go.path} (${info.go.why})` : 'not found');
    md.appendMarkdown('\n\n').appendText(
      state === 'missing' ? 'Click to install it with go install.' : state === 'running' ? 'Click to show the server output.' : 'Click to restart the server.',
    );
    this.item.tooltip = md;
    this.item.command =
      state === 'missing' ? 'scratchvet.installServer' : state === 'running' || state === 'untrusted' ? 'scratchvet.showOutput' : 'scratchvet.restartServer';
    this.item.backgroundColor =
      state === 'failed' || state === 'missing' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
