import type { TeamEntity } from './team.entity';
import type { Team } from './team.types';

/** A team row as the API presents it. */
export function presentTeam(entity: TeamEntity): Team {
  return { id: entity.id, name: entity.name, description: entity.description, createdAt: entity.createdAt };
}
