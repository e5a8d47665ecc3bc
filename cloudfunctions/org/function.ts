// The org function: its contract bound to its handlers. Tests import this module (not index,
// which would resolve to the generated index.js bundle when one exists).
import { orgContract } from '../../core/volunteer/org.contract';
import { defineFunction } from '../../server/define-function';
import { getCommunity, removeGrid, saveCommunity, saveGrid } from './actions/community';
import { linkSocialWorker, listOrganizations, registerOrganization, reviewOrganization } from './actions/organizations';
import { createTeam, dissolveTeam, joinTeam, listTeams, setTeamMember, updateTeam } from './actions/teams';

export const org = defineFunction(orgContract, {
  getCommunity,
  saveCommunity,
  saveGrid,
  removeGrid,
  registerOrganization,
  reviewOrganization,
  linkSocialWorker,
  listOrganizations,
  createTeam,
  updateTeam,
  dissolveTeam,
  joinTeam,
  setTeamMember,
  listTeams,
});
