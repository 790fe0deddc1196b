// What a feature of the console contributes to the shell: react-admin resources, pages of its
// own at a path, and menu entries (each naming the roles that see it). Its messages are
// registered apart, in i18n/features.ts, because pages import the i18n provider.
import type { ComponentType } from 'react';
import type { ResourceProps } from 'react-admin';
import type { MenuEntry } from './layout/menuEntry';

export interface Feature {
  resources?: ResourceProps[];
  pages?: { path: string; component: ComponentType }[];
  /** In menu order; the shell lists the features' entries in the order of FEATURES. */
  menu?: MenuEntry[];
}
