// The user function: its contract bound to its handlers. Tests import this module (not index,
// which would resolve to the generated index.js bundle when one exists).
import { userContract } from '../../core/user.contract';
import { defineFunction } from '../../server/define-function';
import { me } from './actions/me';
import { setRole } from './actions/set-role';

export const user = defineFunction(userContract, { me, setRole });
