// Composition root of the `user` function (deploy bundle entry).
import { userContract } from '../../core/user.contract';
import { defineFunction } from '../../server/define-function';
import { me } from './actions/me';
import { setRole } from './actions/set-role';

export const user = defineFunction(userContract, { me, setRole });
export const main = user.main;
