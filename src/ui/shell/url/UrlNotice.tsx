import { useT } from '../../i18n/useT';
import { setUrlNotice, useUrlSnapshot } from './urlStore';

/** Names of link parameters as a planner reads them (the parameter itself stays in brackets). */
const PARAM_NAMES: Readonly<Record<string, { pl: string; en: string }>> = {
  map: { pl: 'położenie mapy', en: 'map position' },
  v: { pl: 'widok', en: 'view' },
  wave: { pl: 'fala badania', en: 'survey wave' },
  need: { pl: 'potrzeba', en: 'need' },
  w: { pl: 'wagi indeksu', en: 'index weights' },
  unit: { pl: 'jednostka', en: 'unit' },
  layers: { pl: 'warstwy', en: 'layers' },
  hide: { pl: 'ukryte warstwy', en: 'hidden layers' },
  sel: { pl: 'zaznaczenie', en: 'selection' },
  lang: { pl: 'język', en: 'language' },
};

/**
 * A visible notice when the link in the address bar was not fully understood (issue 6: "a malformed link opens the
 * default view with a notice, never a blank page"). Parameter text from the link is shown as text, never as HTML.
 */
export function UrlNotice({ language }: { language: 'pl' | 'en' }) {
  const t = useT();
  const { notice } = useUrlSnapshot();
  if (!notice) return null;
  const params = notice.kind === 'default' ? '' : notice.params.map((p) => PARAM_NAMES[p]?.[language] ?? `„${p}”`).join(', ');
  const text = notice.kind === 'default' ? t('urlNoticeDefault') : notice.kind === 'partial' ? t('urlNoticePartial', { params }) : t('urlNoticeUnknown', { params });
  return (
    <section className="notice notice-warning url-notice" role="alert" data-testid="url-notice" data-kind={notice.kind}>
      <div className="notice-head">
        <p className="notice-title">
          <span aria-hidden="true">⚠ </span>
          {text}
        </p>
        <button type="button" className="button-link" onClick={() => setUrlNotice(null)}>
          {t('dismiss')}
        </button>
      </div>
    </section>
  );
}
