export * from './senseon-error';
export * from './api-errors';
export * from './client-errors';
export * from './field-paths';
export * from './redact';
export { headerValue, type HeaderSource } from './error-body';
export * from '../webhooks/verification-error';
