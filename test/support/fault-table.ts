import { appendFileSync } from 'node:fs';

/**
 * One row of the table `npm run test:faults` prints: the fault injected, what was checked
 * afterwards, and what the test measured. Rows are written only when the fault-table reporter
 * asked for them (it sets LEV_FAULT_TABLE to a file of its own); the pass/fail column comes
 * from Jest's results, not from here, so a row can never claim a survival that failed.
 * Call it inside the test (not a hook), so the row lands beside that test's result.
 */
export function noteFault(row: { fault: string; measured: string }): void {
  const file = process.env.LEV_FAULT_TABLE;
  if (!file) return;
  const { testPath, currentTestName } = expect.getState();
  appendFileSync(file, `${JSON.stringify({ ...row, testPath, testName: currentTestName })}\n`);
}
