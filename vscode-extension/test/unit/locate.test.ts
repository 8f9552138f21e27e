import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import {
  findServer,
  goBinDir,
  locateGo,
  readGoEnv,
  realHost,
  serverEnvironment,
  type Host,
} from '../../src/locate';

/** A machine with the given executables (and directory listings). */
function fakeHost(opts: { exes: string[]; env?: Record<string, string>; platform?: NodeJS.Platform; home?: string; dirs?: Record<string, string[]> }): Host {
  const exes = new Set(opts.exes);
  return {
    platform: opts.platform ?? 'linux',
    env: opts.env ?? {},
    home: opts.home ?? '/home/u',
    isExecutable: (p) => exes.has(p),
    readDir: (p) => opts.dirs?.[p] ?? [],
  };
}

describe('locateGo', () => {
  test('go.alternateTools (absolute) wins over everything', () => {
    const host = fakeHost({ exes: ['/opt/go1.22/bin/go', '/usr/bin/go'], env: { PATH: '/usr/bin' } });
    assert.deepEqual(locateGo({ alternateGo: '/opt/go1.22/bin/go' }, host), { path: '/opt/go1.22/bin/go', why: 'go.alternateTools' });
  });

  test('go.alternateTools given as a name is looked up in PATH', () => {
    const host = fakeHost({ exes: ['/home/u/go/bin/go1.22.3', '/usr/bin/go'], env: { PATH: '/usr/bin:/home/u/go/bin' } });
    assert.equal(locateGo({ alternateGo: 'go1.22.3' }, host)?.path, '/home/u/go/bin/go1.22.3');
  });

  test('a go.alternateTools that does not exist falls through to the search', () => {
    const host = fakeHost({ exes: ['/usr/bin/go'], env: { PATH: '/usr/bin' } });
    assert.deepEqual(locateGo({ alternateGo: '/nope/go' }, host), { path: '/usr/bin/go', why: 'PATH' });
  });

  test('go.goroot, then GOROOT, before PATH', () => {
    const exes = ['/sdk/a/bin/go', '/sdk/b/bin/go', '/usr/bin/go'];
    const env = { PATH: '/usr/bin', GOROOT: '/sdk/b' };
    assert.deepEqual(locateGo({ goroot: '/sdk/a' }, fakeHost({ exes, env })), { path: '/sdk/a/bin/go', why: 'go.goroot' });
    assert.deepEqual(locateGo({}, fakeHost({ exes, env })), { path: '/sdk/b/bin/go', why: 'GOROOT' });
    assert.deepEqual(locateGo({ goroot: '/sdk/missing' }, fakeHost({ exes, env: { PATH: '/usr/bin' } })), { path: '/usr/bin/go', why: 'PATH' });
  });

  test('go.goroot expands ~ and ${workspaceFolder}', () => {
    const host = fakeHost({ exes: ['/home/u/goroots/1.26/bin/go', '/w/tools/go/bin/go'] });
    assert.equal(locateGo({ goroot: '~/goroots/1.26' }, host)?.path, '/home/u/goroots/1.26/bin/go');
    assert.equal(locateGo({ goroot: '${workspaceFolder}/tools/go', workspaceFolder: '/w' }, host)?.path, '/w/tools/go/bin/go');
  });

  test('PATH entries in order, then the usual install locations', () => {
    const host = fakeHost({ exes: ['/b/go', '/c/go', '/usr/local/go/bin/go'], env: { PATH: '/a:/b:/c' } });
    assert.equal(locateGo({}, host)?.path, '/b/go');
    // An editor started from a desktop launcher: PATH without go.
    const bare = fakeHost({ exes: ['/usr/local/go/bin/go', '/home/u/go/bin/go'], env: { PATH: '/usr/bin:/bin' } });
    assert.deepEqual(locateGo({}, bare), { path: '/usr/local/go/bin/go', why: 'default location' });
  });

  test('~/sdk: the newest go1.x.y', () => {
    const host = fakeHost({
      exes: ['/home/u/sdk/go1.9.2/bin/go', '/home/u/sdk/go1.22.10/bin/go', '/home/u/sdk/go1.22.2/bin/go'],
      dirs: { '/home/u/sdk': ['go1.9.2', 'go1.22.2', 'gotip-notes', 'go1.22.10'] },
      env: { PATH: '/usr/bin' },
    });
    assert.equal(locateGo({}, host)?.path, '/home/u/sdk/go1.22.10/bin/go');
  });

  test('the snap launcher is replaced by the real binary', () => {
    const host = fakeHost({ exes: ['/snap/bin/go', '/snap/go/current/bin/go'], env: { PATH: '/snap/bin' } });
    assert.equal(locateGo({}, host)?.path, '/snap/go/current/bin/go');
  });

  test('Windows: go.exe, the Path key, Program Files', () => {
    const host = fakeHost({
      platform: 'win32',
      home: 'C:\\Users\\u',
      exes: ['C:\\tools\\go.exe', 'C:\\Program Files\\Go\\bin\\go.exe'],
      env: { Path: 'C:\\Windows;C:\\tools' },
    });
    assert.equal(locateGo({}, host)?.path, 'C:\\tools\\go.exe');
    const noPath = fakeHost({ platform: 'win32', home: 'C:\\Users\\u', exes: ['C:\\Program Files\\Go\\bin\\go.exe'], env: { Path: 'C:\\Windows' } });
    assert.equal(locateGo({}, noPath)?.path, 'C:\\Program Files\\Go\\bin\\go.exe');
  });

  test('nothing anywhere: undefined', () => {
    assert.equal(locateGo({}, fakeHost({ exes: [], env: { PATH: '/usr/bin' } })), undefined);
  });
});

describe('findServer', () => {
  const all = ['/set/scratchvet', '/p/scratchvet', '/gobin/scratchvet', '/gp1/bin/scratchvet', '/gp2/bin/scratchvet', '/home/u/go/bin/scratchvet'];

  test('scratchvet.path first', () => {
    const r = findServer('/set/scratchvet', {}, fakeHost({ exes: all, env: { PATH: '/p' } }));
    assert.deepEqual(r.found, { path: '/set/scratchvet', why: 'scratchvet.path' });
  });

  test('a scratchvet.path that does not exist is an error, not a silent fallback', () => {
    const r = findServer('/typo/scratchvet', {}, fakeHost({ exes: all, env: { PATH: '/p' } }));
    assert.equal(r.found, undefined);
    assert.equal(r.badSetting, '/typo/scratchvet');
  });

  test('scratchvet.path: ~, a path relative to the workspace folder, a bare name in PATH', () => {
    const host = fakeHost({ exes: ['/home/u/bin/sv', '/w/bin/scratchvet', '/p/scratchvet-dev'], env: { PATH: '/p' } });
    assert.equal(findServer('~/bin/sv', {}, host).found?.path, '/home/u/bin/sv');
    assert.equal(findServer('./bin/scratchvet', {}, host, '/w').found?.path, '/w/bin/scratchvet');
    assert.equal(findServer('${workspaceFolder}/bin/scratchvet', {}, host, '/w').found?.path, '/w/bin/scratchvet');
    assert.equal(findServer('scratchvet-dev', {}, host).found?.path, '/p/scratchvet-dev');
  });

  test('then PATH, GOBIN, each GOPATH entry, in that order', () => {
    const env = { PATH: '/x:/p', GOBIN: '/gobin', GOPATH: '/gp1:/gp2' };
    let exes = [...all];
    const order: string[] = [];
    for (;;) {
      const r = findServer('', {}, fakeHost({ exes, env }));
      if (!r.found) {
        break;
      }
      order.push(r.found.why);
      exes = exes.filter((e) => e !== r.found?.path);
    }
    assert.deepEqual(order, ['PATH', 'GOBIN', 'GOPATH', 'GOPATH']);
  });

  test('GOBIN and GOPATH from go env when the environment has none (go env -w)', () => {
    const host = fakeHost({ exes: ['/gobin/scratchvet', '/gp2/bin/scratchvet'], env: { PATH: '/usr/bin' } });
    assert.deepEqual(findServer(undefined, { GOBIN: '/gobin' }, host).found, { path: '/gobin/scratchvet', why: 'GOBIN' });
    assert.equal(findServer(undefined, { GOPATH: '/gp1:/gp2' }, host).found?.path, '/gp2/bin/scratchvet');
    // The environment wins over go env, as for the go command.
    const both = fakeHost({ exes: ['/gobin/scratchvet', '/envbin/scratchvet'], env: { GOBIN: '/envbin' } });
    assert.equal(findServer(undefined, { GOBIN: '/gobin' }, both).found?.path, '/envbin/scratchvet');
  });

  test('default GOPATH is ~/go; the message lists every place searched', () => {
    assert.equal(findServer(undefined, {}, fakeHost({ exes: ['/home/u/go/bin/scratchvet'] })).found?.why, 'default GOPATH');
    const r = findServer(undefined, {}, fakeHost({ exes: [], env: { GOBIN: '/gobin', PATH: '/p' } }));
    assert.equal(r.found, undefined);
    assert.equal(r.badSetting, undefined);
    assert.deepEqual(r.searched, ['PATH', '/gobin/scratchvet', '/home/u/go/bin/scratchvet']);
  });

  test('Windows: scratchvet.exe, ; separated GOPATH', () => {
    const host = fakeHost({ platform: 'win32', home: 'C:\\Users\\u', exes: ['D:\\gp2\\bin\\scratchvet.exe'], env: { GOPATH: 'D:\\gp1;D:\\gp2' } });
    assert.equal(findServer(undefined, {}, host).found?.path, 'D:\\gp2\\bin\\scratchvet.exe');
  });
});

describe('serverEnvironment', () => {
  test('puts the go directory first in PATH, once, and keeps the rest', () => {
    const env = serverEnvironment({ PATH: '/usr/bin:/usr/local/go/bin:/bin', HOME: '/home/u', UNSET: undefined }, '/usr/local/go/bin', 'linux');
    assert.equal(env.PATH, '/usr/local/go/bin:/usr/bin:/bin');
    assert.equal(env.HOME, '/home/u');
    assert.ok(!('UNSET' in env));
  });

  test('works without a PATH at all, and leaves PATH alone without go', () => {
    assert.equal(serverEnvironment({}, '/go/bin', 'linux').PATH, '/go/bin');
    assert.equal(serverEnvironment({ PATH: '/a:/b' }, undefined, 'linux').PATH, '/a:/b');
  });

  test('Windows: keeps the spelling of the Path key', () => {
    const env = serverEnvironment({ Path: 'C:\\Windows' }, 'C:\\Go\\bin', 'win32');
    assert.equal(env.Path, 'C:\\Go\\bin;C:\\Windows');
    assert.ok(!('PATH' in env));
  });
});

test('goBinDir: a go wrapper under another name contributes its GOROOT/bin', () => {
  assert.equal(goBinDir('/usr/local/go/bin/go', '/usr/local/go', 'linux'), '/usr/local/go/bin');
  assert.equal(goBinDir('/home/u/go/bin/go1.22.3', '/home/u/sdk/go1.22.3', 'linux'), '/home/u/sdk/go1.22.3/bin');
  assert.equal(goBinDir('/home/u/go/bin/go1.22.3', undefined, 'linux'), '/home/u/go/bin');
});

describe('on the real file system', { skip: process.platform === 'win32' }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scratchvet-ext-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('isExecutable: an executable file, not a plain file, not a directory', () => {
    const exe = path.join(dir, 'tool');
    const plain = path.join(dir, 'plain');
    fs.writeFileSync(exe, '#!/bin/sh\n', { mode: 0o755 });
    fs.writeFileSync(plain, 'x', { mode: 0o644 });
    const host = realHost();
    assert.equal(host.isExecutable(exe), true);
    assert.equal(host.isExecutable(plain), false);
    assert.equal(host.isExecutable(dir), false);
    assert.equal(host.isExecutable(path.join(dir, 'missing')), false);
  });

  test('readGoEnv runs go env -json with GOTOOLCHAIN=local and reads GOBIN/GOPATH/GOROOT', async () => {
    // A fake go that only answers when GOTOOLCHAIN=local and the right
    // arguments are given.
    const fake = path.join(dir, 'go');
    fs.writeFileSync(
      fake,
      [
        '#!/bin/sh',
        '[ "$GOTOOLCHAIN" = local ] || exit 3',
        '[ "$*" = "env -json GOBIN GOPATH GOROOT" ] || exit 4',
        'echo \'{"GOBIN": "", "GOPATH": "/gp", "GOROOT": "/groot"}\'',
      ].join('\n'),
      { mode: 0o755 },
    );
    assert.deepEqual(await readGoEnv(fake, { PATH: '/usr/bin:/bin' }), { GOPATH: '/gp', GOROOT: '/groot' });
    fs.writeFileSync(fake, '#!/bin/sh\necho not json\n', { mode: 0o755 });
    assert.deepEqual(await readGoEnv(fake, { PATH: '/usr/bin:/bin' }), {});
    assert.deepEqual(await readGoEnv(path.join(dir, 'missing'), {}), {});
  });
});
