// A small client for the admin API tests: any method with a JSON body, tokens per demo user.
import { randomBytes } from 'node:crypto';
import { DEMO_PASSWORD } from '../../prisma/seed/users';
import { postJson } from './http';

export interface JsonResponse {
  status: number;
  body: any;
  headers: Headers;
}

export class AdminApiClient {
  private readonly tokens: Record<string, string> = {};
  /** Makes ids and codes of one run unique in the shared test database. */
  readonly run = randomBytes(3).toString('hex');

  constructor(readonly url: string) {}

  async login(...usernames: string[]): Promise<void> {
    for (const username of usernames) await this.loginWith(username, DEMO_PASSWORD);
  }

  async loginWith(username: string, password: string): Promise<JsonResponse> {
    const response = await postJson(`${this.url}/auth/login`, { username, password });
    if (response.status === 200) this.tokens[username] = response.body.accessToken;
    return response;
  }

  async send(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, as: string | null, body?: unknown): Promise<JsonResponse> {
    const headers: Record<string, string> = {};
    if (as !== null) headers.authorization = `Bearer ${this.tokens[as] ?? 'no-token'}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: await response.json().catch(() => null), headers: response.headers };
  }

  /** The access token of a user logged in with login(). */
  token(username: string): string {
    const token = this.tokens[username];
    if (!token) throw new Error(`${username} is not logged in`);
    return token;
  }

  get = (path: string, as: string | null) => this.send('GET', path, as);
  post = (path: string, body: unknown, as: string | null) => this.send('POST', path, as, body);
  put = (path: string, body: unknown, as: string | null) => this.send('PUT', path, as, body);
  delete = (path: string, as: string | null) => this.send('DELETE', path, as);
}

/** `?filter=…&range=…&sort=…` in react-admin's simple-REST form. */
export function listQuery(params: { filter?: unknown; range?: [number, number]; sort?: [string, string]; fields?: string[] }): string {
  const parts = Object.entries(params)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${encodeURIComponent(JSON.stringify(value))}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}
