/**
 * The parts of zod that copydesk's own code and built-in rules use, bound by
 * name. `import {z} from 'zod'` is zod's whole namespace, which holds its 40
 * locales: a bundle that uses the namespace as a value must keep them all,
 * and loading them cost a tenth of linting one article. The public API still
 * exports zod's own `z` for custom rules; this one is for inside copydesk.
 */
import {array, boolean, enum as enumOf, literal, NEVER, record, strictObject, string, tuple, union, unknown} from 'zod'
import type * as zod from 'zod'

export const z = {array, boolean, enum: enumOf, literal, NEVER, record, strictObject, string, tuple, union, unknown}

// The types go by the same name, as zod's namespace gives them: `z.ZodType`, `z.output<Schema>`.
export declare namespace z {
  type ZodType = zod.ZodType
  type output<Schema> = zod.output<Schema>
  type input<Schema> = zod.input<Schema>
  namespace core {
    type $ZodIssue = zod.core.$ZodIssue
  }
}
