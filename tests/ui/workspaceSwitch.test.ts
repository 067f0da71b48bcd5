import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WorkspaceRegistry } from '../../src/data/embedded';
import { openWorkspace } from '../../src/ui/shell/header/workspaceSwitch';

describe('switching workspaces', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('remembers the choice, replaces the address with the chosen screen (the old link means nothing in the other town) and reloads', () => {
    const events: string[] = [];
    vi.stubGlobal('window', {
      location: { pathname: '/cal/', search: '?x=1', reload: () => events.push('reload') },
      history: { replaceState: (_state: unknown, _title: string, url: string) => events.push(`replace ${url}`) },
    });
    const registry = { setCurrentId: (id: string) => events.push(`current ${id}`) } as unknown as WorkspaceRegistry;
    openWorkspace(registry, 'mops-nowy-sacz');
    openWorkspace(registry, 'demo', 'import');
    expect(events).toEqual(['current mops-nowy-sacz', 'replace /cal/?x=1#map', 'reload', 'current demo', 'replace /cal/?x=1#import', 'reload']);
  });
});
