// The administrator's react-admin resources (list, edit and create pages), which desk.tsx
// registers with the rest of the desk.
export { default as units } from './units';
export { default as users } from './users';
export { default as categories } from './categories';
export { default as policies } from './policies';
export { default as ruleSettings } from './ruleSettings/RuleSettingPages';
export { default as knowledge } from './knowledge/ArticlePages';
export { default as templates } from './templates/TemplatePages';
