// Each feature folder keeps its own messages (`messages.ts` exporting `{ zh, en }` under
// `hotline.<feature>`); they are merged here so that no feature edits another's file.
import { adminMessages } from '../../desks/admin/messages';
import { auditMessages } from '../../desks/auditor/messages';
import { caseMessages } from '../../resources/cases/messages';
import { departmentMessages } from '../../desks/department/messages';
import { dispatchMessages } from '../../desks/dispatcher/messages';
import { homeMessages } from '../home/messages';
import { operatorMessages } from '../../desks/operator/messages';
import { statisticsMessages } from '../../resources/statistics/messages';
import { callCentreMessages } from '../../resources/statistics/callCentre/messages';
import { stuckCaseMessages } from '../../resources/stuckCases/messages';
import { supervisionMessages } from '../../desks/supervisor/messages';
import { apiFieldMessages } from './apiFieldMessages';
import type { FeatureMessages } from './defineMessages';

export const featureMessages: FeatureMessages[] = [apiFieldMessages, caseMessages, homeMessages, operatorMessages, dispatchMessages, departmentMessages, statisticsMessages, callCentreMessages, supervisionMessages, auditMessages, adminMessages, stuckCaseMessages];
