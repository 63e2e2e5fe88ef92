import { ApiOkResponse, ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';

/**
 * One-line field declarations for the response classes (`<area>.responses.ts`), the way the
 * entity column helpers are for tables. Types are spelled out rather than read from the compiler's
 * metadata, which says `Object` for `string | null`: the document, and the console types generated
 * from it, would otherwise depend on how the code was compiled.
 */
type Model = abstract new (...args: never[]) => unknown;
type Opts = Pick<ApiPropertyOptions, 'description' | 'example'>;

export const Str = (o: Opts = {}) => ApiProperty({ ...o, type: String });
export const NullableStr = (o: Opts = {}) => ApiProperty({ ...o, type: String, nullable: true });
export const Int = (o: Opts = {}) => ApiProperty({ ...o, type: 'integer' });
export const NullableInt = (o: Opts = {}) => ApiProperty({ ...o, type: 'integer', nullable: true });
export const Num = (o: Opts = {}) => ApiProperty({ ...o, type: Number });
export const NullableNum = (o: Opts = {}) => ApiProperty({ ...o, type: Number, nullable: true });
export const Bool = (o: Opts = {}) => ApiProperty({ ...o, type: Boolean });
export const NullableBool = (o: Opts = {}) => ApiProperty({ ...o, type: Boolean, nullable: true });
/** A time, sent as ISO 8601 in UTC (a Date in JSON). */
export const Time = (o: Opts = {}) => ApiProperty({ ...o, type: String, format: 'date-time' });
export const NullableTime = (o: Opts = {}) => ApiProperty({ ...o, type: String, format: 'date-time', nullable: true });
export const StrList = (o: Opts = {}) => ApiProperty({ ...o, type: [String] });
export const IntList = (o: Opts = {}) => ApiProperty({ ...o, type: 'integer', isArray: true });

/** One of a domain list, named so the console gets one union type for it (TicketStatus, Channel...). */
export const Enum = (values: readonly string[], enumName: string, o: Opts = {}) => ApiProperty({ ...o, enum: values, enumName });
export const NullableEnum = (values: readonly string[], enumName: string, o: Opts = {}) => ApiProperty({ ...o, enum: values, enumName, nullable: true });
export const EnumList = (values: readonly string[], enumName: string, o: Opts = {}) => ApiProperty({ ...o, enum: values, enumName, isArray: true });

export const Nested = (model: Model, o: Opts = {}) => ApiProperty({ ...o, type: model });
export const NullableNested = (model: Model, o: Opts = {}) => ApiProperty({ ...o, type: model, nullable: true });
export const OptionalNested = (model: Model, o: Opts = {}) => ApiProperty({ ...o, type: model, required: false });
export const ListOf = (model: Model, o: Opts = {}) => ApiProperty({ ...o, type: model, isArray: true });

/** An object of counts by a key that is data (a source name, a queue state). */
export const CountMap = (o: Opts = {}) => ApiProperty({ ...o, type: 'object', additionalProperties: { type: 'integer' } });
/** Free-form JSON the hub stores as given (rule conditions, event data, audit detail). */
export const Json = (o: Opts = {}) => ApiProperty({ ...o, type: 'object', additionalProperties: true });
export const NullableJson = (o: Opts = {}) => ApiProperty({ ...o, type: 'object', additionalProperties: true, nullable: true });

/**
 * Declares the same field for every key of a list kept elsewhere (the count measures, the report
 * channels), so the document follows the list instead of restating it.
 */
export function fieldsFor(model: Model, keys: readonly string[], field: (key: string) => PropertyDecorator): void {
  for (const key of keys) field(key)(model.prototype as object, key);
}

/** A route that answers with a file rather than JSON (an attachment, a CSV, a workbook). */
export const FileResponse = (mediaType: string, description: string) =>
  ApiOkResponse({ description, content: { [mediaType]: { schema: { type: 'string', format: 'binary' } } } });
