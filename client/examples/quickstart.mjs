// The quickstart of README.md, runnable: `npm run demo` in one terminal, then
// `pnpm --filter @rolegraph/client run build && node client/examples/quickstart.mjs` in another.
import { LocalMirror, RolegraphClient } from '../dist/index.js';

const url = process.env.ROLEGRAPH_URL ?? 'http://localhost:4000';

async function graphql(query, variables, token) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body;
}

// 1. Sign in as the demo owner and create an API key for your service (once; keep the secret).
const session = (
  await graphql(
    `
      mutation ($input: SignInInput!) {
        signIn(input: $input) {
          token
        }
      }
    `,
    {
      input: { email: 'hana@demo.rolegraph.test', password: 'rolegraph-demo' },
    },
  )
).data.signIn.token;
const apiKey = (
  await graphql(
    `
      mutation {
        createApiKey(input: { name: "quickstart", scopes: { directory: READ, resources: READ, permissions: READ } }) {
          secret
        }
      }
    `,
    {},
    session,
  )
).data.createApiKey.secret;

// 2. The client.
const rolegraph = new RolegraphClient({ url, apiKey });

// Ids of Jo and of the Support Bot assistant (your service has its own).
const { members } = await rolegraph.request(`{ members(first: 50) { edges { node { id email } } } }`, {});
const jo = members.edges.find((e) => e.node.email === 'jo@demo.rolegraph.test').node.id;
const { resources } = await rolegraph.request(`{ resources(type: ASSISTANT, search: "Support Bot") { edges { node { id } } } }`, {});
const supportBot = resources.edges[0].node.id;

// 3. Ask.
const decision = await rolegraph.check({ userId: jo, action: 'chat', resourceId: supportBot });
console.log(`May Jo chat with Support Bot? ${decision.allowed} (${decision.level}, at ${decision.revision})`);
const why = await rolegraph.explain(jo, supportBot);
console.log(`Why: ${why.reasons.map((r) => r.summary).join('; ')}`);

// 4. A local mirror for Jo: checks answered in process, following every change.
const mirror = await LocalMirror.start(rolegraph, { users: [jo] });
console.log('From the mirror:', await mirror.check({ userId: jo, action: 'chat', resourceId: supportBot }));

// 5. Take Jo out of team Data (her access to the project comes from it) and ask again with the revoke's token.
const { teams } = await graphql(
  `
    {
      teams(first: 10) {
        edges {
          node {
            id
            name
          }
        }
      }
    }
  `,
  {},
  session,
).then((r) => r.data);
const data = teams.edges.find((e) => e.node.name === 'Data').node.id;
const removed = await graphql(
  `
    mutation ($input: RemoveTeamMemberInput!) {
      removeTeamMember(input: $input) {
        id
      }
    }
  `,
  { input: { teamId: data, userId: jo } },
  session,
);
const afterRevoke = await mirror.check({ userId: jo, action: 'chat', resourceId: supportBot }, removed.extensions.accessRevision);
console.log('After the change, from the mirror:', afterRevoke);

await mirror.close();
