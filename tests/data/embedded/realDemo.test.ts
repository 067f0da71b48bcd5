import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../src/domain';
import { DEMO_FILE_NAMES, loadDemoWorkspace, type ReadDemoFile } from '../../../src/data/embedded';

const DEMO_DIR = join(import.meta.dirname, '../../../data/demo');
/** Generated at all: some demo file exists. Once it is, a missing sibling is a failure, not a reason to skip. */
const demoGenerated = DEMO_FILE_NAMES.some((name) => existsSync(join(DEMO_DIR, name)));

const readFromDisk: ReadDemoFile = (fileName, signal) => readFile(join(DEMO_DIR, fileName), { encoding: 'utf8', signal });

// data/demo/ is written by `npm run generate:demo`; until it is generated there is nothing to check.
describe.skipIf(!demoGenerated)('the committed demo town in data/demo/ (skipped while data/demo/ holds no demo files yet)', () => {
  it('has every collection file', () => {
    expect(DEMO_FILE_NAMES.filter((name) => !existsSync(join(DEMO_DIR, name)))).toEqual([]);
  });

  it('loads with zero issues', async () => {
    const { workspace, issues } = await loadDemoWorkspace(readFromDisk);
    expect(issues.map(formatIssue)).toEqual([]);
    expect(workspace.addresses.length).toBeGreaterThan(0);
    expect(workspace.responses.length).toBeGreaterThan(0);
  });
});
