// Collections of the charity-resources domain (issue 5): offers, needs, allocations, stock, fund, disclosures.
import { CollectionSpec } from './schema';

export const charityCollections: CollectionSpec[] = [];
