// The system administrator's screens, as App.tsx registers them (resources and the calendar
// route); the home, menu entries and messages are imported where they are assembled.
export { default as units } from './units';
export { default as users } from './users';
export { default as categories } from './categories';
export { default as policies } from './policies';
export { default as ruleSettings } from './ruleSettings/RuleSettingPages';
export { default as knowledge } from './knowledge/ArticlePages';
export { default as templates } from './templates/TemplatePages';
