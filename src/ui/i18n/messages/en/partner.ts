import { english } from '../bilingual';
import type { partnerMessages } from '../partner';

/** partner.ts in English: exactly its keys (a key missing or extra here does not compile). */
export const partnerMessagesEn = english<typeof partnerMessages>(
  {
    // Partner links and the partner view (issue 6 part 3)
    shareOpen: 'Share with a partner',
    shareIntro: 'The partner sees area totals only — no households, answers, addresses or heatmap.',
    shareViewNow: 'View shared: {what}; units: {unit}.',
    shareK: 'Threshold k (fewest answers to show an area)',
    shareExpiry: 'Valid until',
    shareEmbeddedNote: 'Partner links need a Supabase server, so instead you can give the partner a file with area totals only.',
    shareDownload: 'Download the partner package',
    shareDownloaded: 'Package downloaded: {shown} {shown, plural, one {area} other {areas}} with figures, {hidden} hidden (fewer than {k} answers or addresses, one dominant address, or to protect other areas).',
    shareNotReady: 'Wait until the need map has been computed.',
    shareCreate: 'Create link',
    shareCreated: 'Link for the partner (shown only now — copy it):',
    shareCopy: 'Copy link',
    shareCopied: 'Link copied.',
    shareLinksTitle: 'Partner links',
    shareLinksEmpty: 'No links yet.',
    shareLinksLoading: 'Loading links…',
    shareLinkActive: 'active until {date}',
    shareLinkExpired: 'expired {date}',
    shareLinkRevoked: 'revoked {date}',
    shareLinkMeta: 'created {date}, k = {k}',
    shareRevoke: 'Revoke',
    shareClose: 'Close',
    shareFailed: 'That did not work: {reason}',
    shareKInvalid: 'k must be a whole number from 5 to 1000.',
    shareExpiryInvalid: 'The expiry date must be in the future and within a year.',
    partnerNeed: 'Share of households reporting: {need}',
    partnerIndex: 'Need index (weights: {weights})',
    partnerAny: 'Share of households reporting at least one of: {needs}',
    partnerAnyAll: 'Share of households reporting any need',
    partnerUnitArea: 'area',
    partnerUnitCareRegion: 'care region',
    partnerHidden: 'hidden (fewer than {k} answers)',
  },
);
