// Path parameters of the case routes.
import { z } from 'zod';

const caseNumber = z.string().regex(/^\d{8,20}$/, 'a case number (digits)');

export const caseIdParams = z.object({ id: caseNumber });
