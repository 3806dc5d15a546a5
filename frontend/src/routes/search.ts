import { z } from 'zod';

// The pieces of the search-param schemas (STYLE rule 14: a list's page, size, sort and filters live in the URL).
// Every one is optional and a value that does not parse is dropped rather than refused, so an old or edited link
// still opens the page. Enums of the API come from the generated client (`z.enum(Tier)`).

/** A schema that may be absent, and is absent when it does not parse. */
export const optional = <S extends z.ZodType>(schema: S) => schema.optional().catch(undefined);
/** Any number of an enum's values (at most each once). */
export const someOf = <E extends z.ZodEnum>(values: E) => optional(z.array(values).max(values.options.length));

export const page = optional(z.number().int().min(1).max(100000));
export const size = optional(z.number().int().min(1).max(100));
export const id = optional(z.uuid());
export const flag = optional(z.boolean());
export const day = optional(z.string().regex(/^\d{4}-\d{2}-\d{2}$/));
export const text = optional(z.string().max(200));
