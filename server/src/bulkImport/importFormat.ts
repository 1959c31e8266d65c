import { z } from 'zod';
import { ASSISTANT_STATUSES, ASSISTANT_VISIBILITIES, GRANTABLE_LEVELS, ORG_ROLES, RESOURCE_TYPES, TEAM_ROLES } from '@rolegraph/shared';

/**
 * The bulk import file (docs/bulk-import.md): members, teams, resources and
 * grants of one organization, cross-referenced by the file's own keys.
 */
const key = z.string().min(1).max(200);

export const ImportMemberSchema = z.object({
  key,
  email: z.string(),
  name: z.string(),
  role: z.enum(ORG_ROLES).default('USER'),
  password: z.string().optional(),
});

export const ImportTeamSchema = z.object({
  key,
  name: z.string(),
  description: z.string().optional(),
  members: z.array(z.object({ member: key, role: z.enum(TEAM_ROLES).default('MEMBER') })).default([]),
});

export const ImportResourceSchema = z.object({
  key,
  type: z.enum(RESOURCE_TYPES),
  name: z.string(),
  description: z.string().optional(),
  owner: key,
  parent: key.optional(),
  status: z.enum(ASSISTANT_STATUSES).optional(),
  visibility: z.enum(ASSISTANT_VISIBILITIES).optional(),
  /** Type-specific attributes; references the type is built on (e.g. connectionId) hold resource keys of this file. */
  attributes: z.record(z.string(), z.unknown()).optional(),
  credentials: z.string().optional(),
});

export const ImportGrantSchema = z.object({
  resource: key,
  user: key.optional(),
  team: key.optional(),
  level: z.enum(GRANTABLE_LEVELS),
});

export const ImportFileSchema = z.object({
  /** Seats the organization should have after the import (never fewer than it needs). */
  seats: z.number().int().positive().optional(),
  members: z.array(ImportMemberSchema).default([]),
  teams: z.array(ImportTeamSchema).default([]),
  resources: z.array(ImportResourceSchema).default([]),
  grants: z.array(ImportGrantSchema).default([]),
});

export type ImportFile = z.infer<typeof ImportFileSchema>;
export type ImportMember = z.infer<typeof ImportMemberSchema>;
export type ImportTeam = z.infer<typeof ImportTeamSchema>;
export type ImportResource = z.infer<typeof ImportResourceSchema>;
export type ImportGrant = z.infer<typeof ImportGrantSchema>;
