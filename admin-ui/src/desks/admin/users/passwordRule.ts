// Mirrors api/users/passwordPolicy.ts so the form says what is wrong before sending.
import type { Validator } from 'react-admin';

const MIN_LENGTH = 10;
const MAX_LENGTH = 128;
const CLASSES = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/];

export const passwordRule: Validator = (value: unknown, values: { username?: unknown }) => {
  if (typeof value !== 'string' || value === '') return 'ra.validation.required';
  if (value.length < MIN_LENGTH) return { message: 'hotline.admin.user.password.tooShort', args: { min: MIN_LENGTH } };
  if (value.length > MAX_LENGTH) return { message: 'hotline.admin.user.password.tooLong', args: { max: MAX_LENGTH } };
  if (CLASSES.filter((pattern) => pattern.test(value)).length < 3) return 'hotline.admin.user.password.classes';
  const username = typeof values.username === 'string' ? values.username.trim().toLowerCase() : '';
  if (username.length >= 3 && value.toLowerCase().includes(username)) return 'hotline.admin.user.password.containsUsername';
  return undefined;
};
