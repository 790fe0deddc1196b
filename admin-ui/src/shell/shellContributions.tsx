// What the desks and resources add to the frame: menu entries, each role's home page and the
// banners above every page. The App fills it from the registry (features.ts); the frame reads
// it here, so the shell imports no desk and stands under all of them.
import { createContext, useContext, type ComponentType, type ReactNode } from 'react';
import type { Role } from './access/roles';
import type { MenuEntry } from './layout/menuEntry';

export interface ShellContributions {
  /** In menu order. */
  menu: MenuEntry[];
  homes: Partial<Record<Role, ComponentType>>;
  banners: ComponentType[];
}

const ShellContributionsContext = createContext<ShellContributions>({ menu: [], homes: {}, banners: [] });

export const ShellContributionsProvider = ({ value, children }: { value: ShellContributions; children: ReactNode }) => (
  <ShellContributionsContext.Provider value={value}>{children}</ShellContributionsContext.Provider>
);

export const useShellContributions = (): ShellContributions => useContext(ShellContributionsContext);
