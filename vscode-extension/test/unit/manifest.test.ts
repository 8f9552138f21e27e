// package.json (what VS Code reads) against the code that implements it.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { clientSettings, passedSettings } from '../../src/options';

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

test('each scratchvet.* setting is passed to the server or used by the client, and nothing else is read', () => {
  const declared = Object.keys(pkg.contributes.configuration.properties).map((k) => k.replace(/^scratchvet\./, ''));
  assert.deepEqual([...declared].sort(), [...passedSettings, ...clientSettings].sort());
});

test('the commands declared are the commands registered', () => {
  const src = fs.readFileSync(path.join(root, 'src', 'extension.ts'), 'utf8');
  const registered = [...src.matchAll(/cmd\('(scratchvet\.[A-Za-z]+)'/g)].map((m) => m[1]);
  const declared = pkg.contributes.commands.map((c: { command: string }) => c.command);
  assert.deepEqual([...registered].sort(), [...declared].sort());
});

test('activation, entry point, category, icon', () => {
  assert.deepEqual(pkg.activationEvents, ['onLanguage:go', 'workspaceContains:**/go.mod']);
  assert.equal(pkg.main, './dist/extension.js');
  assert.deepEqual(pkg.categories, ['Linters']);
  const icon = fs.readFileSync(path.join(root, pkg.icon));
  assert.equal(icon.subarray(1, 4).toString(), 'PNG');
  assert.ok(icon.readUInt32BE(16) >= 128, 'the Marketplace wants an icon of at least 128x128');
});

test('settings that pick a program or its environment are restricted in untrusted workspaces', () => {
  const restricted: string[] = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations;
  for (const s of ['scratchvet.path', 'scratchvet.env', 'scratchvet.goflags']) {
    assert.ok(restricted.includes(s), s);
  }
  assert.equal(pkg.contributes.configuration.properties['scratchvet.path'].scope, 'machine-overridable');
});

test('engines.vscode is not older than the API typings compiled against', () => {
  const types = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', '@types', 'vscode', 'package.json'), 'utf8'));
  const min = /(\d+)\.(\d+)/.exec(pkg.engines.vscode);
  const [, major, minor] = /(\d+)\.(\d+)/.exec(types.version) ?? [];
  assert.ok(min && Number(min[1]) === Number(major) && Number(min[2]) >= Number(minor), `${pkg.engines.vscode} vs @types/vscode ${types.version}`);
});
