// Composition root of the `user` function (deploy bundle entry: exports.main).
import { user } from './function';

export const main = user.main;
