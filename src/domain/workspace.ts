import { z } from 'zod';
import { Area } from './area';
import { Address } from './address';
import { Organisation } from './organisation';
import { Programme } from './programme';
import { Resource } from './resource';
import { Street } from './street';
import { SurveyCampaign, SurveyResponse } from './survey';
import { Group } from './group';
import { LocalEvent } from './event';

/** Record schema of every collection in a workspace, by collection name. */
export const COLLECTION_SCHEMAS = {
  areas: Area,
  streets: Street,
  addresses: Address,
  campaigns: SurveyCampaign,
  responses: SurveyResponse,
  resources: Resource,
  groups: Group,
  programmes: Programme,
  events: LocalEvent,
} as const;
export type CollectionName = keyof typeof COLLECTION_SCHEMAS;
export const COLLECTION_NAMES = Object.keys(COLLECTION_SCHEMAS) as CollectionName[];
export type CollectionRecord<C extends CollectionName> = z.infer<(typeof COLLECTION_SCHEMAS)[C]>;

/** Everything one centre holds: its organisation and one array per collection. Versioned for migration. */
export const Workspace = z.strictObject({
  v: z.literal(1),
  organisation: Organisation,
  areas: z.array(Area),
  streets: z.array(Street),
  addresses: z.array(Address),
  campaigns: z.array(SurveyCampaign),
  responses: z.array(SurveyResponse),
  resources: z.array(Resource),
  groups: z.array(Group),
  programmes: z.array(Programme),
  events: z.array(LocalEvent),
});
export type Workspace = z.infer<typeof Workspace>;

/** A workspace with its centre and no records yet (a centre's own town before anything is imported). */
export function emptyWorkspace(organisation: Organisation): Workspace {
  return { v: 1, organisation, areas: [], streets: [], addresses: [], campaigns: [], responses: [], resources: [], groups: [], programmes: [], events: [] };
}
