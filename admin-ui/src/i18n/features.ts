// Each feature folder keeps its own messages (`messages.ts` exporting `{ zh, en }` under
// `hotline.<feature>`); they are merged here so that no feature edits another's file.
import { adminMessages } from '../admin/messages';
import { caseMessages } from '../cases/messages';
import { homeMessages } from '../home/messages';
import type { FeatureMessages } from './defineMessages';

export const featureMessages: FeatureMessages[] = [caseMessages, homeMessages, adminMessages];
