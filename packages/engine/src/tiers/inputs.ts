import { InputError } from '../errors.js';
import { type TierActivityInput, validateActivity } from './activity.js';
import type { CompiledLadder } from './compileTiers.js';
import {
  instantAt,
  normalizeTierState,
  type TierInstant,
  type TierState,
  type TierStateInput,
} from './state.js';

/** The parsed common inputs of a tier call. */
export interface ParsedTierInput {
  readonly state: TierState;
  readonly now: number;
}

/** Parses `state`, `activity` (validated in place) and `now`; throws `InputError`. */
export function parseTierInput(
  ladder: CompiledLadder,
  input: {
    readonly state: TierStateInput;
    readonly activity?: TierActivityInput;
    readonly now: TierInstant;
  },
  needsActivity: boolean,
): ParsedTierInput {
  if (!input || typeof input !== 'object') {
    throw new InputError([{ path: [], code: 'invalid_type', message: 'Expected an input object' }]);
  }
  const state = normalizeTierState(ladder, input.state);
  const now = instantAt(input.now, ['now']);
  if (needsActivity) validateActivity(input.activity as TierActivityInput, ['activity']);
  return { state, now };
}
