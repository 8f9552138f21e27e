// The scratchvet.* settings as the server's initializationOptions, the
// target the status bar shows, and settings of the Go extension that would
// duplicate our diagnostics. No 'vscode' import (unit-tested under node).

import { absolutize, expandPath } from './locate';

/** The part of vscode.WorkspaceConfiguration this module reads. */
export interface SettingsReader {
  get<T>(key: string): T | undefined;
}

/**
 * The settings passed through to the server, with the server's option
 * names (docs/editors.md); path and trace.server stay in the extension.
 * Values are passed as they are: the server validates them and names a bad
 * one in a message, so there is one set of rules.
 */
export const passedSettings = [
  'target',
  'targetOverrides',
  'checks',
  'buildTags',
  'run',
  'env',
  'goflags',
  'ldflags',
  'buildmode',
  'config',
  'delay',
  'unusedSuppressions',
  'allowNetwork',
] as const;

/** Settings handled by the extension itself rather than the server. */
export const clientSettings = ['path', 'trace.server'] as const;

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) {
    return true;
  }
  if (typeof v === 'string') {
    return v.trim() === '';
  }
  if (Array.isArray(v)) {
    return v.length === 0;
  }
  if (typeof v === 'object') {
    return Object.keys(v as object).length === 0;
  }
  return false;
}

export interface PathContext {
  home: string;
  workspaceFolder?: string;
  platform: NodeJS.Platform;
}

/** The declared default of each setting, from package.json (contributes.configuration). */
export function declaredDefaults(packageJSON: unknown): Record<string, unknown> {
  const props = (packageJSON as { contributes?: { configuration?: { properties?: Record<string, { default?: unknown }> } } })
    ?.contributes?.configuration?.properties ?? {};
  const out: Record<string, unknown> = {};
  for (const [key, p] of Object.entries(props)) {
    out[key.replace(/^scratchvet\./, '')] = p.default;
  }
  return out;
}

/**
 * initializationOptions (and didChangeConfiguration settings) from the
 * scratchvet section. A setting left empty or at its declared default is
 * not sent, so that scratchvet.toml and the server's own defaults apply
 * (the server treats a present target or targetOverrides, even an empty
 * one, as overriding the config file's target).
 */
export function serverOptions(cfg: SettingsReader, ctx: PathContext, defaults: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of passedSettings) {
    let v = cfg.get<unknown>(key);
    if (isEmpty(v) || (key in defaults && JSON.stringify(v) === JSON.stringify(defaults[key]))) {
      continue;
    }
    if (typeof v === 'string') {
      v = v.trim();
    }
    if (key === 'config' && typeof v === 'string') {
      // The server resolves a relative name against its own working
      // directory; resolve it here against the workspace folder instead.
      v = absolutize(expandPath(v, ctx.home, ctx.workspaceFolder, ctx.platform), ctx.workspaceFolder, ctx.platform);
    }
    if (key === 'buildTags' && Array.isArray(v)) {
      v = v.map((t) => (typeof t === 'string' ? t.trim() : t)).filter((t) => t !== '');
      if ((v as unknown[]).length === 0) {
        continue;
      }
    }
    out[key] = v;
  }
  return out;
}

/** The deployment target in effect and where it comes from (status bar). */
export interface ActiveTarget {
  spec: string;
  source: 'settings' | 'SCRATCHVET_TARGET' | 'scratchvet.toml' | 'default' | 'deployments';
  /** With source 'deployments': one line per main package and deployment. */
  details?: string[];
}

/** What `scratchvet deployments -json` prints, as far as the status bar reads it. */
export interface DeploymentsJSON {
  mains?: { importPath: string; dir: string }[];
  deployments?: {
    main: string;
    binary: string;
    pos?: { file: string; line?: number };
    image?: { ref?: { value: string; pos?: { file: string; line?: number } }; preset?: string; known?: boolean };
  }[];
}

/**
 * The target shown when nothing selects one but the repository declares
 * how its binaries ship (docs/deployments.md): the presets of the
 * discovered images, each main package's deployments in the details.
 * Undefined when no main package has an image.
 */
export function discoveredTarget(res: DeploymentsJSON): ActiveTarget | undefined {
  const presets: string[] = [];
  const details: string[] = [];
  const dirOf = new Map((res.mains ?? []).map((m) => [m.importPath, m.dir]));
  for (const d of res.deployments ?? []) {
    if (!d.image) {
      continue;
    }
    const preset = d.image.known && d.image.preset ? d.image.preset : `${defaultTarget} (unknown image)`;
    if (!presets.includes(preset)) {
      presets.push(preset);
    }
    const where = d.image.ref?.pos ? ` (${d.image.ref.pos.file}${d.image.ref.pos.line ? `:${d.image.ref.pos.line}` : ''})` : '';
    details.push(`${dirOf.get(d.main) ?? d.main}: ${d.image.ref?.value ?? '?'} → ${preset}${where}`);
  }
  if (presets.length === 0) {
    return undefined;
  }
  return { spec: presets.join(', '), source: 'deployments', details };
}

/** The preset the server uses when nothing else says (target.Default). */
export const defaultTarget = 'scratch';

/**
 * The target the server applies, in its order: the target and
 * targetOverrides settings, then $SCRATCHVET_TARGET, then scratchvet.toml
 * (target and [target-overrides]), then scratch. tomlText is the config
 * file of the first workspace folder, if any (a workspace with several
 * modules may have one per module; the tooltip says which).
 */
export function activeTarget(options: Record<string, unknown>, env: Record<string, string | undefined>, tomlText: string | undefined): ActiveTarget {
  const fromSettings = typeof options.target === 'string' ? options.target : '';
  const overrides = options.targetOverrides;
  if (fromSettings !== '' || (typeof overrides === 'object' && overrides !== null)) {
    let spec = fromSettings || defaultTarget;
    if (typeof overrides === 'object' && overrides !== null) {
      for (const k of Object.keys(overrides).sort()) {
        spec += `,${k}=${String((overrides as Record<string, unknown>)[k])}`;
      }
    }
    return { spec, source: 'settings' };
  }
  const envTarget = env.SCRATCHVET_TARGET?.trim();
  if (envTarget) {
    return { spec: envTarget, source: 'SCRATCHVET_TARGET' };
  }
  if (tomlText !== undefined) {
    const toml = readTargetFromToml(tomlText);
    if (toml.target !== undefined || toml.overrides.length > 0) {
      return { spec: [toml.target ?? defaultTarget, ...toml.overrides].join(','), source: 'scratchvet.toml' };
    }
  }
  return { spec: defaultTarget, source: 'default' };
}

/**
 * Reads the top-level target key and the [target-overrides] table of
 * scratchvet.toml, enough for a label; the server reads the file fully and
 * reports its errors.
 */
export function readTargetFromToml(text: string): { target?: string; overrides: string[] } {
  let table = '';
  let target: string | undefined;
  const overrides: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, '').trim();
    if (line === '' || line.startsWith('#')) {
      continue;
    }
    const header = line.match(/^\[\s*([^\]]+?)\s*\]$/);
    if (header) {
      table = header[1];
      continue;
    }
    const kv = line.match(/^"?([A-Za-z0-9_-]+)"?\s*=\s*(.+)$/);
    if (!kv) {
      continue;
    }
    const value = unquote(kv[2]);
    if (table === '' && kv[1] === 'target') {
      target = value;
    } else if (table === 'target-overrides') {
      overrides.push(`${kv[1]}=${value}`);
    }
  }
  return { target, overrides };
}

function unquote(v: string): string {
  const m = v.match(/^"((?:[^"\\]|\\.)*)"$/) ?? v.match(/^'([^']*)'$/);
  return m ? m[1] : v;
}

/**
 * Settings of the Go extension that run scratchvet a second time (as the
 * go vet tool or a lint tool), which would show each finding twice.
 * gopls itself cannot load scratchvet's analyzers, so it never does.
 */
export function duplicateRunners(goCfg: SettingsReader): string[] {
  const found: string[] = [];
  for (const key of ['vetFlags', 'lintFlags', 'lintTool']) {
    const v = goCfg.get<unknown>(key);
    const text = Array.isArray(v) ? v.join(' ') : typeof v === 'string' ? v : '';
    if (/scratchvet/.test(text)) {
      found.push(`go.${key}`);
    }
  }
  return found;
}
