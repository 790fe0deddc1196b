import path from 'node:path';

export const MIGRATIONS_DIR = path.join(__dirname, 'migrations');
