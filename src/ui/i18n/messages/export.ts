import { bilingual } from './bilingual';

/** Exports from the map and of the workspace. */
export const exportMessages = bilingual(
  {
    exportWorkspace: 'Eksportuj obszar roboczy',
  },
  {
    exportWorkspace: 'Export workspace',
  },
);
