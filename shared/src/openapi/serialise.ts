import type { OpenApiDocument } from './generate';

/** The exact bytes of `shared/openapi.json`, so the freshness test can compare them. */
export function serialiseOpenApiDocument(document: OpenApiDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
