import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { activeTarget, declaredDefaults, discoveredTarget, duplicateRunners, readTargetFromToml, serverOptions, type SettingsReader } from '../../src/options';

function settings(values: Record<string, unknown>): SettingsReader {
  return { get: <T>(key: string) => values[key] as T | undefined };
}

const ctx = { home: '/home/u', workspaceFolder: '/w', platform: 'linux' as const };

/** What VS Code returns for an untouched scratchvet section: package.json's defaults. */
const defaults = declaredDefaults(JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')));

describe('serverOptions', () => {
  test('settings at their defaults are not sent: scratchvet.toml and the server defaults apply', () => {
    assert.equal(defaults.run, 'onType');
    assert.deepEqual(serverOptions(settings(defaults), ctx, defaults), {});
    // Without the declared defaults only the empty values are left out.
    assert.deepEqual(serverOptions(settings(defaults), ctx), { run: 'onType', delay: 0, unusedSuppressions: false, allowNetwork: false });
    // A value other than the default is sent.
    assert.deepEqual(serverOptions(settings({ ...defaults, delay: 5, run: 'onSave' }), ctx, defaults), { delay: 5, run: 'onSave' });
  });

  test('every setting maps to the server option of the same name; path and trace stay in the client', () => {
    const all = {
      ...defaults,
      path: '/opt/scratchvet',
      target: ' alpine,zoneinfo=true ',
      targetOverrides: { 'ca-bundle': false },
      checks: { skipverify: false },
      buildTags: ['netgo', ' osusergo ', ''],
      run: 'onSave',
      env: { CGO_ENABLED: '0' },
      goflags: '-mod=vendor',
      ldflags: '-linkmode external -extldflags "-static"',
      buildmode: 'pie',
      config: '/etc/scratchvet.toml',
      delay: 250,
      unusedSuppressions: true,
      allowNetwork: true,
      'trace.server': 'verbose',
    };
    assert.deepEqual(serverOptions(settings(all), ctx, defaults), {
      target: 'alpine,zoneinfo=true',
      targetOverrides: { 'ca-bundle': false },
      checks: { skipverify: false },
      buildTags: ['netgo', 'osusergo'],
      run: 'onSave',
      env: { CGO_ENABLED: '0' },
      goflags: '-mod=vendor',
      ldflags: '-linkmode external -extldflags "-static"',
      buildmode: 'pie',
      config: '/etc/scratchvet.toml',
      delay: 250,
      unusedSuppressions: true,
      allowNetwork: true,
    });
  });

  test('config: relative to the workspace folder, ~ and ${workspaceFolder} expanded', () => {
    assert.equal(serverOptions(settings({ config: 'ci/scratchvet.toml' }), ctx).config, '/w/ci/scratchvet.toml');
    assert.equal(serverOptions(settings({ config: '~/sv.toml' }), ctx).config, '/home/u/sv.toml');
    assert.equal(serverOptions(settings({ config: '${workspaceFolder}/x.toml' }), ctx).config, '/w/x.toml');
    // No folder open: left for the server to resolve.
    assert.equal(serverOptions(settings({ config: 'x.toml' }), { ...ctx, workspaceFolder: undefined }).config, 'x.toml');
  });

  test('values of the wrong type reach the server, which names them in its message', () => {
    assert.deepEqual(serverOptions(settings({ target: 5, run: 'sometimes', checks: ['dns'] }), ctx), {
      target: 5,
      run: 'sometimes',
      checks: ['dns'],
    });
  });

  test('buildTags of only blanks are left out', () => {
    assert.deepEqual(serverOptions(settings({ buildTags: [' ', ''] }), ctx), {});
  });
});

describe('activeTarget', () => {
  test('settings first, with overrides sorted like the server does', () => {
    assert.deepEqual(activeTarget({ target: 'alpine', targetOverrides: { zoneinfo: true, 'ca-bundle': false } }, { SCRATCHVET_TARGET: 'bare' }, 'target = "glibc"'), {
      spec: 'alpine,ca-bundle=false,zoneinfo=true',
      source: 'settings',
    });
    // Overrides alone apply to the default preset.
    assert.deepEqual(activeTarget({ targetOverrides: { zoneinfo: true } }, {}, undefined), { spec: 'scratch,zoneinfo=true', source: 'settings' });
  });

  test('then $SCRATCHVET_TARGET, then scratchvet.toml, then scratch', () => {
    assert.deepEqual(activeTarget({}, { SCRATCHVET_TARGET: 'bare' }, 'target = "glibc"'), { spec: 'bare', source: 'SCRATCHVET_TARGET' });
    assert.deepEqual(activeTarget({}, {}, 'target = "glibc"'), { spec: 'glibc', source: 'scratchvet.toml' });
    assert.deepEqual(activeTarget({}, {}, '[checks]\ndns = false\n'), { spec: 'scratch', source: 'default' });
    assert.deepEqual(activeTarget({}, {}, undefined), { spec: 'scratch', source: 'default' });
  });
});

test('readTargetFromToml: top-level target and [target-overrides], ignoring other tables and comments', () => {
  const toml = [
    '# deployment',
    "target = 'distroless-static'  # the base image",
    '',
    '[build]',
    'target = "not this one"',
    'tags = ["netgo"]',
    '',
    '[target-overrides]',
    'zoneinfo = true',
    '"ca-bundle" = false',
    'kernel = "3.10"',
    '[checks]',
    'dns = false',
  ].join('\n');
  assert.deepEqual(readTargetFromToml(toml), { target: 'distroless-static', overrides: ['zoneinfo=true', 'ca-bundle=false', 'kernel=3.10'] });
  assert.deepEqual(activeTarget({}, {}, '[target-overrides]\nzoneinfo = true\n'), { spec: 'scratch,zoneinfo=true', source: 'scratchvet.toml' });
});

test('duplicateRunners: the Go extension running scratchvet as vet or lint tool', () => {
  assert.deepEqual(duplicateRunners(settings({ vetFlags: ['-vettool=/home/u/go/bin/scratchvet'], lintTool: 'staticcheck' })), ['go.vetFlags']);
  assert.deepEqual(duplicateRunners(settings({ lintTool: 'scratchvet', lintFlags: [] })), ['go.lintTool']);
  assert.deepEqual(duplicateRunners(settings({ vetFlags: ['-all'] })), []);
  assert.deepEqual(duplicateRunners(settings({})), []);
});

describe('discoveredTarget', () => {
  test('the presets of the images the repository declares, each deployment in the details', () => {
    const res = {
      mains: [{ importPath: 'example.com/app/cmd/api', dir: './cmd/api' }],
      deployments: [
        { main: 'example.com/app/cmd/api', binary: '/api', image: { ref: { value: 'alpine:3.20', pos: { file: 'Dockerfile', line: 6 } }, preset: 'alpine', known: true } },
        { main: 'example.com/app/cmd/api', binary: '/api', image: { ref: { value: 'registry.example.com/base:1', pos: { file: 'Dockerfile.base', line: 1 } }, known: false } },
        { main: 'example.com/app/cmd/tool', binary: 'tool' },
      ],
    };
    assert.deepEqual(discoveredTarget(res), {
      spec: 'alpine, scratch (unknown image)',
      source: 'deployments',
      details: ['./cmd/api: alpine:3.20 → alpine (Dockerfile:6)', './cmd/api: registry.example.com/base:1 → scratch (unknown image) (Dockerfile.base:1)'],
    });
    assert.equal(discoveredTarget({ deployments: [{ main: 'm', binary: 'b' }] }), undefined);
    assert.equal(discoveredTarget({}), undefined);
  });
});
