// The single data access point of the admin console: ra-data-simple-rest against /api, plus
// custom methods. Components reach the backend only through this provider.
import { fetchUtils, HttpError, type DataProvider } from 'react-admin';
import simpleRestProvider from 'ra-data-simple-rest';
import { localizeFieldMessage } from './apiFieldMessages';
import { backendErrorMessage } from './apiRefusal';
import { freshAccessToken } from './freshSession';
import { isRecord } from './session';
import type { CalendarWarning, HealthCheck, HealthReport as ServerHealthReport, StuckStepSummary } from '../../../../api/health/report';

/** GET /healthz as the server types it (api/health/report.ts). */
export type { CalendarWarning, HealthCheck, StuckStepSummary };
export type HealthReport = ServerHealthReport;

export interface GetHealthParams {
  signal?: AbortSignal;
}

export interface HotlineDataProvider extends DataProvider {
  /** `GET /healthz` (public). Resolves with the report whether healthy (200), degraded by stuck cases (200) or not ready (503). */
  getHealth: (params?: GetHealthParams) => Promise<HealthReport>;
  /** `POST /api/cases/:id/commands/:command`: the case's state after the command (`projectionPending` on a 202), applied once per Idempotency-Key. */
  runCommand: (caseId: string, command: string, body: unknown, options?: WriteOptions) => Promise<CaseState>;
  /** `GET` any API path (e.g. `/api/telephony/calls?…`); rejects with an HttpError. */
  getJson: <T = unknown>(path: string, params?: { signal?: AbortSignal }) => Promise<T>;
  /** `POST` (or another method) a JSON body to any API path. */
  sendJson: <T = unknown>(path: string, body: unknown, method?: 'POST' | 'PUT' | 'DELETE', options?: WriteOptions) => Promise<T>;
  /** `GET` a file (export, report, recording) with the bearer token, as a Blob. */
  getBlob: (path: string) => Promise<Blob>;
  /** `POST` files as multipart/form-data (one `file` part each) to an upload route such as `/api/cases/:id/attachments`. */
  uploadFiles: <T = unknown>(path: string, files: readonly File[]) => Promise<T>;
}

/** What a write may carry besides its body. */
export interface WriteOptions {
  /** Sent as `Idempotency-Key` (providers/actionKeys.ts): a retry of the same action is applied once. */
  idempotencyKey?: string;
}

const writeHeaders = (options: WriteOptions = {}): HeadersInit => ({
  Accept: 'application/json',
  ...(options.idempotencyKey === undefined ? {} : { 'Idempotency-Key': options.idempotencyKey }),
});

/** The workflow's answer to a command (its queried state); the console reads only a few fields. */
export interface CaseState {
  caseId: string;
  status: string;
  /** The case took the command, but its projection write is stuck (202): lists and pages show it later. */
  projectionPending?: true;
  [field: string]: unknown;
}

const isHealthReport = (value: unknown): value is HealthReport =>
  isRecord(value) &&
  (value.status === 'ok' || value.status === 'degraded') &&
  isRecord(value.checks) &&
  Object.values(value.checks).every((check) => isRecord(check) && typeof check.ok === 'boolean');


/** The error body with its field messages in the console's language. */
const withLocalizedFields = (body: unknown): unknown => {
  if (!isRecord(body) || !isRecord(body.error) || !isRecord(body.error.fields)) return body;
  const fields = Object.fromEntries(Object.entries(body.error.fields).map(([field, message]) => [field, typeof message === 'string' ? localizeFieldMessage(message) : message]));
  return { ...body, error: { ...body.error, fields } };
};

/** fetchJson plus the bearer token, with the backend's error message on HttpErrors. */
export const httpClient: typeof fetchUtils.fetchJson = async (
  url: string,
  options: fetchUtils.Options = {},
) => {
  const headers = new Headers(options.headers ?? { Accept: 'application/json' });
  const token = await freshAccessToken();
  if (token !== null) headers.set('Authorization', `Bearer ${token}`);
  try {
    return await fetchUtils.fetchJson(url, { ...options, headers });
  } catch (error) {
    if (error instanceof HttpError) {
      const message = backendErrorMessage(error.body);
      if (message !== undefined) throw new HttpError(message, error.status, withLocalizedFields(error.body));
    }
    throw error;
  }
};

const restProvider = simpleRestProvider('/api', httpClient);

/**
 * The list's rows with only these fields (`meta: { fields }`, api/cases/listFields.ts): a view of
 * many rows and few columns, the supervisor's board. ra-data-simple-rest sends no such parameter,
 * so it goes on the URL the provider built.
 */
const withFields = (fields: readonly string[]) =>
  simpleRestProvider('/api', (url, options) => httpClient(`${url}&fields=${encodeURIComponent(JSON.stringify(fields))}`, options));


export const dataProvider: HotlineDataProvider = {
  ...restProvider,

  // A list whose total the API did not count (Content-Range `…/*`: more than it counts, see
  // api/cases/caseList.ts) pages without one: "1-25 of more than 25", next while pages are full.
  async getList(resource, params) {
    const fields: unknown = params.meta?.fields;
    const provider = Array.isArray(fields) ? withFields(fields as string[]) : restProvider;
    const result = await provider.getList(resource, params);
    if (result.total !== undefined && !Number.isNaN(result.total)) return result;
    const { page, perPage } = params.pagination ?? { page: 1, perPage: 10 };
    return { data: result.data, pageInfo: { hasPreviousPage: page > 1, hasNextPage: result.data.length === perPage } };
  },

  async runCommand(caseId, command, body, options) {
    const { json } = await httpClient(`/api/cases/${encodeURIComponent(caseId)}/commands/${command}`, { method: 'POST', body: JSON.stringify(body), headers: writeHeaders(options) });
    return json as CaseState;
  },

  async getJson<T>(path: string, { signal }: { signal?: AbortSignal } = {}) {
    const { json } = await httpClient(path, { signal });
    return json as T;
  },

  async sendJson<T>(path: string, body: unknown, method: 'POST' | 'PUT' | 'DELETE' = 'POST', options?: WriteOptions) {
    const { json } = await httpClient(path, { method, body: JSON.stringify(body), headers: writeHeaders(options) });
    return json as T;
  },

  async uploadFiles<T>(path: string, files: readonly File[]) {
    const body = new FormData();
    for (const file of files) body.append('file', file, file.name);
    // fetchJson leaves the Content-Type of a FormData body to the browser (with its boundary).
    const { json } = await httpClient(path, { method: 'POST', body });
    return json as T;
  },

  async getBlob(path: string) {
    const token = await freshAccessToken();
    const response = await fetch(path, { headers: token === null ? {} : { Authorization: `Bearer ${token}` } });
    if (!response.ok) {
      const body: unknown = await response.json().catch(() => undefined);
      throw new HttpError(backendErrorMessage(body) ?? response.statusText, response.status, body);
    }
    return response.blob();
  },

  async getHealth({ signal }: GetHealthParams = {}) {
    let body: unknown;
    try {
      // Public endpoint: plain fetchJson, no Authorization header.
      ({ json: body } = await fetchUtils.fetchJson('/healthz', { signal }));
    } catch (error) {
      // 503 = degraded; its body is the same report.
      if (error instanceof HttpError && error.status === 503 && isHealthReport(error.body)) {
        return error.body;
      }
      throw error;
    }
    if (!isHealthReport(body)) {
      throw new Error('hotline.health.unexpectedResponse');
    }
    return body;
  },
};
