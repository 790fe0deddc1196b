// The closed vocabularies of a case: the rules' own lists (rules/vocabulary.ts), which the API's
// schemas and the database's enums share.
export { CASE_STATUSES, CHANNELS, URGENCIES } from '../../../../rules/vocabulary';
