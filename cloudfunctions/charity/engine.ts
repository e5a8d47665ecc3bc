// The matching engine as this function uses it (core/charity/matching, imported by path: it is
// server-side only and never bundled into the mini-program).
// TEMPORARY until the charity-match branch lands its engine: propose answers failed-precondition.
import { AppError } from '../../core';
import type { MatchInput, MatchResult } from '../../core/charity/matching/types';

export function match(_input: MatchInput): MatchResult {
  throw new AppError('failed-precondition', 'the matching engine is not available yet', { reason: 'charity.engine_unavailable' });
}
