export * from './fields';
export * from './operation';
export * from './catalog';
export * from './run';
export * from './input';
export * from './detection-finding';
export * from './option-label';
