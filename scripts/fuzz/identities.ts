// Who the fuzzer is: nobody (sign-in, the public and Open311 doors, Twilio's webhooks), then
// each role's demo user (prisma/seed/users.ts), signed in through the API itself. A role's run
// covers the operations the description lets it call; the admin's covers every signed-in
// operation, so the refusals (403) are fuzzed too. The admin comes last: its run deactivates
// units and users and changes rule settings, which must not starve the other runs.
import type { Role } from '../../api/auth/tokens';
import { allOperations, operationIdOf } from '../../api/openapi/document';
import type { Operation } from '../../api/openapi/operation';
import { DEMO_USERS } from '../../prisma/seed/users';

export interface Identity {
  /** Name used in the summary and in FUZZ_IDENTITIES. */
  name: string;
  /** Demo username; null for the anonymous run. */
  username: string | null;
  /** operationIds of the description its run covers. */
  operationIds: string[];
  /** Share of the time budget. */
  weight: number;
}

const DEMO_PASSWORD = 'Demo@12345';

const ROLE_ORDER: Role[] = ['operator', 'dispatcher', 'unitHandler', 'unitLeader', 'supervisor', 'auditor', 'admin'];

function demoUserOf(role: Role): string {
  const user = DEMO_USERS.find((candidate) => candidate.roles.length === 1 && candidate.roles[0] === role);
  if (!user) throw new Error(`no demo user has only the role ${role}`);
  return user.username;
}

function idsOf(select: (op: Operation) => boolean): string[] {
  return allOperations().filter(select).map(operationIdOf);
}

const mayCall = (role: Role) => (op: Operation) => op.auth === 'bearer' && (role === 'admin' || !op.roles || op.roles.includes(role));

export const IDENTITIES: Identity[] = [
  { name: 'anonymous', username: null, operationIds: idsOf((op) => op.auth !== 'bearer'), weight: 2 },
  ...ROLE_ORDER.map((role) => ({ name: role, username: demoUserOf(role), operationIds: idsOf(mayCall(role)), weight: role === 'admin' ? 3 : 1 })),
];

/** Signs in through POST /auth/login and returns the access token. */
export async function signIn(apiUrl: string, username: string): Promise<string> {
  const response = await fetch(`${apiUrl}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  if (response.status !== 200) throw new Error(`signing in as ${username} answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** An Open311 API key, issued through the admin API as an office would. */
export async function issueOpen311Key(apiUrl: string, adminToken: string): Promise<string> {
  const response = await fetch(`${apiUrl}/api/api-clients`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ name: 'schemathesis fuzzer' }),
  });
  if (response.status !== 201) throw new Error(`issuing an Open311 key answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { apiKey: string }).apiKey;
}
