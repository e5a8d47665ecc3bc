// Composition root of the `org` function (deploy bundle entry: exports.main).
import { org } from './function';

export const main = org.main;
