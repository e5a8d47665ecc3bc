// The charity-resources domain's demo data (issue 5).
import { DemoDocuments, DemoPerson } from './demo-common';

/** People the charity flows need beyond the base community's (none yet). */
export const CHARITY_DEMO_PEOPLE: DemoPerson[] = [];

export function charityDemoDocuments(_now: number): DemoDocuments {
  return {};
}
