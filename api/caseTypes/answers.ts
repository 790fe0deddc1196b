// What /api/case-types answers: the stored row with the `id` react-admin wants (the code is one).
import type { CaseType } from '../../prisma/generated/browser';

export type CaseTypeAnswer = CaseType & { id: string };

export const presentCaseType = (row: CaseType): CaseTypeAnswer => ({ id: row.code, ...row });
