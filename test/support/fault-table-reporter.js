// Jest loads reporters untransformed, as CommonJS: require() is the way in here.
/* eslint-disable @typescript-eslint/no-require-imports */
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/**
 * For `npm run test:faults`: prints one table of the fault tests, a row per test, with what
 * was injected, what the test measured (rows noted through test/support/fault-table.ts) and
 * whether the system survived (the test passed). Workers inherit LEV_FAULT_TABLE from this
 * process, which is how they find the file to note rows in.
 */
/** A test that notes no row: the fault its file's doc comment names ("Fault: ... ."). */
function faultOfFile(testPath) {
  try {
    const m = /Fault: ([^.]+)\./.exec(readFileSync(testPath, 'utf8'));
    return m ? m[1].replace(/\s*\n\s*\*\s*/g, ' ') : '-';
  } catch {
    return '-';
  }
}

class FaultTableReporter {
  constructor() {
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'lev-fault-table-'));
    this.file = path.join(this.dir, 'rows.jsonl');
    process.env.LEV_FAULT_TABLE = this.file;
    this.results = [];
  }

  onTestResult(_test, result) {
    for (const t of result.testResults) {
      this.results.push({
        testPath: result.testFilePath,
        test: [...t.ancestorTitles, t.title].join(' › '),
        testName: [...t.ancestorTitles, t.title].join(' '),
        status: t.status,
        seconds: ((t.duration ?? 0) / 1000).toFixed(1),
      });
    }
  }

  onRunComplete() {
    let notes = [];
    try {
      notes = readFileSync(this.file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
    } catch {
      /* no rows noted */
    }
    rmSync(this.dir, { recursive: true, force: true });
    const rows = this.results.map((r) => {
      const mine = notes.filter((n) => n.testPath === r.testPath && n.testName === r.testName);
      return [
        path.basename(r.testPath).replace('.int.test.ts', ''),
        mine.map((n) => n.fault).join('; ') || faultOfFile(r.testPath),
        r.test,
        mine.map((n) => n.measured).join('; ') || '-',
        r.status === 'passed' ? 'survived' : r.status.toUpperCase(),
        `${r.seconds}s`,
      ];
    });
    const head = ['file', 'fault injected', 'checked', 'measured', 'result', 'time'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
    const out = [
      '',
      'Fault tests',
      line(head),
      `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
      ...rows.map(line),
      '',
    ].join('\n');
    process.stdout.write(`${out}\n`);
  }
}

module.exports = FaultTableReporter;
