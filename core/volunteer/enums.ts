// Closed vocabularies of the volunteer domain, shared with the activity half and the pages.
import { z } from '../zod-setup';

/** Service categories (办法 §5 服务类别); activities pick one of these (办法 §19: only volunteering). */
export const ServiceCategory = z.enum([
  'elderly-care',
  'child-care',
  'disability-support',
  'environment',
  'emergency',
  'community-governance',
  'culture-education',
  'health',
  'poverty-relief',
  'legal-aid',
  'other',
]);
export type ServiceCategory = z.infer<typeof ServiceCategory>;

/** Team tags (志愿服务队): what a team is for, e.g. 党员先锋, 平战结合 emergency. */
export const TeamTag = z.enum(['party-member', 'environment', 'elderly-care', 'child-care', 'emergency', 'culture', 'health', 'disability-support', 'youth']);
export type TeamTag = z.infer<typeof TeamTag>;

export const Gender = z.enum(['male', 'female']);
export type Gender = z.infer<typeof Gender>;

/** Kinds of social organization (社会组织). */
export const OrganizationKind = z.enum(['social-work', 'mutual-aid', 'charity', 'culture-sports', 'professional', 'other']);
export type OrganizationKind = z.infer<typeof OrganizationKind>;

/** Relations a family binding of the time bank may state. */
export const FamilyRelation = z.enum(['parent', 'child', 'spouse', 'sibling', 'grandparent', 'grandchild', 'other-relative']);
export type FamilyRelation = z.infer<typeof FamilyRelation>;

/**
 * The version of the consent texts (个人信息处理规则 and the separate consent to sensitive data,
 * PIPL §29) the mini-program shows. Registration records the version each person agreed to; the
 * server refuses another version, so a page with outdated texts cannot register anyone.
 */
export const CONSENT_VERSION = '2026-12';
