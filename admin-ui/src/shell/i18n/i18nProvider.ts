// zh (default) / en. react-admin's own messages: ra-language-english 5 as the base so that
// every key react-admin 5 uses exists; the react-admin 4 Chinese pack and our supplement are
// merged over it for zh. App messages live under `hotline` (zh.ts / en.ts).
import chineseMessages from '@haxqer/ra-language-chinese';
import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import type { TranslationMessages } from 'react-admin';
import { deepMerge } from './deepMerge';
import { en } from './en';
import { featureMessages } from './features';
import { raChineseSupplement } from './raChineseSupplement';
import { zh } from './zh';

export const DEFAULT_LOCALE = 'zh';

const zhMessages: TranslationMessages = deepMerge(
  englishMessages,
  chineseMessages,
  raChineseSupplement,
  zh,
  ...featureMessages.map((feature) => feature.zh),
);
const enMessages: TranslationMessages = deepMerge(englishMessages, en, ...featureMessages.map((feature) => feature.en));

export const i18nProvider = polyglotI18nProvider(
  (locale) => (locale === 'en' ? enMessages : zhMessages),
  DEFAULT_LOCALE,
  [
    { locale: 'zh', name: '中文' },
    { locale: 'en', name: 'English' },
  ],
);
