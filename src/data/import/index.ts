/** The import pipeline (issue 7): bytes → validated records + issues; commit through DataSource.applyChanges. See README.md. */
export { planImport, type ImportPlan, type ImportRecords, type PlanOptions } from './planImport';
export { commitImport } from './commitImport';
export type { ImportIssue } from './importIssues';
export { MAX_LISTED_ISSUES } from './importIssues';
export type { MatchReport, UnmatchedRow } from './matchReport';
export { decodeText, textOf, type DecodedText } from './textDecoding';
export { readCsv, detectDelimiter, type CsvTable, type CsvDelimiter } from './csvTable';
export { readGeoJson, type RawFeature } from './geojsonFile';
export { detectCrs, createReprojector, crsFromMember, isConfidentGuess, CRS_DEFINITIONS, CRS_LABELS, type CrsCandidate, type Reprojector } from './crs';
export { normaliseStreetName, streetMatchKeys, splitStreetPrefix, foldDiacritics, editDistance } from './streetNames';
export { parseAddressText, normaliseHouseNumber, type ParsedAddress } from './addressText';
export { buildAddressMatcher, type AddressMatcher, type AddressMatch } from './addressMatcher';
export { streetsFromOsm, namesInOsmValue, type UnnamedWay } from './osmStreets';
export { suggestColumnMapping, findPersonalDataColumns } from './columnMapping';
export { needFromLabel, nuisanceFromLabel, offerFromLabel, resourceKindFromLabel } from './vocabulary';
export { exportWorkspaceFile, parseWorkspaceFile, migrateWorkspaceFile, WORKSPACE_MIGRATIONS, type ParsedWorkspaceFile } from './workspaceFile';
export { IssueCollector } from './importIssues';
