import { LISA_COLOURS } from '../../map/explorePalette';
import type { MessageKey } from '../i18n/dictionary';

/** Gi_Bin 3 … −3, top to bottom, as ArcGIS lists them (the on-screen legend and the exported PNG's). */
export const HOT_SPOT_ROWS: ReadonlyArray<[bin: number, key: MessageKey]> = [
  [3, 'legendHot99'],
  [2, 'legendHot95'],
  [1, 'legendHot90'],
  [0, 'legendNotSignificant'],
  [-1, 'legendCold90'],
  [-2, 'legendCold95'],
  [-3, 'legendCold99'],
];

/** LISA classes as GeoDa's cluster map lists them; `count` names the class's count in a LISA result. */
export const LISA_ROWS: ReadonlyArray<[colour: string, key: MessageKey, count: 'highHigh' | 'lowLow' | 'lowHigh' | 'highLow' | null]> = [
  [LISA_COLOURS.highHigh, 'legendLisaHighHigh', 'highHigh'],
  [LISA_COLOURS.lowLow, 'legendLisaLowLow', 'lowLow'],
  [LISA_COLOURS.highLow, 'legendLisaHighLow', 'highLow'],
  [LISA_COLOURS.lowHigh, 'legendLisaLowHigh', 'lowHigh'],
  [LISA_COLOURS.notSignificant, 'legendNotSignificant', null],
];
