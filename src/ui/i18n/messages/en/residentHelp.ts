import { english } from '../bilingual';
import type { residentHelpMessages } from '../residentHelp';

/** residentHelp.ts in English: exactly its keys (a key missing or extra here does not compile). */
export const residentHelpMessagesEn = english<typeof residentHelpMessages>({
  exploreSubject: 'The map shows',
  exploreSubjectNeeds: 'Needs',
  exploreSubjectResources: "Residents' resources",
  exploreSubjectMatching: 'Where the need is, where the help is',
  exploreOffer: 'Resource',
  exploreOfferIndex: 'Potential index (all resources, equal weights)',
  exploreOfferHint: 'Share of households ready to help. Nobody is shown as a point; units with fewer than {k} answers are hidden.',
  exploreMatchNeed: 'Need',
  exploreMatchDistance: 'Within reach (walking, along streets)',
  exploreMatchDistanceOption: '{meters} m',
  exploreMatchOffers: 'Matching help from residents: {offers}.',
  exploreMatchNoOffers: 'Only institutions answer this need (neighbourly help is not the right help here).',
  exploreMatchCounts: 'Units with residents’ help: {help}. Gaps: {gaps}.',
  exploreMatchGapsTitle: 'Gaps: high need, no help within {meters} m',
  exploreMatchGapsNone: 'No gaps: where the need is clearly above the town average, help is within reach.',
  exploreMatchGapRow: '{unit}: {rate} of {responses} answers (town {town}); residents’ help {resident}, institution {institution}',
  exploreMatchNone: 'none',
  exploreMatchMethod: 'High need: the whole 95 % confidence interval above the town average. Distance to residents’ help is measured to the centre of a unit with at least {k} answers (never to a home).',
  legendOfferTitle: 'Share of households offering: {offer}, {wave}',
  legendPotentialTitle: "Residents' potential index (mean share of households offering help), {wave}",
  legendMatchGap: 'purple outline: high need for “{need}” and no help from residents or institutions within {meters} m',
  legendMatchHelp: 'dashed green outline: residents offer help for “{need}” (units with at least {k} answers)',
  exploreSummaryTopOffers: 'Most households ready to help: {list}.',
  shareLinkNeedsOnly: 'A share link shows needs. Share residents’ resources as a partner package (the same rules hide small numbers).',
  partnerOffer: 'Share of households offering help: {offer}',
  partnerOfferIndex: "Residents' potential index: mean share of households offering help",
});
