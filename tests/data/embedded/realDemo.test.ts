import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../src/domain';
import { DEMO_FILE_NAMES, loadDemoWorkspace, type ReadDemoFile } from '../../../src/data/embedded';

const DEMO_DIR = join(import.meta.dirname, '../../../data/demo');

const readFromDisk: ReadDemoFile = (fileName, signal) => readFile(join(DEMO_DIR, fileName), { encoding: 'utf8', signal });

// data/demo/ is written by `npm run generate:demo` and committed: a missing file is a failure, never a reason to skip.
describe('the committed demo town in data/demo/', () => {
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
