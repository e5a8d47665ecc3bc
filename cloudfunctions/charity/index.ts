// Composition root of the `charity` function (deploy bundle entry: exports.main).
import { charity } from './function';

export const main = charity.main;
