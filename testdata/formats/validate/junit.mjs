// Reads a JUnit XML report with junit2json (a consumer's parser, used to
// load test results into BigQuery) and checks what CI systems rely on:
// a <testsuites> of <testsuite>s whose tests, failures and errors counts
// match their test cases, each test case named and classed, each failure
// and error with a message. Prints the parsed report as JSON.
//
//   node junit.mjs report.xml
import { readFileSync } from 'node:fs';
import { parse } from 'junit2json';

const report = await parse(readFileSync(process.argv[2], 'utf8'));
const problems = [];
if (!report || !Array.isArray(report.testsuite)) {
  problems.push('no <testsuites> with <testsuite> elements');
}
let tests = 0, failures = 0, errors = 0;
for (const suite of report?.testsuite ?? []) {
  const cases = suite.testcase ?? [];
  const f = cases.filter((c) => c.failure).length;
  const e = cases.filter((c) => c.error).length;
  if (!suite.name) problems.push('a testsuite has no name');
  if (suite.tests !== cases.length) problems.push(`${suite.name}: tests=${suite.tests}, ${cases.length} test cases`);
  if ((suite.failures ?? 0) !== f) problems.push(`${suite.name}: failures=${suite.failures}, ${f} failed`);
  if ((suite.errors ?? 0) !== e) problems.push(`${suite.name}: errors=${suite.errors}, ${e} in error`);
  for (const c of cases) {
    if (!c.name || !c.classname) problems.push(`${suite.name}: a test case without name or classname`);
    for (const p of [...(c.failure ?? []), ...(c.error ?? [])]) {
      if (!p.message) problems.push(`${suite.name}: ${c.name}: a failure or error without a message`);
    }
  }
  tests += cases.length;
  failures += f;
  errors += e;
}
if (report && (report.tests !== tests || report.failures !== failures || (report.errors ?? 0) !== errors)) {
  problems.push(`testsuites: tests=${report.tests} failures=${report.failures} errors=${report.errors}, counted ${tests}/${failures}/${errors}`);
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(JSON.stringify(report, null, 2));
