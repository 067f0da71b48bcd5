import type { ImportKind } from '../../domain/importing';
import type { MessageKey } from '../i18n/dictionary';

/** The fields a user maps a column to, per kind, in the order the wizard lists them (most needed first). */
export const FIELDS_OF_KIND: Readonly<Record<ImportKind, readonly string[]>> = {
  streets: ['name'],
  addresses: ['address', 'street', 'houseNumber', 'x', 'y', 'households', 'residents'],
  resources: ['name', 'resourceKind', 'address', 'street', 'houseNumber', 'x', 'y', 'serves', 'partnershipDeclaredOn', 'coalitions'],
  responses: ['address', 'street', 'houseNumber', 'x', 'y', 'date', 'householdSize', 'needsList', 'nuisancesList', 'offersList', 'leaderConsent', 'leaderInterests'],
};

export const FIELD_LABEL: Readonly<Record<string, MessageKey>> = {
  name: 'importFieldName',
  address: 'importFieldAddress',
  street: 'importFieldStreet',
  houseNumber: 'importFieldHouseNumber',
  x: 'importFieldX',
  y: 'importFieldY',
  households: 'importFieldHouseholds',
  residents: 'importFieldResidents',
  resourceKind: 'importFieldResourceKind',
  serves: 'importFieldServes',
  partnershipDeclaredOn: 'importFieldPartnership',
  coalitions: 'importFieldCoalitions',
  date: 'importFieldDate',
  householdSize: 'importFieldHouseholdSize',
  needsList: 'importFieldNeedsList',
  nuisancesList: 'importFieldNuisancesList',
  offersList: 'importFieldOffersList',
  leaderConsent: 'importFieldLeaderConsent',
  leaderInterests: 'importFieldLeaderInterests',
};

export const KIND_LABEL: Readonly<Record<ImportKind, MessageKey>> = {
  streets: 'importKindStreets',
  addresses: 'importKindAddresses',
  resources: 'importKindResources',
  responses: 'importKindResponses',
};

export const KIND_HINT: Readonly<Record<ImportKind, MessageKey>> = {
  streets: 'importKindStreetsHint',
  addresses: 'importKindAddressesHint',
  resources: 'importKindResourcesHint',
  responses: 'importKindResponsesHint',
};
