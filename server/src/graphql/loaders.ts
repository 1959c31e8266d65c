import DataLoader from 'dataloader';
import { In, type DataSource, type ObjectLiteral, type EntityTarget } from 'typeorm';
import { AccountEntity } from '../auth/account.entity';
import { OrganizationEntity } from '../directory/organization.entity';
import { MembershipEntity } from '../directory/membership.entity';
import { GrantEntity } from '../resources/grant.entity';
import { TeamEntity } from '../teams/team.entity';
import { ResourceEntity } from '../resources/resource.entity';

/** Per-request batch loaders, so a list of N items reads related rows in one query, not N. */
export interface Loaders {
  readonly account: DataLoader<string, AccountEntity | null>;
  readonly organization: DataLoader<string, OrganizationEntity | null>;
  /** Memberships of the acting organization by account id. */
  readonly membership: DataLoader<string, MembershipEntity | null>;
  /** Grants of the acting organization by id. */
  readonly grant: DataLoader<string, GrantEntity | null>;
  /** Teams of the acting organization by id. */
  readonly team: DataLoader<string, TeamEntity | null>;
  /** Resource rows of the acting organization by id (credentials excluded). */
  readonly resource: DataLoader<string, ResourceEntity | null>;
  /** Forgets everything loaded (a live delivery starts fresh). */
  reset(): void;
}

function byId<T>(rows: readonly T[], ids: readonly string[], idOf: (row: T) => string): (T | null)[] {
  const map = new Map(rows.map((r) => [idOf(r), r]));
  return ids.map((id) => map.get(id) ?? null);
}

/**
 * Loaders are created on first use: most requests (a check, a live delivery)
 * use none, and resetting then costs nothing.
 */
export function createLoaders(dataSource: DataSource, organizationId: string | null): Loaders {
  const created = new Map<string, DataLoader<string, unknown>>();
  const lazy = <T extends ObjectLiteral>(name: string, entity: EntityTarget<T>, key: keyof T & string, scoped: boolean): DataLoader<string, T | null> => {
    let loader = created.get(name) as DataLoader<string, T | null> | undefined;
    if (!loader) {
      loader = new DataLoader<string, T | null>(async (ids) => {
        if (scoped && !organizationId) return ids.map(() => null);
        const where = { [key]: In([...ids]), ...(scoped ? { organizationId } : {}) };
        const rows = await dataSource.getRepository(entity).findBy(where as never);
        return byId(rows, ids, (row) => String(row[key]));
      });
      created.set(name, loader as DataLoader<string, unknown>);
    }
    return loader;
  };
  return {
    get account() {
      return lazy(`account`, AccountEntity, 'id', false);
    },
    get organization() {
      return lazy('organization', OrganizationEntity, 'id', false);
    },
    get membership() {
      return lazy('membership', MembershipEntity, 'accountId', true);
    },
    get grant() {
      return lazy('grant', GrantEntity, 'id', true);
    },
    get team() {
      return lazy('team', TeamEntity, 'id', true);
    },
    get resource() {
      return lazy('resource', ResourceEntity, 'id', true);
    },
    reset() {
      created.clear();
    },
  };
}
