// One jest run for the whole monorepo. ts-jest transpiles only (isolatedModules in tsconfig):
// type errors are caught by `npm run typecheck`, which CI runs as its own step.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: [
    '<rootDir>/shared',
    '<rootDir>/sandbox',
    '<rootDir>/zapier-app',
    '<rootDir>/n8n-nodes',
    '<rootDir>/test',
  ],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/\\.e2e/', '/\\.build/'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  testTimeout: 30000,
};
