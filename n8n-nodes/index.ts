/**
 * Everything n8n loads from this package, bundled into dist/senseon.js by scripts/build.mjs.
 * n8n finds each class through the files listed in package.json's `n8n` block.
 */
export { SenseOnApi } from './credentials/SenseOnApi.credentials';
export { SenseOn } from './nodes/SenseOn/SenseOn.node';
export { SenseOnTrigger } from './nodes/SenseOnTrigger/SenseOnTrigger.node';
export { SenseOnPollTrigger } from './nodes/SenseOnPollTrigger/SenseOnPollTrigger.node';
export { SenseOnStreamTrigger } from './nodes/SenseOnStreamTrigger/SenseOnStreamTrigger.node';
