// JWT authentication against the backend's /auth endpoints.
import type { AuthProvider, UserIdentity } from 'react-admin';
import { isLoginResponse, REFRESH_MARGIN_MS, refreshSession, storeSession } from './freshSession';
import { backendErrorMessage } from './apiRefusal';
import { clearSession, isRecord, isSessionExpired, readSession } from './session';

interface LoginParams {
  username: string;
  password: string;
}

/** The identity react-admin's `useGetIdentity()` returns in this app. */
export interface HotlineIdentity extends UserIdentity {
  id: string;
  fullName: string;
  username: string;
  roles: string[];
  unitId: string | null;
  unitName: string | null;
}

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
