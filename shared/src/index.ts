export * from './schemas';
export * from './contract/endpoints';
export * from './errors/senseon-error';
export * from './webhooks/verification-error';
export * from './webhooks/signature';
export * from './trace/chain';
export * from './operations';
