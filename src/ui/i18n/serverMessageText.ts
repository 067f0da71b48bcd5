import type { ServerMessage } from '../../domain';
import { translate, type Language, type MessageKey } from './dictionary';

/**
 * A server's or connection's failure (src/data/supabase, coded as ServerMessage) in the user's language:
 * "zapisywanie: Twoja rola w tym ośrodku na to nie pozwala (42501)." The server's own words (detail, hint) are quoted,
 * never translated; the PostgreSQL code or HTTP status is kept in brackets for the admin.
 */
export function serverMessageText(message: ServerMessage, language: Language): string {
  const t = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => translate(language, key, params);
  const action = 'action' in message ? t(`serverAction_${message.action}`) : '';
  const tag = 'tag' in message && message.tag ? ` (${message.tag})` : '';
  const capital = (text: string) => text.charAt(0).toLocaleUpperCase(language) + text.slice(1);
  switch (message.code) {
    case 'unreachable':
      return capital(t('server_unreachable', { action, detail: message.detail }));
    case 'session_expired':
    case 'not_allowed':
    case 'missing_function':
      return capital(t(`server_${message.code}`, { action, tag }));
    case 'refused':
      return capital(t('server_refused', { action, detail: message.detail, tag, hint: message.hint ? t('server_refused_hint', { hint: message.hint }) : '' }));
    case 'refused_without_reason':
      return capital(t('server_refused_without_reason', { action }));
    case 'reply_not_understood':
      return capital(t('server_reply_not_understood', { action, where: message.where, detail: message.detail }));
    case 'workspace_version':
      return t('server_workspace_version', { version: message.version });
    case 'not_member_of':
      return t('server_not_member_of', { organisation: message.organisation });
    case 'duplicate_id':
      return t('server_duplicate_id', { id: message.id });
    case 'more_invalid_records':
      return t('server_more_invalid_records', { count: message.count });
    case 'too_many_records':
      return t('server_too_many_records', { max: message.max });
    case 'share_k_range':
      return t('server_share_k_range', { min: message.min, max: message.max });
    case 'share_expiry_range':
      return t('server_share_expiry_range', { days: message.days });
    default:
      return t(`server_${message.code}`);
  }
}
