// Writes shared/openapi.json from ENDPOINTS and the zod schemas (`npm run openapi`).
// A test fails when the committed file differs from a fresh generation.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateOpenApiDocument } from '../src/openapi/generate';
import { serialiseOpenApiDocument } from '../src/openapi/serialise';

const target = join(__dirname, '..', 'openapi.json');
writeFileSync(target, serialiseOpenApiDocument(generateOpenApiDocument()));
console.log(`wrote ${target}`);
