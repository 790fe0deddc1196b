import { closeTestPrisma } from './db';

export const mochaHooks = {
  async afterAll(): Promise<void> {
    await closeTestPrisma();
  },
};
