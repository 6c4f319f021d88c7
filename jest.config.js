// One jest run for the whole monorepo. ts-jest transpiles only (isolatedModules in tsconfig):
// type errors are caught by `npm run typecheck`, which CI runs as its own step.
const ts = require('typescript');
const { pathsToModuleNameMapper } = require('ts-jest');

// The workspace packages are their TypeScript source here, as tsconfig.base.json `paths` says
// for tsc, tsx and esbuild: the same mapping, read from there, so the two never disagree.
const { config: tsconfig } = ts.readConfigFile(`${__dirname}/tsconfig.base.json`, ts.sys.readFile);

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
  moduleNameMapper: pathsToModuleNameMapper(tsconfig.compilerOptions.paths, {
    prefix: '<rootDir>/',
  }),
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  testTimeout: 30000,
};
