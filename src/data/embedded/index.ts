/** The embedded (browser) DataSource: the demo town from data/demo/ plus the user's changes in IndexedDB. */
export { createEmbeddedDataSource, DEFAULT_DB_NAME, type EmbeddedDataSource, type EmbeddedDataSourceOptions } from './embeddedDataSource';
export {
  createWorkspaceRegistry,
  DEMO_WORKSPACE_ID,
  EmbeddedWorkspace,
  NewWorkspaceInput,
  workspaceDatabaseName,
  type WorkspaceRegistry,
} from './workspaceRegistry';
export {
  loadDemoWorkspace,
  parseCollectionFile,
  parseOrganisationFile,
  DEMO_FILE_NAMES,
  FALLBACK_ORGANISATION,
  type LoadedDemo,
  type ReadDemoFile,
} from './demoLoader';
export { isAbortError } from '../abort';
export { STORAGE_SOURCE } from './overlayEntry';
