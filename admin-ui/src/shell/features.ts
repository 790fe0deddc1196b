// Every feature of the console, in menu order: the one place a new screen is registered (its
// feature file names its resources, pages and menu entries; its messages go in i18n/features.ts).
import { adminFeature } from '../admin/feature';
import { auditFeature } from '../audit/feature';
import { casesFeature } from '../cases/feature';
import { operatorFeature } from '../operator/feature';
import { statisticsFeature } from '../statistics/feature';
import { stuckCasesFeature } from '../stuckCases/feature';
import { systemFeature } from '../system/feature';
import type { Feature } from './feature';

export const FEATURES: Feature[] = [operatorFeature, casesFeature, statisticsFeature, auditFeature, systemFeature, stuckCasesFeature, adminFeature];
