// Where the running code comes from: the TypeScript sources (under tsx: `npm start`, the tests)
// or a build that `npm run build` compiled (dist/). The build writes build.json beside its
// compiled folders, last, so its presence is the one sign of a complete build; it says where the
// project (node_modules, migrations, the console) is, since the build sits one level deeper.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The folder holding config/, api/, worker/ …: the project under tsx, the build's folder when compiled. */
const CODE_ROOT = path.resolve(__dirname, '..');

export const BUILD_MANIFEST_NAME = 'build.json';

export interface BuildManifest {
  /** The project, relative to the build's folder (`..` for dist/). */
  projectRoot: string;
  version: string;
  builtAt: string;
}

export interface Build {
  dir: string;
  manifest: BuildManifest;
}

function runningBuild(): Build | null {
  const file = path.join(CODE_ROOT, BUILD_MANIFEST_NAME);
  if (existsSync(file)) return { dir: CODE_ROOT, manifest: JSON.parse(readFileSync(file, 'utf8')) as BuildManifest };
  // Compiled code whose build did not finish (or tsc run by hand): its project and its workflow
  // bundle are unknown, so it does not start at all.
  if (path.extname(__filename) === '.js') throw new Error(`${CODE_ROOT} holds compiled code but no ${BUILD_MANIFEST_NAME}: build it with \`npm run build\``);
  return null;
}

/** The build this code was compiled into, or null when it runs from the sources. */
export const BUILD: Build | null = runningBuild();

/** The project's folder (package.json, node_modules, prisma/migrations, admin-ui/dist, .data). */
export const PROJECT_ROOT = BUILD ? path.resolve(BUILD.dir, BUILD.manifest.projectRoot) : CODE_ROOT;

/** Marks `buildDir` a complete build of this project: the build's last step. */
export function writeBuildManifest(buildDir: string, finalDir: string, version: string): void {
  const manifest: BuildManifest = { projectRoot: path.relative(finalDir, PROJECT_ROOT), version, builtAt: new Date().toISOString() };
  writeFileSync(path.join(buildDir, BUILD_MANIFEST_NAME), `${JSON.stringify(manifest, null, 1)}\n`);
}
