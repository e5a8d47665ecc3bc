// The matching engine as this function uses it: core/charity/matching, imported by path (it is
// server-side only and never re-exported from core/charity/index.ts, which the mini-program bundles).
import { matchOffersToNeeds } from '../../core/charity/matching/engine';
import type { MatchInput, MatchResult } from '../../core/charity/matching/types';

export function match(input: MatchInput): MatchResult {
  return matchOffersToNeeds(input);
}
