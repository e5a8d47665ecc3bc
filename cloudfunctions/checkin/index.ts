// Composition root of the `checkin` function (deploy bundle entry: exports.main).
import { checkin } from './function';

export const main = checkin.main;
