export * from './fields';
export * from './catalog';
