// The system administrator's screens; App.tsx registers these resources and the calendar route.
export { default as units } from './units';
export { default as users } from './users';
export { default as categories } from './categories';
export { default as policies } from './policies';
export { default as ruleSettings } from './ruleSettings/RuleSettingPages';
export { default as knowledge } from './knowledge/ArticlePages';
export { default as templates } from './templates/TemplatePages';
export { CalendarPage } from './calendar/CalendarPage';
export { AdminHome } from './home/AdminHome';
export { adminMenuEntries } from './menu';
export { adminMessages } from './messages';
