import { FALLBACK_ORGANISATION } from '../../../src/data/embedded/demoLoader';
import type { Address, Street, SurveyCampaign, Workspace } from '../../../src/domain';
import { seededRandom as mulberry32 } from '../../analysis/seededRandom';
/** mulberry32, shared with the other property tests. */
export { mulberry32 };

/** Windows-1250 bytes of Polish text, written by hand from the code page table (so the test does not trust TextDecoder). */
const CP1250: Record<string, number> = { ą: 0xb9, ć: 0xe6, ę: 0xea, ł: 0xb3, ń: 0xf1, ó: 0xf3, ś: 0x9c, ź: 0x9f, ż: 0xbf, Ą: 0xa5, Ć: 0xc6, Ę: 0xca, Ł: 0xa3, Ń: 0xd1, Ó: 0xd3, Ś: 0x8c, Ź: 0x8f, Ż: 0xaf };
/** ISO-8859-2 differs in six of them. */
const ISO_8859_2: Record<string, number> = { ...CP1250, ą: 0xb1, ś: 0xb6, ź: 0xbc, Ą: 0xa1, Ś: 0xa6, Ź: 0xac };

function encodeSingleByte(text: string, table: Record<string, number>): Uint8Array {
  return Uint8Array.from([...text].map((ch) => {
    const code = table[ch] ?? ch.charCodeAt(0);
    if (code > 0x7f && table[ch] === undefined) throw new Error(`no byte for ${ch}`);
    return code;
  }));
}
export const encodeCp1250 = (text: string): Uint8Array => encodeSingleByte(text, CP1250);
export const encodeIso88592 = (text: string): Uint8Array => encodeSingleByte(text, ISO_8859_2);
export const utf8WithBom = (text: string): Uint8Array => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);

const line = (x0: number, y0: number, x1: number, y1: number): Street['geometry'] => ({ type: 'MultiLineString', coordinates: [[[x0, y0], [x1, y1]]] });
const point = (lng: number, lat: number): Address['location'] => ({ type: 'Point', coordinates: [lng, lat] });

/** A small town near Chełm: five streets written the way registers write them, and a few address points. */
export const STREETS: Street[] = [
  { id: 'street-jana-pawla-ii', prefix: 'al.', name: 'Jana Pawła II', geometry: line(23.47, 51.13, 23.48, 51.13) },
  { id: 'street-lubelska', prefix: 'ul.', name: 'Lubelska', geometry: line(23.47, 51.14, 23.48, 51.14) },
  { id: 'street-3-maja', prefix: 'ul.', name: '3 Maja', geometry: line(23.47, 51.15, 23.48, 51.15) },
  { id: 'street-sw-mikolaja', prefix: 'ul.', name: 'Świętego Mikołaja', geometry: line(23.47, 51.16, 23.48, 51.16) },
  { id: 'street-pl-luczkowskiego', prefix: 'pl.', name: 'Doktora Edwarda Łuczkowskiego', geometry: line(23.47, 51.17, 23.48, 51.17) },
  { id: 'street-adama-mickiewicza', prefix: 'ul.', name: 'Adama Mickiewicza', geometry: line(23.47, 51.18, 23.48, 51.18) },
];

export const ADDRESSES: Address[] = [
  { id: 'addr-jp2-12a', streetId: 'street-jana-pawla-ii', houseNumber: '12A', location: point(23.471, 51.1301), households: 3 },
  { id: 'addr-jp2-14', streetId: 'street-jana-pawla-ii', houseNumber: '14', location: point(23.472, 51.1301), households: 2 },
  { id: 'addr-lubelska-5', streetId: 'street-lubelska', houseNumber: '5', location: point(23.471, 51.1401), households: 8 },
  { id: 'addr-lubelska-7', streetId: 'street-lubelska', houseNumber: '7', location: point(23.472, 51.1401), households: 6 },
  { id: 'addr-3maja-1', streetId: 'street-3-maja', houseNumber: '1', location: point(23.471, 51.1501), households: 1 },
  { id: 'addr-mikolaja-2', streetId: 'street-sw-mikolaja', houseNumber: '2', location: point(23.471, 51.1601), households: 4 },
  { id: 'addr-mickiewicza-10', streetId: 'street-adama-mickiewicza', houseNumber: '10', location: point(23.471, 51.1801), households: 5 },
];

export const CAMPAIGN: SurveyCampaign = { id: 'campaign-2025-w1', name: 'Wiosna 2025', areaIds: ['area-1'], startDate: '2025-04-01', endDate: '2025-05-31', householdsTargeted: 100, method: 'door_to_door', wave: 1 };

export function townWorkspace(): Workspace {
  return { v: 1, organisation: { ...FALLBACK_ORGANISATION }, areas: [], streets: structuredClone(STREETS), addresses: structuredClone(ADDRESSES), campaigns: [structuredClone(CAMPAIGN)], responses: [], resources: [], groups: [], programmes: [], events: [] };
}

export function emptyWorkspace(): Workspace {
  return { ...townWorkspace(), streets: [], addresses: [] };
}

/** Deep-freezes test inputs (STYLE.md habit 11): the pipeline must never mutate what it is given. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as object)) deepFreeze(child);
  }
  return value;
}

