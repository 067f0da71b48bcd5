import type { MessageKey } from '../../i18n/dictionary';
import { useT } from '../../i18n/useT';
import { setUrlNotice, useUrlSnapshot } from './urlStore';

/** Link parameters a planner can read by name (the dictionary's urlParam_*); any other is shown in quotes. */
const PARAM_KEYS: Readonly<Record<string, MessageKey>> = {
  map: 'urlParam_map',
  v: 'urlParam_v',
  wave: 'urlParam_wave',
  need: 'urlParam_need',
  w: 'urlParam_w',
  show: 'urlParam_show',
  offer: 'urlParam_offer',
  ow: 'urlParam_ow',
  within: 'urlParam_within',
  unit: 'urlParam_unit',
  layers: 'urlParam_layers',
  hide: 'urlParam_hide',
  sel: 'urlParam_sel',
  lang: 'urlParam_lang',
};

/**
 * A visible notice when the link in the address bar was not fully understood (issue 6: "a malformed link opens the
 * default view with a notice, never a blank page"). Parameter text from the link is shown as text, never as HTML.
 */
export function UrlNotice() {
  const t = useT();
  const { notice } = useUrlSnapshot();
  if (!notice) return null;
  const params = notice.kind === 'default' ? '' : notice.params.map((p) => (Object.hasOwn(PARAM_KEYS, p) ? t(PARAM_KEYS[p]!) : `„${p}”`)).join(', ');
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
