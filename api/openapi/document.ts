// The OpenAPI 3.1 description of the API, built from the operation table and the zod schemas
// the routes validate with (z.toJSONSchema), so the description cannot drift from validation.
import { z } from 'zod';
import { COMMAND_NAMES, commandInputs } from '../../rules/lifecycle/commands';
import { caseIdParams } from '../cases/params';
import { operations } from './operations';
import type { Operation } from './operation';

type Json = Record<string, unknown>;

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'invalid input; `fields` names each bad field and why',
  401: 'no valid access token',
  403: 'the role or unit may not do this',
  404: 'no such resource, or not visible to this user',
  409: 'invalid in the current state; the message gives the workflow’s reason',
  410: 'no longer available',
  413: 'body too large',
  415: 'unsupported content type',
  416: 'range not satisfiable',
  422: 'the Idempotency-Key was used for a different request (code `idempotency_key_reused`)',
  429: 'too many requests; retry later',
  502: 'an upstream service (Twilio) refused or failed; nothing was changed',
  503: 'a dependency is down',
};

const INTAKE_ACCEPTED = 'registered (the same answer), but the case is not listed yet: it appears by itself within moments; a retry with the same Idempotency-Key answers 201 once it is listed';
const INTAKE_UNAVAILABLE = 'the case could not be registered now (its workflow could not be started; `Retry-After` says when to try again): no case exists; a retry with the same Idempotency-Key registers it';

const schemaOf = (schema: z.ZodType): Json => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  return rest;
};

/** Express `/a/:id` → OpenAPI `/a/{id}` */
export const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

const IDEMPOTENCY_KEY_DESCRIPTIONS = {
  intake:
    'The client’s name for this registration (16–255 visible ASCII characters, e.g. a UUID), the same on every retry of it: a retry gets the first answer (same case number and query password) and never makes a second case; keys are kept 7 days.',
  command: 'The client’s name for this command, the same on every retry of it: a retry is the same workflow Update (per user and command), applied once, and answers its result again.',
} as const;

function parameters(op: Operation): Json[] {
  const list: Json[] = [];
  if (op.idempotencyKey) {
    list.push({ name: 'Idempotency-Key', in: 'header', required: false, description: IDEMPOTENCY_KEY_DESCRIPTIONS[op.idempotencyKey], schema: { type: 'string', minLength: 16, maxLength: 255, pattern: '^[!-~]+$' } });
  }
  const names = [...op.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const paramSchema = op.params ? (schemaOf(op.params).properties as Record<string, Json> | undefined) : undefined;
  for (const name of names) list.push({ name, in: 'path', required: true, schema: paramSchema?.[name] ?? { type: 'string' } });
  if (op.query) {
    const query = schemaOf(op.query);
    const required = new Set((query.required as string[] | undefined) ?? []);
    for (const [name, schema] of Object.entries((query.properties as Record<string, Json>) ?? {})) {
      list.push({ name, in: 'query', required: required.has(name), schema });
    }
  }
  return list;
}

/**
 * OpenAPI links from a create's answer to every operation that takes the created id (and the
 * query parameters the answer carries), so that a client, or a stateful fuzzer, can follow
 * a created case to its reads and commands.
 */
function linksOf(op: Operation, all: Operation[]): Json | undefined {
  const creates = op.success.creates;
  if (!creates) return undefined;
  const idName = /:(\w+)$/.exec(creates.under)?.[1];
  if (!idName) throw new Error(`${op.method} ${op.path}: creates.under must end with the id's parameter`);
  const targets = all.filter((target) => target.path === creates.under || target.path.startsWith(`${creates.under}/`));
  if (targets.length === 0) throw new Error(`${op.method} ${op.path}: no operation under ${creates.under}`);
  const parameters: Json = { [`path.${idName}`]: `$response.body#${creates.pointer}` };
  for (const [name, pointer] of Object.entries(creates.query ?? {})) parameters[`query.${name}`] = `$response.body#${pointer}`;
  return Object.fromEntries(targets.map((target) => {
    const operationId = operationIdOf(target);
    return [operationId.charAt(0).toUpperCase() + operationId.slice(1), { operationId, parameters }];
  }));
}

function responses(op: Operation, all: Operation[]): Json {
  const out: Json = {};
  const success: Json = { description: op.success.description };
  const links = linksOf(op, all);
  if (links) success.links = links;
  const answer = op.success.list || op.success.array ? { type: 'array', items: { type: 'object' } } : op.success.schema ? schemaOf(op.success.schema) : { type: 'object' };
  if (op.success.status !== 204) success.content = Object.fromEntries((op.produces ?? ['application/json']).map((type) => [type, { schema: answer }]));
  if (op.success.list) success.headers = { 'Content-Range': { description: '`<resource> <start>-<end>/<total>`; the total is `*` when more rows match than the list counts', schema: { type: 'string' } } };
  out[String(op.success.status)] = success;
  const accepted = op.accepted ?? (op.registersCase ? INTAKE_ACCEPTED : undefined);
  if (accepted) out['202'] = { ...success, description: accepted };
  const errors = new Set(op.errors ?? []);
  if (op.idempotencyKey) errors.add(400);
  if (op.idempotencyKey === 'intake') errors.add(422);
  if (op.registersCase) errors.add(503);
  if (op.params || op.query || op.body) errors.add(400);
  // Every body parser has a ceiling.
  if (op.body) errors.add(413);
  if (op.auth === 'bearer') errors.add(401);
  if (op.auth === 'twilioSignature') errors.add(403);
  if (op.roles) errors.add(403);
  // Open311 answers errors in its own list format, in the URL's format.
  const open311 = op.tag === 'open311' && op.auth === 'none';
  const errorSchema = open311 ? { $ref: '#/components/schemas/Open311Errors' } : { $ref: '#/components/schemas/Error' };
  const errorTypes = open311 ? (op.produces ?? ['application/json']) : ['application/json'];
  for (const status of [...errors].sort()) {
    const description = status === 503 && op.registersCase ? INTAKE_UNAVAILABLE : (ERROR_DESCRIPTIONS[status] ?? 'error');
    out[String(status)] = { description, content: Object.fromEntries(errorTypes.map((type) => [type, { schema: errorSchema }])) };
  }
  return out;
}

/** `POST /api/cases/:id/commands/urge` → `postApiCasesIdCommandsUrge` */
export const operationIdOf = (op: Pick<Operation, 'method' | 'path'>) => `${op.method.toLowerCase()}${op.path.replace(/[^a-zA-Z0-9]+(\w)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`;

function operationObject(op: Operation, all: Operation[]): Json {
  const object: Json = {
    tags: [op.tag],
    summary: op.summary,
    operationId: operationIdOf(op),
    parameters: parameters(op),
    responses: responses(op, all),
  };
  if (op.roles) object.description = `Roles: ${op.roles.join(', ')}.`;
  object.security = op.auth === 'none' ? [] : [{ [op.auth]: [] }];
  if (op.body) object.requestBody = { required: true, content: Object.fromEntries((op.consumes ?? ['application/json']).map((type) => [type, { schema: schemaOf(op.body!) }])) };
  return object;
}

/** One operation per case command: each has its own body schema. */
function commandOperations(): Operation[] {
  return COMMAND_NAMES.map((command) => ({
    method: 'POST',
    path: `/api/cases/:id/commands/${command}`,
    tag: 'commands',
    summary: `Run ${command} as an Update of the case’s workflow; answers with the new state`,
    auth: 'bearer',
    params: caseIdParams,
    body: commandInputs[command],
    success: { status: 200, description: 'the case’s state after the command' },
    accepted: 'the case took the command, but its projection write is stuck (docs/stuck-cases.md): the state after the command, with `projectionPending: true`',
    errors: [403, 404, 409, 503],
    idempotencyKey: 'command' as const,
  }));
}

export function allOperations(): Operation[] {
  return [...operations, ...commandOperations()];
}

export function buildOpenApiDocument(version: string): Json {
  const paths: Record<string, Json> = {};
  const all = allOperations();
  for (const op of all) {
    const path = toOpenApiPath(op.path);
    paths[path] = { ...(paths[path] ?? {}), [op.method.toLowerCase()]: operationObject(op, all) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '12345 hotline case API',
      version,
      description: 'Cases are Temporal workflows; every command is a workflow Update, every list is read from the PostgreSQL projection. Errors have one shape: `{ error: { code, message, fields? } }`.',
    },
    servers: [{ url: '/' }],
    tags: [...new Set(allOperations().map((op) => op.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        twilioSignature: { type: 'apiKey', in: 'header', name: 'X-Twilio-Signature', description: 'Twilio webhooks: HMAC-SHA1 of the public URL and the sorted form parameters under the auth token' },
      },
      schemas: {
        Open311Errors: {
          type: 'array',
          items: { type: 'object', required: ['code', 'description'], properties: { code: { type: 'integer' }, description: { type: 'string' } } },
        },
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { type: 'string' }, message: { type: 'string' }, fields: { type: 'object', additionalProperties: { type: 'string' } } },
            },
          },
        },
      },
    },
  };
}
