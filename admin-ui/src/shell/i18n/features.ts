// Every folder's messages (`messages.ts`, exporting `{ zh, en }` under `hotline.<feature>`),
// found by that name: a desk or resource brings its messages without registering them, and no
// feature edits another's file. The i18n provider cannot take them from the registry
// (features.ts): the pages there import the data provider, which translates the API's field
// errors with it.
import type { FeatureMessages } from './defineMessages';

const modules = import.meta.glob<Record<string, FeatureMessages>>(['../../desks/**/messages.ts', '../../resources/**/messages.ts', '../**/messages.ts'], { eager: true });

export const featureMessages: FeatureMessages[] = Object.values(modules).flatMap((module) => Object.values(module));
