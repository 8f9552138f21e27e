// Bundles the extension (dist/extension.js) or, with --tests, the unit
// tests (dist/test/*.test.js, run by node --test). esbuild only strips
// types: `npm run typecheck` (tsc) checks them.
import * as esbuild from 'esbuild';
import { copyFileSync, readdirSync } from 'node:fs';

const tests = process.argv.includes('--tests');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // The extension host of VS Code 1.91 (engines.vscode) runs Node 20.
  target: 'node20',
  external: ['vscode'],
  logLevel: 'warning',
};

if (tests) {
  await esbuild.build({
    ...common,
    entryPoints: readdirSync('test/unit')
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => `test/unit/${f}`),
    outdir: 'dist/test',
    sourcemap: 'inline',
  });
} else {
  await esbuild.build({
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    minify: production,
    sourcemap: !production,
  });
  // The .vsix carries the repository's license (vsce and the registries
  // look for LICENSE in the extension's directory).
  copyFileSync('../LICENSE', 'LICENSE');
}
