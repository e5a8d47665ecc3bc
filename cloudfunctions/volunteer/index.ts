// Composition root of the `volunteer` function (deploy bundle entry: exports.main).
import { volunteer } from './function';

export const main = volunteer.main;
