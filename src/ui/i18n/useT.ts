import { useCallback } from 'react';
import { useAppState } from '../shell/appStore';
import { translate, type MessageKey } from './dictionary';

/** The translate function for the current language: `t('layers')`, `t('issuesTitle', { count: 3 })`. */
export function useT(): (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string {
  const language = useAppState((s) => s.language);
  return useCallback((key, params) => translate(language, key, params), [language]);
}
