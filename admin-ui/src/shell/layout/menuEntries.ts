// The menu: the features' entries in the order of FEATURES; each entry names the roles that use
// it, so every role sees only its own tools.
import { FEATURES } from '../features';
import type { MenuEntry } from './menuEntry';

export const menuEntries: MenuEntry[] = FEATURES.flatMap((feature) => feature.menu ?? []);
