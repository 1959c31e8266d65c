/**
 * Factories for organizations, members, teams, resources and grants, made
 * through the GraphQL API as a client would: the ones the browser tests use
 * too (@rolegraph/test-support).
 */
export {
  PASSWORD,
  addMember,
  createApiKey,
  check,
  createModelChain,
  createResource,
  createTeam,
  grant,
  revoke,
  signUpOrg,
  signUpSpecCast,
  tokenOf,
  uniqueEmail,
  type CreateResourceFields,
  type TestOrg,
  type TestUser,
} from '@rolegraph/test-support';
