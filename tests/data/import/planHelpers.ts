import { formatIssue } from '../../../src/domain';
export { commitImport, planImport, suggestColumnMapping } from '../../../src/data/import';
export const formatIssueRow = formatIssue;
