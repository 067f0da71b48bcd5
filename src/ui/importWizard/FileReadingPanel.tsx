import { useId, type Dispatch } from 'react';
import type { ImportPlan } from '../../data/import';
import { CRS_CODES, TEXT_ENCODINGS, type AxisOrder, type CrsCode, type TextEncodingName } from '../../domain/importing';
import type { Language, MessageKey } from '../i18n/dictionary';
import { useT } from '../i18n/useT';
import { crsCandidateText, crsName, encodingReasonText } from './issueText';
import type { CsvDelimiterChoice, WizardAction, WizardSettings } from './wizardState';

const DELIMITERS: ReadonlyArray<[CsvDelimiterChoice, MessageKey]> = [
  [';', 'importDelimiterSemicolon'],
  [',', 'importDelimiterComma'],
  ['\t', 'importDelimiterTab'],
  ['|', 'importDelimiterPipe'],
];
const ENCODING_NAMES: Readonly<Record<TextEncodingName, string>> = { 'utf-8': 'UTF-8', 'windows-1250': 'Windows-1250 (polski Excel)', 'iso-8859-2': 'ISO-8859-2' };
const AUTO = 'auto';

interface FileReadingPanelProps {
  plan: ImportPlan;
  settings: WizardSettings;
  language: Language;
  dispatch: Dispatch<WizardAction>;
}

/**
 * How the file was read — encoding, delimiter, coordinate system — each with the reason, and a select to change it.
 * "Automatycznie" keeps the detection; the coordinate system can be confirmed with one click.
 */
export function FileReadingPanel({ plan, settings, language, dispatch }: FileReadingPanelProps) {
  const t = useT();
  const id = useId();
  const { file } = plan;
  const delimiterLabel = DELIMITERS.find(([d]) => d === file.delimiter)?.[1];
  const crs = plan.crs;
  const crsValue = settings.crs ? `${settings.crs.code}|${settings.crs.axisOrder}` : AUTO;

  return (
    <section className="import-section" aria-labelledby={`${id}-h`} data-testid="import-detection">
      <h3 id={`${id}-h`}>{t('importStepReading')}</h3>
      <dl className="import-facts">
        <dt>{t('importFormat')}</dt>
        <dd>{t(file.format === 'csv' ? 'importFormatCsv' : 'importFormatGeojson', { rows: file.rowCount })}</dd>
        {file.encoding ? (
          <>
            <dt>
              <label htmlFor={`${id}-enc`}>{t('importEncoding')}</label>
            </dt>
            <dd>
              <span data-testid="import-encoding">{ENCODING_NAMES[file.encoding as TextEncodingName] ?? file.encoding}</span>
              {file.encodingReason ? <span className="import-note"> — {encodingReasonText(file.encodingReason, language)}</span> : null}
              <br />
              <select id={`${id}-enc`} value={settings.encoding ?? AUTO} onChange={(event) => dispatch({ type: 'encodingChosen', encoding: event.target.value === AUTO ? undefined : (event.target.value as TextEncodingName) })}>
                <option value={AUTO}>{t('importAuto')}</option>
                {TEXT_ENCODINGS.map((e) => (
                  <option key={e} value={e}>
                    {ENCODING_NAMES[e]}
                  </option>
                ))}
              </select>
            </dd>
          </>
        ) : null}
        {file.format === 'csv' && file.delimiter ? (
          <>
            <dt>
              <label htmlFor={`${id}-del`}>{t('importDelimiter')}</label>
            </dt>
            <dd>
              <span data-testid="import-delimiter">{delimiterLabel ? t(delimiterLabel) : file.delimiter}</span>
              <span className="import-note"> — {settings.delimiter ? t('importChosenByYou') : t('importDelimiterDetected')}</span>
              <br />
              <select id={`${id}-del`} value={settings.delimiter ?? AUTO} onChange={(event) => dispatch({ type: 'delimiterChosen', delimiter: event.target.value === AUTO ? undefined : (event.target.value as CsvDelimiterChoice) })}>
                <option value={AUTO}>{t('importAuto')}</option>
                {DELIMITERS.map(([d, label]) => (
                  <option key={d} value={d}>
                    {t(label)}
                  </option>
                ))}
              </select>
            </dd>
          </>
        ) : null}
        {crs ? (
          <>
            <dt>
              <label htmlFor={`${id}-crs`}>{t('importCrs')}</label>
            </dt>
            <dd>
              <span data-testid="import-crs">
                {crsName(crs.used.code, language)}
                {crs.used.axisOrder === 'yx' ? `, ${t('importAxisSwapped')}` : ''}
              </span>
              <span className="import-note"> — {crs.fromSettings ? t('importChosenByYou') : t('importCrsDetected')}</span>
              {crs.candidates.length ? (
                <ul className="import-candidates">
                  {crs.candidates.slice(0, 3).map((c) => (
                    <li key={`${c.code}|${c.axisOrder}`}>{crsCandidateText(c, language)}</li>
                  ))}
                </ul>
              ) : null}
              <select
                id={`${id}-crs`}
                value={crsValue}
                onChange={(event) => {
                  const [code, axisOrder] = event.target.value.split('|') as [CrsCode, AxisOrder];
                  dispatch({ type: 'crsChosen', crs: event.target.value === AUTO ? undefined : { code, axisOrder } });
                }}
              >
                <option value={AUTO}>{t('importAuto')}</option>
                {CRS_CODES.flatMap((code) =>
                  (['xy', 'yx'] as const).map((axis) => (
                    <option key={`${code}|${axis}`} value={`${code}|${axis}`}>
                      {crsName(code, language)}
                      {axis === 'yx' ? `, ${t('importAxisSwapped')}` : ''}
                    </option>
                  )),
                )}
              </select>{' '}
              {!crs.fromSettings ? (
                <button type="button" className="button-secondary" onClick={() => dispatch({ type: 'crsChosen', crs: crs.used })}>
                  {t('importCrsConfirm')}
                </button>
              ) : null}
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
