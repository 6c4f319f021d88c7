/**
 * zapier-platform-core prints its process memory on every call made outside a test runner or
 * its CLI (`ZID … RSSMEM …`). The chaos run is a test run: say so before the package loads.
 * Imported first by the runner; n8n, started from here, gets its own environment without it.
 */
process.env.NODE_ENV ??= 'test';
