// Path parameters of the case routes.
import { z } from 'zod';
import { identifier } from '../../rules/text';

/** A case number: digits only, refused otherwise. */
export const caseNumber = identifier(20).regex(/^\d{8,20}$/, 'a case number (digits)');

export const caseIdParams = z.object({ id: caseNumber });
