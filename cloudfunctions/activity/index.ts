// Composition root of the `activity` function (deploy bundle entry: exports.main).
import { activity } from './function';

export const main = activity.main;
