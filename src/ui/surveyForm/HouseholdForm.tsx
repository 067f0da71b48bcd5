import { useId } from 'react';
import {
  latestRetainUntil,
  NEED_CATEGORIES,
  NEED_CATEGORY_IDS,
  NUISANCE_IDS,
  NUISANCE_LABELS,
  OFFER_IDS,
  OFFER_LABELS,
  type Label,
  type NeedCategoryId,
  type Severity,
} from '../../domain';
import { formatDate } from '../common/format';
import type { Language, MessageKey } from '../i18n/dictionary';
import { useT } from '../i18n/useT';
import { parseHouseholdSize, toggleInOrder, type DraftErrors, type DraftField, type HouseholdDraft } from './householdDraft';

interface HouseholdFormProps {
  draft: HouseholdDraft;
  onChange: (draft: HouseholdDraft) => void;
  errors: DraftErrors;
  language: Language;
  /** Today (YYYY-MM-DD): the day of a contact consent, from which its retention date is counted. */
  today: string;
  /** Whether this user may store a leader's contact (common/audience.ts mayRecordLeaderContacts). */
  offerContact: boolean;
}

const SEVERITY_CHOICES: ReadonlyArray<{ value: Severity | null; key: MessageKey }> = [
  { value: null, key: 'severityNone' },
  { value: 1, key: 'severity1' },
  { value: 2, key: 'severity2' },
  { value: 3, key: 'severity3' },
];

/** Ids of the error paragraphs, so a field can point at its error with aria-describedby and the form can focus it. */
export const fieldErrorId = (formId: string, field: DraftField) => `${formId}-${field}-error`;

function FieldError({ formId, field, errors }: { formId: string; field: DraftField; errors: DraftErrors }) {
  const t = useT();
  const key = errors[field];
  if (!key) return null;
  return (
    <p id={fieldErrorId(formId, field)} className="survey-field-error">
      {t(key)}
    </p>
  );
}

/**
 * One household on one screen: size, needs with severity, nuisances, offers, leader with consent.
 * The answers are taps and a number. Only a resident who wants to be a local leader is asked, in a second and
 * separate consent, for a name and a phone or e-mail; the fields appear only once that consent is ticked.
 */
export function HouseholdForm({ draft, onChange, errors, language, today, offerContact }: HouseholdFormProps) {
  const t = useT();
  const formId = useId().replace(/:/g, '');
  const size = parseHouseholdSize(draft.householdSize);
  const step = (delta: number) => {
    const base = Number.isFinite(size) ? size : 0;
    onChange({ ...draft, householdSize: String(Math.min(20, Math.max(1, base + delta))) });
  };
  const describedBy = (field: DraftField) => (errors[field] ? fieldErrorId(formId, field) : undefined);
  const label = (l: Label) => l[language];

  const chips = <T extends string>(field: 'nuisances' | 'offers', order: readonly T[], selected: readonly T[], labels: Readonly<Record<T, Label>>, update: (next: T[]) => void) => (
    <div className="survey-chips">
      {order.map((id) => (
        <label key={id} className="survey-chip">
          <input type="checkbox" name={field} value={id} checked={selected.includes(id)} onChange={() => update(toggleInOrder(order, selected, id))} />
          <span>{label(labels[id])}</span>
        </label>
      ))}
    </div>
  );

  const contactInput = (field: 'contactName' | 'contactPhone' | 'contactEmail', labelKey: MessageKey, type: 'text' | 'tel' | 'email', autoComplete: string) => (
    <div className="survey-contact-field">
      <label htmlFor={`${formId}-${field}`} className="survey-label">
        {t(labelKey)}
      </label>
      <input
        id={`${formId}-${field}`}
        name={field}
        type={type}
        className="text-input survey-text"
        autoComplete={autoComplete}
        {...(type === 'tel' ? { inputMode: 'tel' as const } : {})}
        maxLength={field === 'contactEmail' ? 254 : 100}
        value={draft[field]}
        aria-invalid={errors[field] ? true : undefined}
        aria-describedby={describedBy(field)}
        onChange={(event) => onChange({ ...draft, [field]: event.currentTarget.value })}
      />
      <FieldError formId={formId} field={field} errors={errors} />
    </div>
  );

  const needLabels = Object.fromEntries(NEED_CATEGORIES.map((n) => [n.id, n.label])) as Record<NeedCategoryId, Label>;

  return (
    <div className="survey-household" data-testid="household-form">
      <div className="survey-card">
        <label htmlFor={`${formId}-size`} className="survey-section-title">
          {t('surveyHouseholdSize')}
        </label>
        <div className="survey-stepper">
          <button type="button" className="survey-step" aria-label={t('surveyFewer')} onClick={() => step(-1)}>
            −
          </button>
          <input
            id={`${formId}-size`}
            name="householdSize"
            className="text-input survey-size"
            inputMode="numeric"
            pattern="[0-9]*"
            autoComplete="off"
            maxLength={2}
            value={draft.householdSize}
            aria-invalid={errors.householdSize ? true : undefined}
            aria-describedby={describedBy('householdSize')}
            onChange={(event) => onChange({ ...draft, householdSize: event.currentTarget.value.replace(/\D/g, '') })}
          />
          <button type="button" className="survey-step" aria-label={t('surveyMore')} onClick={() => step(1)}>
            +
          </button>
        </div>
        <FieldError formId={formId} field="householdSize" errors={errors} />
      </div>

      <fieldset className="survey-card survey-fieldset" aria-describedby={describedBy('needs')}>
        <legend className="survey-section-title">{t('surveyNeeds')}</legend>
        <p className="hint survey-hint">{t('surveyNeedsHint')}</p>
        <FieldError formId={formId} field="needs" errors={errors} />
        {NEED_CATEGORIES.map((need) => {
          const current = draft.severities[need.id] ?? null;
          return (
            <fieldset key={need.id} className="survey-need" data-need={need.id}>
              <legend className="survey-need-label">{label(need.label)}</legend>
              <p className="survey-need-description">{label(need.description)}</p>
              <div className="survey-severity">
                {SEVERITY_CHOICES.map((choice) => (
                  <label key={choice.key} className="survey-severity-option" data-level={choice.value ?? 0}>
                    <input
                      type="radio"
                      name={`${formId}-need-${need.id}`}
                      value={choice.value ?? 0}
                      checked={current === choice.value}
                      onChange={() => {
                        const severities = { ...draft.severities };
                        if (choice.value === null) delete severities[need.id];
                        else severities[need.id] = choice.value;
                        onChange({ ...draft, severities });
                      }}
                    />
                    <span>
                      {choice.value === null ? null : <span className="survey-severity-number">{choice.value}</span>}
                      {t(choice.key)}
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
          );
        })}
      </fieldset>

      <fieldset className="survey-card survey-fieldset" aria-describedby={describedBy('nuisances')}>
        <legend className="survey-section-title">{t('surveyNuisances')}</legend>
        <FieldError formId={formId} field="nuisances" errors={errors} />
        {chips('nuisances', NUISANCE_IDS, draft.nuisances, NUISANCE_LABELS, (nuisances) => onChange({ ...draft, nuisances }))}
      </fieldset>

      <fieldset className="survey-card survey-fieldset" aria-describedby={describedBy('offers')}>
        <legend className="survey-section-title">{t('surveyOffers')}</legend>
        <FieldError formId={formId} field="offers" errors={errors} />
        {chips('offers', OFFER_IDS, draft.offers, OFFER_LABELS, (offers) => onChange({ ...draft, offers }))}
      </fieldset>

      <fieldset className="survey-card survey-fieldset" aria-describedby={describedBy('leaderCandidate')}>
        <legend className="survey-section-title">{t('surveyLeader')}</legend>
        <label className="survey-consent">
          <input
            type="checkbox"
            name="leaderConsent"
            checked={draft.leaderConsent}
            aria-invalid={errors.leaderCandidate ? true : undefined}
            onChange={(event) => onChange({ ...draft, leaderConsent: event.currentTarget.checked })}
          />
          <span>{t('surveyLeaderConsent')}</span>
        </label>
        <FieldError formId={formId} field="leaderCandidate" errors={errors} />
        {draft.leaderConsent ? (
          <fieldset className="survey-subfieldset">
            <legend className="survey-subtitle">{t('surveyLeaderInterests')}</legend>
            <div className="survey-chips">
              {NEED_CATEGORY_IDS.map((id) => (
                <label key={id} className="survey-chip">
                  <input
                    type="checkbox"
                    name="leaderInterests"
                    value={id}
                    checked={draft.leaderInterests.includes(id)}
                    onChange={() => onChange({ ...draft, leaderInterests: toggleInOrder(NEED_CATEGORY_IDS, draft.leaderInterests, id) })}
                  />
                  <span>{label(needLabels[id])}</span>
                </label>
              ))}
            </div>
          </fieldset>
        ) : null}
        {draft.leaderConsent && !offerContact ? <p className="hint survey-hint">{t('surveyContactPlannerOnly')}</p> : null}
        {draft.leaderConsent && offerContact ? (
          <div className="survey-contact" data-testid="leader-contact">
            <label className="survey-consent">
              <input
                type="checkbox"
                name="contactConsent"
                checked={draft.contactConsent}
                onChange={(event) => onChange({ ...draft, contactConsent: event.currentTarget.checked })}
                aria-describedby={`${formId}-contact-terms`}
              />
              <span>{t('surveyContactConsent')}</span>
            </label>
            <div id={`${formId}-contact-terms`} className="survey-contact-terms">
              <p>{t('surveyContactPurpose')}</p>
              <p>{t('surveyContactRetention', { date: formatDate(language, latestRetainUntil(today)) })}</p>
              <p>{t('surveyContactWithdraw')}</p>
            </div>
            {draft.contactConsent ? (
              <fieldset className="survey-subfieldset survey-contact-fields">
                <legend className="survey-subtitle">{t('surveyContactChannelHint')}</legend>
                {contactInput('contactName', 'surveyContactName', 'text', 'name')}
                {contactInput('contactPhone', 'surveyContactPhone', 'tel', 'tel')}
                {contactInput('contactEmail', 'surveyContactEmail', 'email', 'email')}
              </fieldset>
            ) : null}
          </div>
        ) : null}
      </fieldset>
    </div>
  );
}