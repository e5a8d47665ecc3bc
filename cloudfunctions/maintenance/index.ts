// Composition root of the `maintenance` function (deploy bundle entry: exports.main).
import { maintenance } from './function';

export const main = maintenance.main;
