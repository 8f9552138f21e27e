// Running programs for the commands (go install, scratchvet checks) and
// reading their output. No 'vscode' import (unit-tested under node).

import * as childProcess from 'node:child_process';

/** The package go install builds; the binary lands in GOBIN or GOPATH/bin. */
export const installPackage = 'github.com/scratchvet/scratchvet/cmd/scratchvet@latest';

/** Base URL of the check pages, as the server's codeDescription.href (internal/report.DocURL). */
export const docURL = 'https://github.com/scratchvet/scratchvet/blob/main/docs/checks/';

export function checkDocURL(check: string): string {
  return docURL + encodeURIComponent(check) + '.md';
}

export interface RunResult {
  code: number | null;
  /** Set when the program could not be started at all. */
  error?: Error;
  stdout: string;
}

/**
 * Runs a program, passing each line of its stdout and stderr to onLine as
 * it arrives (go install is slow: the user watches it in the output
 * channel), and resolves with the exit code and the whole stdout.
 */
export function runStreaming(
  program: string,
  args: string[],
  opts: { env: Record<string, string>; cwd?: string },
  onLine: (line: string) => void,
): Promise<RunResult> {
  return new Promise((resolve) => {
    let stdout = '';
    let proc: childProcess.ChildProcess;
    try {
      proc = childProcess.spawn(program, args, { env: opts.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      resolve({ code: null, error: e as Error, stdout });
      return;
    }
    const lineSplitter = () => {
      let pending = '';
      return {
        push(chunk: string) {
          pending += chunk;
          const lines = pending.split(/\r?\n/);
          pending = lines.pop() ?? '';
          lines.forEach(onLine);
        },
        flush() {
          if (pending !== '') {
            onLine(pending);
            pending = '';
          }
        },
      };
    };
    const out = lineSplitter();
    const err = lineSplitter();
    proc.stdout?.setEncoding('utf8').on('data', (c: string) => {
      stdout += c;
      out.push(c);
    });
    proc.stderr?.setEncoding('utf8').on('data', (c: string) => err.push(c));
    let error: Error | undefined;
    proc.on('error', (e) => {
      error = e;
    });
    proc.on('close', (code) => {
      out.flush();
      err.flush();
      resolve({ code, error, stdout });
    });
  });
}

export interface CheckInfo {
  name: string;
  description: string;
}

/** Parses `scratchvet checks` (one "NAME<TAB>DESCRIPTION" a line). */
export function parseChecks(output: string): CheckInfo[] {
  const checks: CheckInfo[] = [];
  for (const line of output.split(/\r?\n/)) {
    const m = line.match(/^([a-z0-9_-]+)\t+(.*)$/);
    if (m) {
      checks.push({ name: m[1], description: m[2].trim() });
    }
  }
  return checks;
}
