import type { Organisation } from '../../domain';
import { translate, type Language } from './dictionary';

/** The organisation of the bundled demo town (data/demo/organisation.json): its data is fictional and says so. */
export const DEMO_ORGANISATION_ID = 'mops-debowo';

/**
 * Whose data the map shows, for the map corner, the printed report and exported images: the demo town is marked
 * fictional; a centre's own town names the centre.
 */
export function dataAttribution(language: Language, organisation: Pick<Organisation, 'id' | 'name'> | null | undefined): string {
  if (!organisation || organisation.id === DEMO_ORGANISATION_ID) return translate(language, 'attribution');
  return translate(language, 'attributionOwn', { centre: organisation.name });
}
