/**
 * Everything the export menu writes files with, as one chunk loaded on the first export (ExportMenu.tsx): the first
 * paint does not carry the CSV, GeoJSON and PNG writers.
 */
export { aggregateRows } from './aggregateRows';
export { aggregatesCsv } from './aggregatesCsv';
export { aggregatesGeoJson, unitGeometries } from './aggregatesGeoJson';
export { POLISH_EXCEL_CSV } from './csvFormat';
export { downloadBlob, downloadText } from './download';
export { mapPng } from './mapImage';
export { legendModel } from './mapLegend';
export { rawAnswersCsv } from './rawAnswersCsv';
