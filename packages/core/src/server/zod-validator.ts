import type { JsonSchemaType, JsonSchemaValidator, jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
import * as z from 'zod';

/**
 * Checks elicitation answers with zod (which core loads anyway) instead of the SDK's default Ajv: Ajv,
 * ajv-formats and fast-uri are about 190 KB that every start would otherwise compile, and the bin bundle
 * leaves them out (scripts/bin-bundle-options.mjs).
 */
export class ZodJsonSchemaValidator implements jsonSchemaValidator {
  getValidator<T>(schema: JsonSchemaType): JsonSchemaValidator<T> {
    const parser = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
    return (input) => {
      const parsed = parser.safeParse(input);
      return parsed.success
        ? { valid: true, data: parsed.data as T, errorMessage: undefined }
        : { valid: false, data: undefined, errorMessage: z.prettifyError(parsed.error) };
    };
  }
}
