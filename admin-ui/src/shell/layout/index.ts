export { AppBar } from './AppBar';
export { AppTitle } from './AppTitle';
export { Layout } from './Layout';
export { Menu } from './Menu';
