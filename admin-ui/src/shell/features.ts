// Every feature of the console, in menu order: the one place a new screen is registered (its
// feature file names its resources, pages and menu entries; its messages go in i18n/features.ts).
import { adminFeature } from '../desks/admin/desk';
import { auditFeature } from '../desks/auditor/desk';
import { casesFeature } from '../resources/cases/feature';
import { operatorFeature } from '../desks/operator/desk';
import { statisticsFeature } from '../resources/statistics/feature';
import { stuckCasesFeature } from '../resources/stuckCases/feature';
import { systemFeature } from '../resources/system/feature';
import type { Feature } from './feature';

export const FEATURES: Feature[] = [operatorFeature, casesFeature, statisticsFeature, auditFeature, systemFeature, stuckCasesFeature, adminFeature];
