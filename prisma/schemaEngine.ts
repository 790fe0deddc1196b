// Prisma's schema engine compiled to WebAssembly. The Prisma CLI cannot migrate here (it
// downloads a native engine), but the same engine's `diff` between datamodels runs offline:
// we use it to write new migrations and, in the drift test, to build the database that
// schema.prisma describes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

export const SCHEMA_PATH = path.join(__dirname, 'schema.prisma');

type DiffTarget = { tag: 'empty' } | { tag: 'schemaDatamodel'; files: { path: string; content: string }[] };

interface SchemaEngine {
  diff(params: {
    from: DiffTarget;
    to: DiffTarget;
    script: boolean;
    exitCode: boolean | null;
    filters: { externalTables: string[]; externalEnums: string[] };
  }): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
}

interface SchemaEngineModule {
  SchemaEngine: { new: (options: unknown, log: (line: string) => void, adapter: unknown) => Promise<SchemaEngine> };
  __wbg_set_wasm(exports: unknown): void;
}

let wasmModule: Promise<SchemaEngineModule> | undefined;

// Node has WebAssembly but @types/node does not declare it (it lives in lib.dom).
const { WebAssembly: wasm } = globalThis as unknown as {
  WebAssembly: { instantiate(bytes: Buffer, imports: Record<string, unknown>): Promise<{ instance: { exports: Record<string, unknown> } }> };
};

// The package is published for bundlers (`import * as wasm from "./x.wasm"`); Node needs the
// module instantiated by hand with the JS glue as its import object.
function loadWasm(): Promise<SchemaEngineModule> {
  wasmModule ??= (async () => {
    const glue = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as unknown as SchemaEngineModule;
    const wasmPath = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm')), 'schema_engine_bg.wasm');
    const { instance } = await wasm.instantiate(readFileSync(wasmPath), { './schema_engine_bg.js': glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
    return glue;
  })();
  return wasmModule;
}

function datamodelTarget(content: string): DiffTarget {
  return { tag: 'schemaDatamodel', files: [{ path: SCHEMA_PATH, content }] };
}

/**
 * SQL that takes a database shaped by the `from` datamodel (or an empty one when null) to the
 * `to` datamodel; '' when they agree. Only datamodels are compared: the wasm engine cannot
 * describe a live PostgreSQL database through the pg adapter (it fails on pg_catalog's "char"
 * columns, prisma/prisma#27403). The engine still opens a connection at start, so it needs a
 * reachable database (any), which it does not change.
 */
export async function diffDatamodels(databaseUrl: string, from: string | null, to: string = readFileSync(SCHEMA_PATH, 'utf8')): Promise<string> {
  const { SchemaEngine } = await loadWasm();
  // Our own pool, so that its connection is closed when we are done (the engine's free() does not).
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  pool.on('error', () => {});
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg(pool));
  const engine = await SchemaEngine.new({ datamodels: [[SCHEMA_PATH, to]] }, () => {}, adapter);
  try {
    const result = await engine.diff({
      from: from === null ? { tag: 'empty' } : datamodelTarget(from),
      to: datamodelTarget(to),
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    const script = result.stdout ?? '';
    return isEmptyMigration(script) ? '' : script;
  } finally {
    engine.free();
    await pool.end();
  }
}

export function isEmptyMigration(script: string): boolean {
  return script.split('\n').every((line) => line.trim() === '' || line.trim().startsWith('--'));
}
