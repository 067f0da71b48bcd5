import { useT } from '../../i18n/useT';
import type { MessageKey } from '../../i18n/dictionary';
import { useSignedInSession } from './authContext';
import type { RoleState } from './authState';

const ROLE_KEYS: Record<Exclude<RoleState, 'loading'>, MessageKey> = {
  admin: 'roleAdmin',
  planner: 'rolePlanner',
  surveyor: 'roleSurveyor',
  partner: 'rolePartner',
  none: 'roleNone',
  unknown: 'roleUnknown',
};

/** Header part for the Supabase adapter: the signed-in e-mail, the role, and "Wyloguj". Renders nothing without sign-in. */
export function AccountBadge() {
  const t = useT();
  const session = useSignedInSession();
  if (!session) return null;
  const { user, role, status } = session.state;
  return (
    <div className="account-badge">
      <span className="account-who">
        <span className="account-email">{user.email ?? user.id}</span>
        {role === 'loading' ? null : <span className="account-role">{t(ROLE_KEYS[role])}</span>}
      </span>
      <button type="button" className="header-button account-sign-out" onClick={session.signOut} disabled={status === 'signingOut'}>
        {t('signOut')}
      </button>
    </div>
  );
}
