import { z } from 'zod';
import { Id, Name } from './common';
import { MultiLineStringGeometry } from './geometry';

/** Polish street-type prefixes as written in addresses: ul., al., pl., os., rondo. */
export const STREET_PREFIXES = ['ul.', 'al.', 'pl.', 'os.', 'rondo'] as const;
export const StreetPrefix = z.enum(STREET_PREFIXES, { error: `street prefix must be one of: ${STREET_PREFIXES.join(', ')}` });

/** A named street: all segments sharing the name within a town, as one MultiLineString. */
export const Street = z.strictObject({
  id: Id,
  prefix: StreetPrefix,
  /** The name without the prefix, e.g. "Jana Pawła II". */
  name: Name,
  geometry: MultiLineStringGeometry,
});
export type Street = z.infer<typeof Street>;

/** "ul. Słoneczna" */
export const streetLabel = (s: Pick<Street, 'prefix' | 'name'>): string => `${s.prefix} ${s.name}`;
