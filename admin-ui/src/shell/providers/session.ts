// The signed-in session (JWT + user) kept in localStorage, shared by the auth and data
// providers. Nothing else reads or writes these keys.

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  unitId: string | null;
  unitName: string | null;
}

export interface Session {
  accessToken: string;
  /** Opaque, single-use: exchanged at /auth/refresh for a new pair before the access token expires. */
  refreshToken: string;
  /** Epoch milliseconds; from the JWT `exp` claim, else from the login's `expiresIn`. */
  expiresAt: number;
  user: SessionUser;
}

const STORAGE_KEY = 'hotline.session';

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isStringOrNull = (value: unknown): value is string | null =>
  value === null || typeof value === 'string';

export const isSessionUser = (value: unknown): value is SessionUser =>
  isRecord(value) &&
  typeof value.id === 'string' &&
  typeof value.username === 'string' &&
  typeof value.displayName === 'string' &&
  Array.isArray(value.roles) &&
  value.roles.every((role) => typeof role === 'string') &&
  isStringOrNull(value.unitId) &&
  isStringOrNull(value.unitName);

const isSession = (value: unknown): value is Session =>
  isRecord(value) &&
  typeof value.accessToken === 'string' &&
  typeof value.refreshToken === 'string' &&
  typeof value.expiresAt === 'number' &&
  isSessionUser(value.user);

/** Decodes base64url (RFC 4648 §5) into a UTF-8 string. */
const decodeBase64Url = (input: string): string => {
  const base64 = input.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '=');
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
};

/**
 * The `exp` claim of a JWT in epoch milliseconds, or null when the token is malformed or
 * has no numeric `exp`. The signature is not verified: that is the server's job.
 */
export const getJwtExpiry = (token: string): number | null => {
  const payload = token.split('.')[1];
  if (payload === undefined) return null;
  try {
    const claims: unknown = JSON.parse(decodeBase64Url(payload));
    return isRecord(claims) && typeof claims.exp === 'number' ? claims.exp * 1000 : null;
  } catch {
    return null;
  }
};

export const readSession = (): Session | null => {
  const raw = localStorage.getItem(STORAGE_KEY);
  if (raw === null) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isSession(parsed) ? parsed : null;
  } catch {
    return null;
  }
};

export const writeSession = (session: Session): void => {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
};

export const clearSession = (): void => {
  localStorage.removeItem(STORAGE_KEY);
};

export const isSessionExpired = (session: Session, now: number = Date.now()): boolean =>
  session.expiresAt <= now;

/** The bearer token of a live session, or null when signed out or expired. */
export const getAccessToken = (): string | null => {
  const session = readSession();
  return session !== null && !isSessionExpired(session) ? session.accessToken : null;
};
