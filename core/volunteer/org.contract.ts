// Contract of the `org` function: community structure (grids, buildings), social organizations
// (registered by anyone, approved by the community's staff), social workers linked to them,
// volunteer teams with leaders, members and tags. Staff rights are per community: a grant of
// 'staff' (or 'community-admin') in community A gives nothing in community B (docs/volunteers.md).
import { z } from '../zod-setup';
import { defineContract, PageCursor } from '../contract';
import { CommunityId } from '../roles';
import { OpenId } from '../user.contract';
import { OrganizationKind, TeamTag } from './enums';
import { organizationMachine } from './machines';
import { DocId, MobilePhone, plainText } from './text';

const GridId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'grid id: 1–32 lowercase letters, digits or dashes');

export const Grid = z.object({
  id: GridId,
  name: plainText(1, 30),
  /** The 网格员 responsible (an openid holding staff in this community), if any. */
  staffOpenid: OpenId.nullable(),
  buildings: z.array(plainText(1, 20)).max(200),
});
export type Grid = z.infer<typeof Grid>;

export const Community = z.object({
  communityId: CommunityId,
  name: z.string(),
  district: z.string(),
  /** Prefix of public volunteer numbers (e.g. XFL → XFL-000001). */
  code: z.string(),
  grids: z.array(Grid),
});
export type Community = z.infer<typeof Community>;

export const GetCommunityInput = z.object({ communityId: CommunityId });
export type GetCommunityInput = z.infer<typeof GetCommunityInput>;

export const SaveCommunityInput = z.object({
  communityId: CommunityId,
  name: plainText(2, 40),
  district: plainText(2, 60),
  /** 2–6 capital letters; fixed once volunteers have numbers. */
  code: z.string().regex(/^[A-Z]{2,6}$/, '2–6 capital letters'),
});
export type SaveCommunityInput = z.infer<typeof SaveCommunityInput>;

export const SaveGridInput = z.object({
  communityId: CommunityId,
  grid: Grid,
});
export type SaveGridInput = z.infer<typeof SaveGridInput>;

export const RemoveGridInput = z.object({ communityId: CommunityId, gridId: GridId });
export type RemoveGridInput = z.infer<typeof RemoveGridInput>;

export const Organization = z.object({
  organizationId: DocId,
  communityId: CommunityId,
  name: z.string(),
  kind: OrganizationKind,
  status: organizationMachine.State,
  /** 统一社会信用代码, when the organization has one (a 社区社会组织 filed with the street may not). */
  creditCode: z.string().nullable(),
  /** Masked (王某, 138****5678): answers of state-changing actions are stored for replays, so they carry no personal data in clear. */
  contactName: z.string(),
  contactPhone: z.string(),
  socialWorkers: z.array(OpenId),
  rejectReason: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.number().int(),
});
export type Organization = z.infer<typeof Organization>;

export const RegisterOrganizationInput = z.object({
  communityId: CommunityId,
  name: plainText(2, 60),
  kind: OrganizationKind,
  creditCode: z
    .string()
    .regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, '统一社会信用代码: 18 characters')
    .nullable()
    .default(null),
  contactName: plainText(2, 30),
  contactPhone: MobilePhone,
});
export type RegisterOrganizationInput = z.infer<typeof RegisterOrganizationInput>;

export const ReviewOrganizationInput = z.discriminatedUnion('decision', [
  z.object({ organizationId: DocId, decision: z.literal('approve'), version: z.number().int().min(0).optional() }),
  z.object({ organizationId: DocId, decision: z.literal('reject'), reason: plainText(2, 200), version: z.number().int().min(0).optional() }),
]);
export type ReviewOrganizationInput = z.infer<typeof ReviewOrganizationInput>;

export const LinkSocialWorkerInput = z.object({
  organizationId: DocId,
  /** Must hold the social-worker role in the organization's community (granted with user.setRole). */
  openid: OpenId,
  linked: z.boolean(),
});
export type LinkSocialWorkerInput = z.infer<typeof LinkSocialWorkerInput>;

export const ListOrganizationsInput = z.object({
  communityId: CommunityId,
  /** Staff may list any status; everyone else sees approved organizations only. */
  status: organizationMachine.State.optional(),
  after: PageCursor.nullable().default(null),
  limit: z.number().int().min(1).max(50).default(20),
});
export type ListOrganizationsInput = z.infer<typeof ListOrganizationsInput>;

export const Team = z.object({
  teamId: DocId,
  communityId: CommunityId,
  organizationId: DocId.nullable(),
  name: z.string(),
  tags: z.array(TeamTag),
  /** Leaders and members are listed to staff of the community and to the team's own members; others see counts only (empty lists). */
  leaders: z.array(OpenId),
  members: z.array(OpenId),
  memberCount: z.number().int(),
  createdAt: z.number().int(),
});
export type Team = z.infer<typeof Team>;

const Leaders = z.array(OpenId).min(1).max(5).refine((a) => new Set(a).size === a.length, 'each leader once');
const Tags = z.array(TeamTag).max(5).refine((a) => new Set(a).size === a.length, 'each tag once');

export const CreateTeamInput = z.object({
  communityId: CommunityId,
  /** An approved organization of the community, or null for a team directly under the community. */
  organizationId: DocId.nullable().default(null),
  name: plainText(2, 30),
  tags: Tags,
  /** Verified volunteers of the community; they become members too. */
  leaders: Leaders,
});
export type CreateTeamInput = z.infer<typeof CreateTeamInput>;

export const UpdateTeamInput = z.object({
  teamId: DocId,
  name: plainText(2, 30).optional(),
  tags: Tags.optional(),
  leaders: Leaders.optional(),
});
export type UpdateTeamInput = z.infer<typeof UpdateTeamInput>;

/**
 * Staff dissolve a team (with a reason, audited): the team document is removed, and its leaders
 * lose the leader role in the community unless they still lead another team there.
 */
export const DissolveTeamInput = z.object({ teamId: DocId, reason: plainText(2, 200) });
export type DissolveTeamInput = z.infer<typeof DissolveTeamInput>;
export const DissolveTeamOutput = z.object({ teamId: DocId, dissolved: z.literal(true), leadersRevoked: z.array(OpenId) });
export type DissolveTeamOutput = z.infer<typeof DissolveTeamOutput>;

/** The caller (a verified volunteer of the team's community) joins or leaves a team. */
export const JoinTeamInput = z.object({ teamId: DocId, join: z.boolean() });
export type JoinTeamInput = z.infer<typeof JoinTeamInput>;

/** A leader of the team (or staff) adds or removes a member; a leader cannot be removed this way. */
export const SetTeamMemberInput = z.object({ teamId: DocId, openid: OpenId, member: z.boolean() });
export type SetTeamMemberInput = z.infer<typeof SetTeamMemberInput>;

export const ListTeamsInput = z.object({
  communityId: CommunityId,
  tag: TeamTag.optional(),
  after: PageCursor.nullable().default(null),
  limit: z.number().int().min(1).max(50).default(20),
});
export type ListTeamsInput = z.infer<typeof ListTeamsInput>;

export const OrganizationPage = z.object({ items: z.array(Organization), next: PageCursor.nullable() });
export const TeamPage = z.object({ items: z.array(Team), next: PageCursor.nullable() });

export const orgContract = defineContract({
  name: 'org',
  actions: {
    // Any caller: the community's public structure (names of grids and buildings).
    getCommunity: { input: GetCommunityInput, output: Community, mutates: false },
    // community-admin of that community: creates or renames the community document.
    saveCommunity: { input: SaveCommunityInput, output: Community, mutates: true },
    // staff of the community: adds or replaces a grid (by id) with its buildings and 网格员.
    saveGrid: { input: SaveGridInput, output: Community, mutates: true },
    removeGrid: { input: RemoveGridInput, output: Community, mutates: true },
    // Any caller with a profile: applies for an organization; staff approve or reject it.
    registerOrganization: { input: RegisterOrganizationInput, output: Organization, mutates: true },
    reviewOrganization: { input: ReviewOrganizationInput, output: Organization, mutates: true },
    linkSocialWorker: { input: LinkSocialWorkerInput, output: Organization, mutates: true },
    listOrganizations: { input: ListOrganizationsInput, output: OrganizationPage, mutates: false },
    // staff of the community: teams, their leaders and tags.
    createTeam: { input: CreateTeamInput, output: Team, mutates: true },
    updateTeam: { input: UpdateTeamInput, output: Team, mutates: true },
    dissolveTeam: { input: DissolveTeamInput, output: DissolveTeamOutput, mutates: true },
    joinTeam: { input: JoinTeamInput, output: Team, mutates: true },
    setTeamMember: { input: SetTeamMemberInput, output: Team, mutates: true },
    listTeams: { input: ListTeamsInput, output: TeamPage, mutates: false },
  },
});
export type OrgContract = typeof orgContract;
