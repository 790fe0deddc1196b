// Each feature folder keeps its own messages (`messages.ts` exporting `{ zh, en }` under
// `hotline.<feature>`); they are merged here so that no feature edits another's file.
import { adminMessages } from '../admin/messages';
import { auditMessages } from '../audit/messages';
import { caseMessages } from '../cases/messages';
import { departmentMessages } from '../department/messages';
import { dispatchMessages } from '../dispatch/messages';
import { homeMessages } from '../home/messages';
import { operatorMessages } from '../operator/messages';
import { statisticsMessages } from '../statistics/messages';
import { callCentreMessages } from '../statistics/callCentre/messages';
import { stuckCaseMessages } from '../stuckCases/messages';
import { supervisionMessages } from '../supervision/messages';
import { apiFieldMessages } from './apiFieldMessages';
import type { FeatureMessages } from './defineMessages';

export const featureMessages: FeatureMessages[] = [apiFieldMessages, caseMessages, homeMessages, operatorMessages, dispatchMessages, departmentMessages, statisticsMessages, callCentreMessages, supervisionMessages, auditMessages, adminMessages, stuckCaseMessages];
