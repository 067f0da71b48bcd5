import { useEffect, useId, useMemo, useReducer, useRef, useState } from 'react';
import type { DataSource } from '../../data/dataSource';
import type { Address, LeaderContact, SurveyResponse, Workspace } from '../../domain';
import { buildMapData } from '../../map/mapData';
import { formatHouseholds } from '../common/format';
import { useT } from '../i18n/useT';
import { requestReload, useAppState, useAppStore } from '../shell/appStore';
import { useSignedInSession } from '../shell/auth/authContext';
import { mayRecordLeaderContacts } from '../common/audience';
import { addressLabel, buildAddressDirectory, defaultCampaign, nextAddressOnStreet, todayAgainstWave } from './addressDirectory';
import { AddressPicker, type PickMode } from './AddressPicker';
import { checkDuplicate, mergeById, answersPerAddress } from './duplicates';
import { householdFlow, initialHouseholdFlow } from './householdFlow';
import { HouseholdForm } from './HouseholdForm';
import { buildSurveyResponse, localIsoDate, type DraftErrors, type HouseholdDraft } from './householdDraft';
import { OutboxStatus } from './OutboxStatus';
import { useSurveyOutbox } from './useSurveyOutbox';
import './surveyForm.css';
import { z } from 'zod';
import { readStored, writeStored } from '../../data/browserStorage';
import { Id } from '../../domain';

/** The build the volunteer runs (vite.config.ts): after an update, the form shows the new one. */
const APP_VERSION: string = import.meta.env.VITE_APP_VERSION ?? '';

const REMEMBER_KEY = 'calmap.survey';

/** Where the volunteer was (wave, street), so a reload or a dead battery does not send them back to the start. */
const Remembered = z.object({ v: z.literal(1), campaignId: Id.optional().catch(undefined), streetId: Id.optional().catch(undefined) });
type Remembered = z.infer<typeof Remembered>;

/** What the phone remembers, parsed: storage disabled, garbage or another version start fresh. */
const readRemembered = (): Remembered => readStored(REMEMBER_KEY, Remembered) ?? { v: 1 };
/** Not remembered when the browser refuses; the form still works. */
const remember = (value: Remembered): void => void writeStored(REMEMBER_KEY, value);

/** 2026-04-13 → "13.04.2026" (pl) or "13/04/2026" (en-GB). */
const formatDate = (isoDate: string, language: 'pl' | 'en'): string =>
  new Date(`${isoDate}T12:00:00`).toLocaleDateString(language === 'pl' ? 'pl-PL' : 'en-GB', { day: '2-digit', month: '2-digit', year: 'numeric' });

/** The phone screen (UX.md "Phone: the door-to-door form"): wave, address, one household, save; repeat. */
export function SurveyFormView({ dataSource }: { dataSource: DataSource }) {
  const t = useT();
  const store = useAppStore();
  const load = useAppState((s) => s.load);

  if (load.status === 'failed') {
    return (
      <main className="survey-main" id="survey">
        <div className="survey-card notice-error" role="alert">
          <p>{t('loadFailed', { reason: load.reason })}</p>
          <button type="button" className="button-primary survey-button" onClick={() => requestReload(store)}>
            {t('retry')}
          </button>
        </div>
      </main>
    );
  }
  if (load.status === 'loading') {
    return (
      <main className="survey-main" id="survey">
        <div className="survey-card" role="status">
          <span className="progress-dot" aria-hidden="true" />
          {t('loading')}
        </div>
      </main>
    );
  }
  return <SurveyForm dataSource={dataSource} workspace={load.workspace} />;
}

function SurveyForm({ dataSource, workspace }: { dataSource: DataSource; workspace: Workspace }) {
  const t = useT();
  const language = useAppState((s) => s.language);
  const { view: outbox, save, sendNow, sendsLocally } = useSurveyOutbox(dataSource);
  const waveSelectId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLDivElement>(null);

  const directory = useMemo(() => buildAddressDirectory(workspace.streets, workspace.addresses), [workspace.streets, workspace.addresses]);
  const [mapNeeded, setMapNeeded] = useState(false);
  const mapData = useMemo(() => (mapNeeded ? buildMapData(workspace) : null), [mapNeeded, workspace]);
  const campaigns = useMemo(() => [...workspace.campaigns].sort((a, b) => (a.startDate < b.startDate ? 1 : -1)), [workspace.campaigns]);

  const [remembered] = useState(readRemembered);
  const [campaignId, setCampaignId] = useState<string | undefined>(() =>
    remembered.campaignId && workspace.campaigns.some((c) => c.id === remembered.campaignId)
      ? remembered.campaignId
      : defaultCampaign(workspace.campaigns, localIsoDate(new Date()))?.id,
  );
  const [streetId, setStreetId] = useState<string | null>(() => (remembered.streetId && directory.streetById.has(remembered.streetId) ? remembered.streetId : null));
  const [mode, setMode] = useState<PickMode>('list');
  const [flow, dispatch] = useReducer(householdFlow, undefined, initialHouseholdFlow);
  const { address, draft, errors, phase, saving, saveFailure } = flow;
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => remember({ v: 1, ...(campaignId ? { campaignId } : {}), ...(streetId ? { streetId } : {}) }), [campaignId, streetId]);

  const allResponses = useMemo(() => mergeById(workspace.responses, outbox.queued), [workspace.responses, outbox.queued]);
  const answersByAddress = useMemo(() => (campaignId ? answersPerAddress(allResponses, campaignId) : new Map<string, number>()), [allResponses, campaignId]);
  const waveCount = useMemo(() => allResponses.reduce((n, r) => (r.campaignId === campaignId ? n + 1 : n), 0), [allResponses, campaignId]);

  // A new screen (address chosen, saved, next household): start at its top, with focus on its heading.
  // Not on the first screen: there the browser's own focus order is right.
  const screenKey = `${phase.kind}:${address?.id ?? ''}`;
  const firstScreen = useRef(screenKey);
  useEffect(() => {
    if (screenKey === firstScreen.current) return;
    firstScreen.current = '';
    window.scrollTo({ top: 0 });
    headingRef.current?.focus({ preventScroll: true });
  }, [screenKey]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (phase.kind === 'duplicate' && !dialog.open) dialog.showModal();
    if (phase.kind !== 'duplicate' && dialog.open) dialog.close();
  }, [phase.kind]);

  const startHousehold = (next: Address | null) => {
    if (next) setStreetId(next.streetId);
    dispatch({ type: 'start', address: next });
  };

  const persist = async (response: SurveyResponse, where: Address, contact?: LeaderContact) => {
    dispatch({ type: 'saving' });
    const result = await save(response, contact);
    dispatch(result.ok ? { type: 'saved', address: where } : { type: 'saveFailed', reason: result.reason });
  };

  const today = localIsoDate(new Date());
  const session = useSignedInSession();
  const offerContact = mayRecordLeaderContacts(session ? session.state.role : null);
  const responseContext = (id: string, contactId: string) => ({ id, campaignId: campaignId ?? '', addressId: address?.id, date: localIsoDate(new Date()), contactId });

  /** Once an error is shown, it goes away as soon as the volunteer fixes that field (no new errors appear before saving). */
  const onDraftChange = (next: HouseholdDraft) => {
    if (Object.keys(errors).length === 0) return dispatch({ type: 'edit', draft: next, errors });
    const checked = buildSurveyResponse(next, responseContext('draft', 'draft-contact'));
    const still: DraftErrors = {};
    if (!checked.ok) for (const field of Object.keys(errors) as Array<keyof DraftErrors>) if (checked.errors[field]) still[field] = checked.errors[field];
    dispatch({ type: 'edit', draft: next, errors: still });
  };

  const onSave = () => {
    if (saving) return;
    // A contact typed before the form learnt the role is not kept when this user may not store contacts.
    const built = buildSurveyResponse(offerContact ? draft : { ...draft, contactConsent: false }, responseContext(crypto.randomUUID(), crypto.randomUUID()));
    if (!built.ok) {
      dispatch({ type: 'invalid', errors: built.errors });
      // Show the first problem: the error paragraphs render on the next frame.
      requestAnimationFrame(() => formRef.current?.querySelector('.survey-field-error')?.scrollIntoView({ block: 'center' }));
      return;
    }
    if (!address) return;
    const check = checkDuplicate(built.response, allResponses, address.households);
    if (check) dispatch({ type: 'confirmDuplicate', response: built.response, ...(built.contact ? { contact: built.contact } : {}), check });
    else void persist(built.response, address, built.contact);
  };

  const campaign = campaigns.find((c) => c.id === campaignId);
  const waveTiming = campaign ? todayAgainstWave(campaign, today) : null;
  const next = phase.kind === 'saved' ? nextAddressOnStreet(directory, phase.address.id) : undefined;

  return (
    <main className="survey-main" id="survey" aria-labelledby="survey-title">
      <div className="survey-column">
        <OutboxStatus outbox={outbox} sendsLocally={sendsLocally} waveCount={campaign ? waveCount : null} onSendNow={() => void sendNow()} />

        <h2 id="survey-title" className="survey-title" ref={headingRef} tabIndex={-1}>
          {phase.kind === 'saved' ? t('surveySaved', { address: addressLabel(directory, phase.address) }) : address ? addressLabel(directory, address) : t('surveyTitle')}
        </h2>

        {phase.kind === 'saved' ? (
          <section className="survey-card survey-saved" data-testid="survey-saved">
            <p className="survey-saved-mark">
              <span aria-hidden="true">✓ </span>
              {sendsLocally ? t('surveySavedLocally') : t('surveySavedQueued')}
            </p>
            {next ? (
              <button type="button" className="button-primary survey-button" onClick={() => startHousehold(next)}>
                {t('surveyNextHousehold', { address: addressLabel(directory, next) })}
              </button>
            ) : (
              <p>{t('surveyEndOfStreet')}</p>
            )}
            <button type="button" className="button-secondary survey-button" onClick={() => startHousehold(phase.address)}>
              {t('surveySameAddress')}
            </button>
            <button type="button" className="button-secondary survey-button" onClick={() => startHousehold(null)}>
              {t('surveyPickAnother')}
            </button>
          </section>
        ) : (
          <>
            {!address ? (
              <p className="survey-intro">
                {t('surveyIntro')} {sendsLocally ? t('surveyStoredLocally') : null}
              </p>
            ) : null}
            <div className="survey-card">
              <label htmlFor={waveSelectId} className="survey-label">
                {t('surveyWave')}
              </label>
              {campaigns.length ? (
                <select
                  id={waveSelectId}
                  className="survey-select"
                  value={campaignId ?? ''}
                  aria-invalid={errors.campaignId ? true : undefined}
                  onChange={(event) => setCampaignId(event.currentTarget.value)}
                >
                  {campaigns.map((c) => (
                    <option key={c.id} value={c.id}>
                      {/* The wave first: on a phone the select cuts long names, and campaign names often differ only at the end. */}
                      {`${t('surveyWaveOption', { wave: c.wave, year: c.startDate.slice(0, 4) })} — ${c.name}`}
                    </option>
                  ))}
                </select>
              ) : (
                <p className="survey-field-error">{t('surveyNoCampaigns')}</p>
              )}
              {campaign ? (
                <p className="survey-wave-note">
                  {campaign.name}, {formatDate(campaign.startDate, language)} – {formatDate(campaign.endDate, language)}
                </p>
              ) : null}
              {campaign && waveTiming ? (
                <p className="survey-wave-warning" role="status" data-testid="survey-wave-timing">
                  {t(waveTiming === 'before' ? 'surveyWaveBefore' : 'surveyWaveAfter', { start: formatDate(campaign.startDate, language), end: formatDate(campaign.endDate, language), today: formatDate(today, language) })}
                </p>
              ) : null}
              {errors.campaignId && campaigns.length ? <p className="survey-field-error">{t(errors.campaignId)}</p> : null}
            </div>

            {address ? (
              <>
                <div className="survey-card survey-address">
                  <p className="survey-address-facts">
                    {t('surveyAddressFacts', { households: formatHouseholds(language, address.households), answers: answersByAddress.get(address.id) ?? 0 })}
                  </p>
                  <button type="button" className="button-secondary survey-small-button" onClick={() => startHousehold(null)}>
                    {t('surveyChangeAddress')}
                  </button>
                </div>
                <div ref={formRef}>
                  <HouseholdForm draft={draft} onChange={onDraftChange} errors={errors} language={language} today={today} offerContact={offerContact} />
                </div>
                <div className="survey-save-bar">
                  {Object.keys(errors).length ? (
                    <p className="survey-field-error" role="alert">
                      {t('surveyFixErrors')}
                    </p>
                  ) : null}
                  {saveFailure ? (
                    <p className="survey-field-error" role="alert">
                      {t('surveySaveFailed', { reason: saveFailure })}
                    </p>
                  ) : null}
                  <button type="button" className="button-primary survey-button survey-save" disabled={saving} onClick={onSave}>
                    {saving ? t('surveySaving') : t('surveySave')}
                  </button>
                </div>
              </>
            ) : (
              <>
                {errors.addressId ? <p className="survey-field-error">{t(errors.addressId)}</p> : null}
                <AddressPicker
                  directory={directory}
                  answersByAddress={answersByAddress}
                  streetId={streetId}
                  onStreet={setStreetId}
                  onAddress={startHousehold}
                  mode={mode}
                  onMode={(m) => {
                    setMode(m);
                    if (m === 'map') setMapNeeded(true);
                  }}
                  mapData={mapData}
                />
              </>
            )}
          </>
        )}
      </div>

      <dialog
        ref={dialogRef}
        className="confirm-dialog survey-dialog"
        aria-labelledby="survey-duplicate-title"
        data-testid="survey-duplicate"
        onClose={() => dispatch({ type: 'backToForm' })}
      >
        {phase.kind === 'duplicate' && address ? (
          <>
            <h2 id="survey-duplicate-title">{t('surveyDuplicateTitle')}</h2>
            <p>{t('surveyDuplicateBody', { address: addressLabel(directory, address), answers: phase.check.existingAnswers, households: formatHouseholds(language, phase.check.households) })}</p>
            {phase.check.identical ? <p className="survey-warning">{t('surveyDuplicateIdentical')}</p> : null}
            {phase.check.exceedsHouseholds ? <p className="survey-warning">{t('surveyDuplicateExceeds')}</p> : null}
            <p>
              <strong>{t('surveyDuplicateQuestion')}</strong>
            </p>
            <div className="survey-dialog-actions">
              <button type="button" className="button-secondary survey-button" onClick={() => dispatch({ type: 'backToForm' })}>
                {t('surveyDuplicateBack')}
              </button>
              <button type="button" className="button-primary survey-button" onClick={() => void persist(phase.response, address, phase.contact)}>
                {t('surveyDuplicateConfirm')}
              </button>
            </div>
          </>
        ) : null}
      </dialog>
      <p className="survey-version" data-testid="app-version">
        {t('appVersion', { version: APP_VERSION })}
      </p>
    </main>
  );
}
