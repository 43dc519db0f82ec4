import { locationOf, type Parameter } from './openapi-input.js';
import { arraySeparator, type Json, parameterSchema, resolveRef } from './openapi-schema.js';

/** What one operation of a description declares, read the same way from OpenAPI 3.0 and Swagger 2.0. */
export class DescribedOperation {
  constructor(
    private readonly document: Json,
    private readonly pathItem: Json,
    readonly definition: Json,
    private readonly swagger2: boolean,
  ) {}

  /**
   * The parameters by where a request carries them: path, query, form (Swagger's formData) or, when any
   * verb may carry them anywhere (Slack), argument. Credentials are left to the fake's auth check.
   */
  parameterGroups(options: { anyMethod?: boolean | undefined; credentialParameters?: string[] | undefined }): Map<string, Parameter[]> {
    const declared = [...((this.pathItem.parameters ?? []) as Json[]), ...((this.definition.parameters ?? []) as Json[])]
      .map((parameter) => this.resolve(parameter)!)
      .filter((parameter) => !options.credentialParameters?.includes(parameter.name));
    // An operation's parameter overrides the path item's of the same name and place.
    const unique = new Map(declared.map((parameter) => [`${parameter.in} ${parameter.name}`, parameter]));
    const groups = new Map<string, Parameter[]>();
    for (const parameter of unique.values()) {
      const location = locationOf(parameter.in as string, Boolean(options.anyMethod));
      if (!location) continue;
      const entry: Parameter = {
        name: parameter.name,
        in: parameter.in,
        required: parameter.required === true,
        schema: parameterSchema(parameter),
        separator: arraySeparator(parameter, this.swagger2),
      };
      groups.set(location, [...(groups.get(location) ?? []), entry]);
    }
    return groups;
  }

  /** Request body schemas by media type (Swagger 2.0's `in: body` parameter is JSON). */
  bodySchemas(): Record<string, Json> {
    if (this.swagger2) {
      const body = this.swaggerBody();
      return body?.schema ? { 'application/json': body.schema as Json } : {};
    }
    const content = (this.resolve(this.definition.requestBody)?.content ?? {}) as Record<string, Json>;
    return Object.fromEntries(Object.entries(content).flatMap(([type, media]) => (media.schema ? [[type, media.schema as Json]] : [])));
  }

  bodyRequired(): boolean {
    return (this.swagger2 ? this.swaggerBody() : this.resolve(this.definition.requestBody))?.required === true;
  }

  /** The JSON schema of the answer with this status, if the description gives one. */
  responseSchema(status: string): Json | undefined {
    const response = this.resolve((this.definition.responses as Json | undefined)?.[status]);
    if (!response) return undefined;
    if (this.swagger2) return response.schema as Json | undefined;
    const content = (response.content ?? {}) as Record<string, Json>;
    const json = Object.keys(content).find((type) => type.includes('json'));
    return json ? (content[json]!.schema as Json | undefined) : undefined;
  }

  private swaggerBody(): Json | undefined {
    return ((this.definition.parameters ?? []) as Json[]).map((parameter) => this.resolve(parameter)!).find((parameter) => parameter.in === 'body');
  }

  private resolve(node: Json | undefined): Json | undefined {
    return resolveRef(this.document, node);
  }
}
