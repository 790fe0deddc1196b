// Real values for the fuzzer to mix in (schemathesis dictionaries, libFuzzer format): the ids of
// the units, categories and case types the seeded stack holds, read through the API. Without
// them nearly every registration or dispatch names a unit or category that does not exist, is
// refused with 400, and the sequences never reach a case's commands. schemathesis.toml binds
// them to the body fields that take them.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where schemathesis.toml reads them (relative to it: ../../tests/artifacts/fuzz/dictionaries). */
export const DICTIONARY_DIR = path.join('tests', 'artifacts', 'fuzz', 'dictionaries');

const SOURCES: Record<string, string> = {
  'unit-ids': `/api/units?filter=${encodeURIComponent('{"active":true}')}`,
  'category-ids': `/api/categories?filter=${encodeURIComponent('{"active":true}')}`,
  'case-type-codes': '/api/case-types',
};

export async function writeDictionaries(projectRoot: string, apiUrl: string, adminToken: string): Promise<void> {
  const dir = path.join(projectRoot, DICTIONARY_DIR);
  mkdirSync(dir, { recursive: true });
  for (const [name, source] of Object.entries(SOURCES)) {
    const response = await fetch(`${apiUrl}${source}`, { headers: { authorization: `Bearer ${adminToken}` } });
    if (response.status !== 200) throw new Error(`GET ${source} answered ${response.status}`);
    const ids = ((await response.json()) as { id: string }[]).map((row) => row.id);
    if (ids.length === 0) throw new Error(`GET ${source} listed nothing: is the stack seeded?`);
    writeFileSync(path.join(dir, `${name}.dict`), `${ids.map((id) => JSON.stringify(id)).join('\n')}\n`);
  }
}
