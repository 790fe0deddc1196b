// JWT authentication against the backend's /auth endpoints.
import type { AuthProvider, UserIdentity } from 'react-admin';
import {
  clearSession,
  getJwtExpiry,
  isRecord,
  isSessionExpired,
  isSessionUser,
  readSession,
  writeSession,
  type SessionUser,
} from './session';

interface LoginParams {
  username: string;
  password: string;
}

interface LoginResponse {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: SessionUser;
}

/** Refresh this long before the access token expires. */
const REFRESH_MARGIN_MS = 60_000;

/** The identity react-admin's `useGetIdentity()` returns in this app. */
export interface HotlineIdentity extends UserIdentity {
  id: string;
  fullName: string;
  username: string;
  roles: string[];
  unitId: string | null;
  unitName: string | null;
}

const isLoginResponse = (value: unknown): value is LoginResponse =>
  isRecord(value) &&
  typeof value.accessToken === 'string' &&
  typeof value.refreshToken === 'string' &&
  typeof value.expiresIn === 'number' &&
  isSessionUser(value.user);

/** `{ error: { message } }` from the backend's error bodies, if present. */
const backendErrorMessage = (body: unknown): string | undefined =>
  isRecord(body) && isRecord(body.error) && typeof body.error.message === 'string'
    ? body.error.message
    : undefined;

const readJson = async (response: Response): Promise<unknown> => {
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
};

const hasStatus = (error: unknown): error is { status: number } =>
  isRecord(error) && typeof error.status === 'number';

// Rejection values of checkAuth/checkError: react-admin notifies `message` (a translation
// key) unless it is `false`, then redirects to the login page.
const NOT_SIGNED_IN = { message: false } as const;
const SESSION_EXPIRED = { message: 'hotline.auth.sessionExpired' } as const;

const storeSession = (body: LoginResponse): void => {
  const expiresAt = getJwtExpiry(body.accessToken) ?? Date.now() + body.expiresIn * 1000;
  writeSession({ accessToken: body.accessToken, refreshToken: body.refreshToken, expiresAt, user: body.user });
};

/** Exchanges the refresh token for a new session; false when the server refuses it. */
const refreshSession = async (refreshToken: string): Promise<boolean> => {
  try {
    const response = await fetch('/auth/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    const body = await readJson(response);
    if (!response.ok || !isLoginResponse(body)) return false;
    storeSession(body);
    return true;
  } catch {
    return false;
  }
};

export const authProvider: AuthProvider = {
  async login({ username, password }: LoginParams) {
    let response: Response;
    try {
      response = await fetch('/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ username, password }),
      });
    } catch {
      throw new Error('ra.notification.http_error');
    }
    const body = await readJson(response);
    if (response.status === 401) {
      throw new Error('hotline.auth.invalidCredentials');
    }
    if (!response.ok) {
      throw new Error(backendErrorMessage(body) ?? 'ra.auth.sign_in_error');
    }
    if (!isLoginResponse(body)) {
      throw new Error('hotline.auth.unexpectedResponse');
    }
    storeSession(body);
  },

  async logout() {
    const session = readSession();
    clearSession();
    if (session !== null) {
      // Revokes the refresh token; a failure (network) never delays the redirect to login.
      fetch('/auth/logout', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: session.refreshToken }),
        keepalive: true,
      }).catch(() => undefined);
    }
  },

  async checkAuth() {
    const session = readSession();
    if (session === null) throw NOT_SIGNED_IN;
    if (isSessionExpired(session, Date.now() + REFRESH_MARGIN_MS) && !(await refreshSession(session.refreshToken))) {
      clearSession();
      throw SESSION_EXPIRED;
    }
  },

  async checkError(error: unknown) {
    // 401: the token is missing, expired or revoked → sign out.
    // 403: signed in but not allowed → stay signed in; the caller shows the error.
    if (hasStatus(error) && error.status === 401) {
      clearSession();
      throw SESSION_EXPIRED;
    }
  },

  async getIdentity(): Promise<HotlineIdentity> {
    const session = readSession();
    if (session === null) throw NOT_SIGNED_IN;
    const { user } = session;
    return {
      id: user.id,
      fullName: user.displayName,
      username: user.username,
      roles: user.roles,
      unitId: user.unitId,
      unitName: user.unitName,
    };
  },

  async getPermissions(): Promise<string[]> {
    return readSession()?.user.roles ?? [];
  },
};

/** Narrows what `useGetIdentity()` returns to this app's identity shape. */
export const isHotlineIdentity = (identity: UserIdentity | undefined): identity is HotlineIdentity =>
  identity !== undefined &&
  typeof identity.id === 'string' &&
  typeof identity.fullName === 'string' &&
  Array.isArray(identity.roles) &&
  (identity.unitName === null || typeof identity.unitName === 'string');
