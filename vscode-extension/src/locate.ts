// Finding the go command and the scratchvet binary, and the environment the
// server runs in. No 'vscode' import: the unit tests run this under plain
// node with a fake file system (Host).

import * as childProcess from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** What the search needs from the machine; tests pass a fake. */
export interface Host {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
  /** Reports whether p is an executable regular file. */
  isExecutable(p: string): boolean;
  /** Lists the names in a directory ([] if it cannot be read). */
  readDir(p: string): string[];
}

export function realHost(): Host {
  return {
    platform: process.platform,
    env: process.env,
    home: os.homedir(),
    isExecutable(p) {
      try {
        if (!fs.statSync(p).isFile()) {
          return false;
        }
        // Windows has no execute bit; a file with the right name is enough.
        if (process.platform !== 'win32') {
          fs.accessSync(p, fs.constants.X_OK);
        }
        return true;
      } catch {
        return false;
      }
    },
    readDir(p) {
      try {
        return fs.readdirSync(p);
      } catch {
        return [];
      }
    },
  };
}

/** A program found on disk and the reason it was chosen (shown to the user). */
export interface Found {
  path: string;
  why: string;
}

function pathModule(platform: NodeJS.Platform): typeof path.posix {
  return platform === 'win32' ? path.win32 : path.posix;
}

function exe(name: string, platform: NodeJS.Platform): string {
  return platform === 'win32' ? name + '.exe' : name;
}

/** The PATH variable; on Windows its key may be spelled Path. */
export function pathKey(env: Record<string, string | undefined>, platform: NodeJS.Platform): string {
  if (platform !== 'win32') {
    return 'PATH';
  }
  return Object.keys(env).find((k) => k.toUpperCase() === 'PATH') ?? 'Path';
}

function listEntries(value: string | undefined, platform: NodeJS.Platform): string[] {
  if (!value) {
    return [];
  }
  return value.split(pathModule(platform).delimiter).filter((p) => p !== '');
}

/** Expands ${workspaceFolder} and a leading ~ in a path from the settings. */
export function expandPath(p: string, home: string, workspaceFolder: string | undefined, platform: NodeJS.Platform): string {
  const pm = pathModule(platform);
  let s = p.trim();
  if (workspaceFolder !== undefined) {
    s = s.split('${workspaceFolder}').join(workspaceFolder);
  }
  if (s === '~') {
    return home;
  }
  if (s.startsWith('~/') || (platform === 'win32' && s.startsWith('~\\'))) {
    return pm.join(home, s.slice(2));
  }
  return s;
}

/** Makes a relative path absolute against the workspace folder, if any. */
export function absolutize(p: string, workspaceFolder: string | undefined, platform: NodeJS.Platform): string {
  const pm = pathModule(platform);
  return pm.isAbsolute(p) || workspaceFolder === undefined ? p : pm.join(workspaceFolder, p);
}

function searchPath(name: string, host: Host): string | undefined {
  const pm = pathModule(host.platform);
  for (const dir of listEntries(host.env[pathKey(host.env, host.platform)], host.platform)) {
    const candidate = pm.join(dir, name);
    if (host.isExecutable(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

/** Orders directory names like go1.22.3 by version, newest first. */
function compareGoVersionsDesc(a: string, b: string): number {
  const parse = (s: string) => (s.match(/\d+/g) ?? []).map(Number);
  const va = parse(a);
  const vb = parse(b);
  for (let i = 0; i < Math.max(va.length, vb.length); i++) {
    const d = (vb[i] ?? -1) - (va[i] ?? -1);
    if (d !== 0) {
      return d;
    }
  }
  return 0;
}

export interface GoSettings {
  /** go.alternateTools.go of the Go extension: a path, or a name looked up in PATH. */
  alternateGo?: string;
  /** go.goroot of the Go extension. */
  goroot?: string;
  workspaceFolder?: string;
}

/**
 * Finds the go command as the Go extension does: its go.alternateTools and
 * go.goroot settings, then GOROOT, PATH and the usual install locations
 * (the editor started from a desktop launcher often lacks the shell's PATH).
 */
export function locateGo(settings: GoSettings, host: Host): Found | undefined {
  const pm = pathModule(host.platform);
  const go = exe('go', host.platform);
  const expand = (p: string) => expandPath(p, host.home, settings.workspaceFolder, host.platform);
  const alt = settings.alternateGo?.trim();
  if (alt) {
    const p = expand(alt);
    if (pm.isAbsolute(p)) {
      if (host.isExecutable(p)) {
        return { path: p, why: 'go.alternateTools' };
      }
    } else {
      const onPath = searchPath(host.platform === 'win32' && !p.endsWith('.exe') ? p + '.exe' : p, host);
      if (onPath) {
        return { path: onPath, why: 'go.alternateTools (PATH)' };
      }
    }
  }
  const candidates: Array<[string, string]> = [];
  if (settings.goroot?.trim()) {
    candidates.push([pm.join(expand(settings.goroot), 'bin', go), 'go.goroot']);
  }
  if (host.env.GOROOT) {
    candidates.push([pm.join(host.env.GOROOT, 'bin', go), 'GOROOT']);
  }
  for (const [p, why] of candidates) {
    if (host.isExecutable(p)) {
      return { path: p, why };
    }
  }
  const onPath = searchPath(go, host);
  if (onPath) {
    // /snap/bin/go is a snapd launcher that misbehaves when started by
    // another program; the Go extension makes the same substitution.
    if (onPath === '/snap/bin/go' && host.isExecutable('/snap/go/current/bin/go')) {
      return { path: '/snap/go/current/bin/go', why: 'PATH (snap)' };
    }
    return { path: onPath, why: 'PATH' };
  }
  const defaults: string[] = [];
  if (host.platform === 'win32') {
    defaults.push('C:\\Program Files\\Go\\bin\\go.exe', 'C:\\Program Files (x86)\\Go\\bin\\go.exe');
  } else {
    defaults.push('/usr/local/go/bin/go', '/usr/local/bin/go', '/opt/homebrew/bin/go', '/usr/lib/go/bin/go');
  }
  defaults.push(pm.join(host.home, 'go', 'bin', go));
  // golang.org/dl downloads: ~/sdk/go1.x.y/bin/go, newest first.
  const sdk = pm.join(host.home, 'sdk');
  for (const name of host.readDir(sdk).filter((n) => /^go\d/.test(n)).sort(compareGoVersionsDesc)) {
    defaults.push(pm.join(sdk, name, 'bin', go));
  }
  for (const p of defaults) {
    if (host.isExecutable(p)) {
      return { path: p, why: 'default location' };
    }
  }
  return undefined;
}

/** What `go env` says of where go install puts binaries. */
export interface GoEnv {
  GOBIN?: string;
  GOPATH?: string;
  GOROOT?: string;
}

export interface ServerSearch {
  found?: Found;
  /** Set when scratchvet.path names a file that is not there: no fallback. */
  badSetting?: string;
  /** Every place looked at, for the "not found" message. */
  searched: string[];
}

/**
 * Finds the scratchvet binary: scratchvet.path, then PATH, then GOBIN, then
 * bin of each GOPATH entry (default ~/go/bin), where go install puts it.
 * GOBIN and GOPATH come from the environment, else from `go env` (which
 * also knows values set with go env -w).
 */
export function findServer(setting: string | undefined, goEnv: GoEnv, host: Host, workspaceFolder?: string): ServerSearch {
  const pm = pathModule(host.platform);
  const name = exe('scratchvet', host.platform);
  const configured = setting?.trim();
  if (configured) {
    let p = expandPath(configured, host.home, workspaceFolder, host.platform);
    if (/[\\/]/.test(p)) {
      p = absolutize(p, workspaceFolder, host.platform);
    }
    if (pm.isAbsolute(p)) {
      return host.isExecutable(p) ? { found: { path: p, why: 'scratchvet.path' }, searched: [p] } : { badSetting: p, searched: [p] };
    }
    // A bare name ("scratchvet-dev") is looked up in PATH.
    const onPath = searchPath(p, host);
    return onPath ? { found: { path: onPath, why: 'scratchvet.path (PATH)' }, searched: ['PATH'] } : { badSetting: p, searched: ['PATH'] };
  }
  const searched = ['PATH'];
  const onPath = searchPath(name, host);
  if (onPath) {
    return { found: { path: onPath, why: 'PATH' }, searched };
  }
  const candidates: Array<[string, string]> = [];
  const gobin = host.env.GOBIN || goEnv.GOBIN;
  if (gobin) {
    candidates.push([pm.join(gobin, name), 'GOBIN']);
  }
  const gopath = host.env.GOPATH || goEnv.GOPATH;
  const gopaths = listEntries(gopath, host.platform);
  for (const dir of gopaths.length > 0 ? gopaths : [pm.join(host.home, 'go')]) {
    candidates.push([pm.join(dir, 'bin', name), gopaths.length > 0 ? 'GOPATH' : 'default GOPATH']);
  }
  for (const [p, why] of candidates) {
    searched.push(p);
    if (host.isExecutable(p)) {
      return { found: { path: p, why }, searched };
    }
  }
  return { searched };
}

/**
 * The server's environment: the extension host's, with the go command's
 * directory first in PATH so that the server (which runs "go") finds the
 * same go as the editor. The go command found under another name (a
 * go.alternateTools wrapper such as go1.22) contributes its GOROOT/bin.
 */
export function serverEnvironment(base: Record<string, string | undefined>, goDir: string | undefined, platform: NodeJS.Platform): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) {
    if (v !== undefined) {
      env[k] = v;
    }
  }
  if (goDir) {
    const key = pathKey(env, platform);
    const delimiter = pathModule(platform).delimiter;
    const rest = listEntries(env[key], platform).filter((p) => p !== goDir);
    env[key] = [goDir, ...rest].join(delimiter);
  }
  return env;
}

/** The directory to put first in PATH for a go command found at goPath. */
export function goBinDir(goPath: string, goroot: string | undefined, platform: NodeJS.Platform): string {
  const pm = pathModule(platform);
  if (pm.basename(goPath) === exe('go', platform) || !goroot) {
    return pm.dirname(goPath);
  }
  return pm.join(goroot, 'bin');
}

/**
 * Runs `go env -json GOBIN GOPATH GOROOT`; {} if it fails. GOTOOLCHAIN=local:
 * asking where binaries go must never download a toolchain.
 */
export function readGoEnv(goPath: string, env: Record<string, string>): Promise<GoEnv> {
  return new Promise((resolve) => {
    const opts = { env: { ...env, GOTOOLCHAIN: 'local' }, timeout: 20000 };
    childProcess.execFile(goPath, ['env', '-json', 'GOBIN', 'GOPATH', 'GOROOT'], opts, (err, stdout) => {
      if (err) {
        resolve({});
        return;
      }
      try {
        const parsed = JSON.parse(stdout) as Record<string, unknown>;
        const out: GoEnv = {};
        for (const k of ['GOBIN', 'GOPATH', 'GOROOT'] as const) {
          const v = parsed[k];
          if (typeof v === 'string' && v !== '') {
            out[k] = v;
          }
        }
        resolve(out);
      } catch {
        resolve({});
      }
    });
  });
}
