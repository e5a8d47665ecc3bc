// Composition root of the `wish` function (deploy bundle entry: exports.main).
import { wish } from './function';

export const main = wish.main;
