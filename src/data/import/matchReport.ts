import type { AddressMatch } from './addressMatcher';
import type { MatchDetail } from './importMessages';

/** What the wizard shows before commit: how many rows found their address, and the ones that did not, with suggestions. */
export interface MatchReport {
  /** Rows that were matched (rows with coordinates only are not counted). */
  total: number;
  /** Rows matched to an address point. */
  matched: number;
  /** Rows whose street matched but house number did not (or had none): kept on the street when allowed. */
  matchedStreetOnly: number;
  /** Rows whose street was found only through a looser form ("Pawła II", "J. Pawła II"); included in the counts above. */
  matchedByVariant: number;
  /** Rows whose name was unknown and whose coordinates chose the street (issue 12); included in the counts above. */
  streetFromPoint: number;
  /** Rows whose name matched a street far from their coordinates: not matched, listed with reason name_far_from_point. */
  nameFarFromPoint: number;
  /** Rows whose address did not match to an address point (street-only rows included), at most 1,000 listed. */
  unmatched: UnmatchedRow[];
  unmatchedCount: number;
  /** matched / total (0 when total is 0). */
  rate: number;
  /** (matched + matchedStreetOnly) / total. */
  streetRate: number;
}

export interface UnmatchedRow {
  row: number;
  displayRow: number;
  /** The address as written in the file. */
  text: string;
  reason: NonNullable<AddressMatch['reason']>;
  streetSuggestions: string[];
  houseNumberSuggestions: string[];
}

const MAX_LISTED = 1000;

export class MatchReportBuilder {
  private report: MatchReport = { total: 0, matched: 0, matchedStreetOnly: 0, matchedByVariant: 0, streetFromPoint: 0, nameFarFromPoint: 0, unmatched: [], unmatchedCount: 0, rate: 0, streetRate: 0 };

  add(match: AddressMatch, row: number, text: string): void {
    const r = this.report;
    r.total++;
    if (match.streetMatchedBy === 'variant' || match.streetMatchedBy === 'register_order') r.matchedByVariant++;
    if (match.streetMatchedBy === 'point') r.streetFromPoint++;
    if (match.reason === 'name_far_from_point') r.nameFarFromPoint++;
    if (match.status === 'address') {
      r.matched++;
      return;
    }
    if (match.status === 'street') r.matchedStreetOnly++;
    r.unmatchedCount++;
    if (r.unmatched.length < MAX_LISTED) {
      r.unmatched.push({ row, displayRow: row + 1, text, reason: match.reason ?? 'unknown_street', streetSuggestions: match.streetSuggestions, houseNumberSuggestions: match.houseNumberSuggestions });
    }
  }

  finish(): MatchReport {
    const r = this.report;
    r.rate = r.total === 0 ? 0 : r.matched / r.total;
    r.streetRate = r.total === 0 ? 0 : (r.matched + r.matchedStreetOnly) / r.total;
    return r;
  }
}

/** Why a match failed and what to suggest, for a message (the UI words it: "did you mean ul. Lubelska?"). */
export function matchDetail(match: AddressMatch): MatchDetail {
  return { reason: match.reason ?? 'unknown_street', streets: [...match.streetSuggestions], numbers: [...match.houseNumberSuggestions] };
}
