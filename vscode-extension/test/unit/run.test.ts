import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkDocURL, parseChecks, runStreaming } from '../../src/run';

test('parseChecks reads `scratchvet checks`', () => {
  const out = 'dynlink\tbinary needs a loader or libc the target lacks\ntzdata\ttime zones without zoneinfo or embedded tzdata\n\nnot a check line\n';
  assert.deepEqual(parseChecks(out), [
    { name: 'dynlink', description: 'binary needs a loader or libc the target lacks' },
    { name: 'tzdata', description: 'time zones without zoneinfo or embedded tzdata' },
  ]);
});

test('checkDocURL points at docs/checks/NAME.md', () => {
  assert.equal(checkDocURL('tzdata'), 'https://github.com/scratchvet/scratchvet/blob/main/docs/checks/tzdata.md');
});

test('runStreaming passes whole lines of stdout and stderr as they come, and the exit status', async () => {
  // Lines split across writes, a last line without newline, both streams.
  const script = [
    "process.stdout.write('one\\ntw');",
    "setTimeout(() => { process.stdout.write('o\\nthree'); process.stderr.write('err line\\n'); process.exitCode = 3; }, 50);",
  ].join('');
  const lines: string[] = [];
  const r = await runStreaming(process.execPath, ['-e', script], { env: { PATH: process.env.PATH ?? '' } }, (l) => lines.push(l));
  assert.equal(r.code, 3);
  assert.equal(r.stdout, 'one\ntwo\nthree');
  assert.deepEqual(lines.filter((l) => l !== 'err line'), ['one', 'two', 'three']);
  assert.ok(lines.includes('err line'));
});

test('runStreaming reports a program that cannot start', async () => {
  const r = await runStreaming('/nonexistent/go', ['install'], { env: {} }, () => undefined);
  assert.equal(r.code === 0, false);
  assert.match(String(r.error?.message), /ENOENT/);
});
