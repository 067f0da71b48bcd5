import type { ResourceKind } from '../domain';

/**
 * Colours of the map. Quiet paper background, light estates, white streets with a grey casing; the
 * colours that carry meaning (resource categories, selection) come from the Okabe–Ito palette
 * (Okabe & Ito 2008, "Color Universal Design"), distinguishable with the common colour-vision deficiencies.
 * Resource categories are also told apart by shape, so colour is never the only cue.
 */
export const MAP_COLOURS = {
  background: '#f3f1ec',
  districtLine: '#8a8378',
  districtLabel: '#5b554c',
  estateFill: '#e3eadf',
  estateFillHover: '#d2dfcb',
  estateLine: '#9fb39a',
  estateLabel: '#3f5a3a',
  streetCasing: '#c3bcb0',
  street: '#ffffff',
  streetLabel: '#3d3a35',
  labelHalo: '#ffffff',
  address: '#6d6a8f',
  addressStroke: '#ffffff',
  /** Hover and selection: a strong blue, distinct from every category colour. */
  hover: '#2f6fdf',
  selected: '#0b3d91',
} as const;

/** Resource kinds grouped into categories a planner recognises; each category has a colour and a shape. */
export const RESOURCE_CATEGORIES = ['welfare', 'education', 'culture_leisure', 'health_safety', 'civic', 'economy_housing', 'other'] as const;
export type ResourceCategory = (typeof RESOURCE_CATEGORIES)[number];

export type MarkerShape = 'circle' | 'square' | 'diamond' | 'triangle' | 'hexagon' | 'triangle_down' | 'pentagon';

export const RESOURCE_CATEGORY_STYLE: Readonly<Record<ResourceCategory, { colour: string; shape: MarkerShape }>> = {
  welfare: { colour: '#d55e00', shape: 'circle' }, // vermillion
  education: { colour: '#0072b2', shape: 'square' }, // blue
  culture_leisure: { colour: '#009e73', shape: 'diamond' }, // bluish green
  health_safety: { colour: '#cc79a7', shape: 'triangle' }, // reddish purple
  civic: { colour: '#e69f00', shape: 'hexagon' }, // orange
  economy_housing: { colour: '#56b4e9', shape: 'triangle_down' }, // sky blue
  other: { colour: '#5f5f5f', shape: 'pentagon' }, // dark grey
};

export const RESOURCE_CATEGORY_OF_KIND: Readonly<Record<ResourceKind, ResourceCategory>> = {
  ops: 'welfare',
  kis: 'welfare',
  community_centre: 'welfare',
  school: 'education',
  kindergarten: 'education',
  library: 'education',
  culture_house: 'culture_leisure',
  senior_club: 'culture_leisure',
  youth_club: 'culture_leisure',
  sports_club: 'culture_leisure',
  health_centre: 'health_safety',
  police: 'health_safety',
  ngo: 'civic',
  parish: 'civic',
  labour_office: 'economy_housing',
  housing_coop: 'economy_housing',
  business: 'economy_housing',
  other: 'other',
};

/** The map image id of a category's marker (registered with map.addImage). */
export const resourceIconId = (category: ResourceCategory): string => `resource-${category}`;
