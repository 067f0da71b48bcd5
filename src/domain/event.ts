import { z } from 'zod';
import { Id, IsoDate, Name, ShortText } from './common';
import { PointGeometry } from './geometry';

export const EVENT_KINDS = ['festival', 'picnic', 'trip', 'workshop', 'meeting', 'other'] as const;
export const EventKind = z.enum(EVENT_KINDS, { error: `event kind must be one of: ${EVENT_KINDS.join(', ')}` });

/** A local event (festyn, piknik, wycieczka, warsztaty). */
export const LocalEvent = z.strictObject({
  id: Id,
  name: Name,
  kind: EventKind,
  date: IsoDate,
  location: PointGeometry,
  placeName: Name,
  programme: z.array(ShortText),
  participants: z.int().min(0, { message: 'participants must be 0 or more' }),
});
export type LocalEvent = z.infer<typeof LocalEvent>;
