// Shared by the demo seed files: ids, time units and the person type.
export const DEMO_COMMUNITY_ID = 'demo-community';
export const DEMO_ADMIN_OPENID = 'demo-admin';

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

export interface DemoPerson {
  openid: string;
  displayName: string;
  roles: string[];
  note: string;
}

export type DemoDocuments = Record<string, Array<Record<string, unknown>>>;
