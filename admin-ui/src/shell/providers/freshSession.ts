// Keeps the session's access token fresh: it is exchanged for a new pair a minute before it
// expires, by navigation (authProvider.checkAuth) and before every API request (the data
// provider, the live call feed), so that a page left open does not fail on its next call.
// Refresh tokens are single-use: concurrent callers share one exchange.
import { getAccessToken, getJwtExpiry, isRecord, isSessionExpired, isSessionUser, readSession, writeSession, type SessionUser } from './session';

export interface LoginResponse {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: SessionUser;
}

/** Refresh this long before the access token expires. */
export const REFRESH_MARGIN_MS = 60_000;

export const isLoginResponse = (value: unknown): value is LoginResponse =>
  isRecord(value) &&
  typeof value.accessToken === 'string' &&
  typeof value.refreshToken === 'string' &&
  typeof value.expiresIn === 'number' &&
  isSessionUser(value.user);

export const storeSession = (body: LoginResponse): void => {
  const expiresAt = getJwtExpiry(body.accessToken) ?? Date.now() + body.expiresIn * 1000;
  writeSession({ accessToken: body.accessToken, refreshToken: body.refreshToken, expiresAt, user: body.user });
};

let exchange: { refreshToken: string; done: Promise<boolean> } | null = null;

const exchangeRefreshToken = async (refreshToken: string): Promise<boolean> => {
  try {
    const response = await fetch('/auth/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok || !isLoginResponse(body)) return false;
    storeSession(body);
    return true;
  } catch {
    return false;
  }
};

/** Exchanges the refresh token for a new session (once, however many ask); false when refused. */
export const refreshSession = (refreshToken: string): Promise<boolean> => {
  if (exchange?.refreshToken !== refreshToken) {
    const done = exchangeRefreshToken(refreshToken);
    exchange = { refreshToken, done };
  }
  return exchange.done;
};

/** The bearer token for a request, refreshed first when it is about to expire; null when signed out. */
export const freshAccessToken = async (): Promise<string | null> => {
  const session = readSession();
  if (session === null) return null;
  if (isSessionExpired(session, Date.now() + REFRESH_MARGIN_MS)) await refreshSession(session.refreshToken);
  return getAccessToken();
};
