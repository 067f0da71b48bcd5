import { lazy, Suspense, type ReactNode } from 'react';
import type { DataSource } from '../../../data/dataSource';
import type { SessionApi } from '../../../data/supabase';

const SupabaseAuthGate = lazy(() => import('./SupabaseAuthGate').then((m) => ({ default: m.SupabaseAuthGate })));

/** True for the Supabase adapter, whose session API the sign-in form drives. */
export function hasSignIn(dataSource: DataSource): dataSource is DataSource & SessionApi {
  const candidate = dataSource as Partial<SessionApi>;
  return dataSource.kind === 'supabase' && typeof candidate.signIn === 'function' && typeof candidate.onUserChange === 'function';
}

/**
 * Shows `children` (the app) only to a signed-in user of the Supabase adapter; before that, the sign-in form. The app
 * mounts after sign-in, so its loader reads the workspace then, and unmounts at sign-out. With the embedded adapter
 * it renders `children` as they are: no sign-in.
 */
export function AuthGate({ dataSource, children }: { dataSource: DataSource; children: ReactNode }) {
  if (!hasSignIn(dataSource)) return <>{children}</>;
  return (
    <Suspense fallback={null}>
      <SupabaseAuthGate session={dataSource}>{children}</SupabaseAuthGate>
    </Suspense>
  );
}
