import type { ImportFile } from './importFormat';

export const DEMO_PASSWORD = 'rolegraph-demo';
export const DEMO_ORGANIZATION = 'Ekai Demo';

/**
 * The seed pages' example as an import file: owner Hana Aoki (HA), admin Ravi
 * Patel, users Jo Doe (JD) and Kim Lee; team Data = {Jo, Kim}; project
 * "Customer Support" (Ravi's) with Kim's live assistant; a connection, a
 * schema agent and the "Sales" semantic model owned by Hana and shared with
 * Jo — "Owner: HA • Shared with: JD".
 */
export function demoFile(): ImportFile {
  const person = (key: string, name: string, role: 'OWNER' | 'ADMIN' | 'USER') => ({
    key,
    name,
    role,
    email: `${key}@demo.rolegraph.test`,
    password: DEMO_PASSWORD,
  });
  return {
    members: [person('hana', 'Hana Aoki', 'OWNER'), person('ravi', 'Ravi Patel', 'ADMIN'), person('jo', 'Jo Doe', 'USER'), person('kim', 'Kim Lee', 'USER')],
    teams: [
      {
        key: 'data',
        name: 'Data',
        description: 'Analysts building semantic models',
        members: [
          { member: 'kim', role: 'ADMIN' },
          { member: 'jo', role: 'MEMBER' },
        ],
      },
    ],
    resources: [
      { key: 'support', type: 'PROJECT', name: 'Customer Support', description: 'Assistants for the support desk', owner: 'ravi' },
      { key: 'support-bot', type: 'ASSISTANT', name: 'Support Bot', owner: 'kim', parent: 'support', status: 'LIVE', visibility: 'PRIVATE' },
      { key: 'faq-bot', type: 'ASSISTANT', name: 'Public FAQ', owner: 'ravi', parent: 'support', status: 'LIVE', visibility: 'PUBLIC' },
      { key: 'escalations', type: 'ASSISTANT', name: 'Escalations (draft)', owner: 'ravi', parent: 'support', status: 'DRAFT', visibility: 'PRIVATE' },
      { key: 'handbook', type: 'CORPUS', name: 'Product Handbook', owner: 'kim' },
      {
        key: 'warehouse',
        type: 'CONNECTION',
        name: 'Sales Warehouse',
        owner: 'hana',
        credentials: 'postgres://analytics:demo-secret@warehouse.internal/sales',
      },
      { key: 'sales-schema', type: 'SCHEMA_AGENT', name: 'Sales Schema', owner: 'hana', attributes: { connectionId: 'warehouse' } },
      { key: 'sales', type: 'SEMANTIC_MODEL', name: 'Sales', owner: 'hana', attributes: { schemaAgentId: 'sales-schema' } },
    ],
    grants: [
      { resource: 'support', team: 'data', level: 'MEMBER' },
      { resource: 'warehouse', user: 'jo', level: 'MEMBER' },
      { resource: 'sales-schema', user: 'jo', level: 'MEMBER' },
      { resource: 'sales', user: 'jo', level: 'EDITOR' },
      { resource: 'handbook', team: 'data', level: 'VIEWER' },
    ],
  };
}
