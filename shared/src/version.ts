/** The client's version; a test keeps it equal to `shared/package.json`. */
export const VERSION = '0.1.0';

/** The version of the API contract this client speaks (the OpenAPI `info.version`). */
export const API_VERSION = '1.0.0';
