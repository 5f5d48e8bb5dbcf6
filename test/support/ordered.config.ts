// Runs the test files listed in the file named by $TEST_ORDER (one path a line, relative to the
// repository), in that order, in one worker. Test files share a worker (isolate: false), so a
// failure that only shows in a full run can depend on which files ran before it in the same
// process: this reproduces a given order, and bisecting the list finds the file that leaks.
//   printf '%s\n' test/http/secrets.test.ts test/sources/ga4/ga4.test.ts > /tmp/order
//   TEST_ORDER=/tmp/order npm exec -- vitest run -c test/support/ordered.config.ts
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import base from '../../vitest.config.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const listFile = process.env.TEST_ORDER;
if (!listFile) throw new Error('TEST_ORDER must name a file listing test files, one a line, in the order to run them');
const order = readFileSync(listFile, 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter(Boolean);
const rank = new Map(order.map((path, i) => [resolve(root, path), i]));

class ListedOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => (rank.get(a.moduleId) ?? 0) - (rank.get(b.moduleId) ?? 0));
  }
}

// Spread, not mergeConfig: merging would append these files to the base include (every test).
export default defineConfig({
  ...base,
  root,
  test: { ...base.test, include: order, maxWorkers: 1, sequence: { sequencer: ListedOrder } },
});
