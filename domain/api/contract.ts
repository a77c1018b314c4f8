import * as v from 'valibot'

// Schemas carry their own Chinese messages where a person can fix the input; everything valibot
// would otherwise say in English (missing or unknown keys, wrong types) gets a Chinese default.
v.setGlobalMessage((issue) => {
  if (issue.type === 'strict_object' || issue.type === 'object') {
    return issue.received === 'undefined' ? `缺少必填项 ${issue.expected}` : `不认识的字段 ${issue.received}`
  }
  return `格式不正确（应为 ${issue.expected}）`
})

/**
 * One schema per action, shared by the client (to type and pre-check calls) and the cloud
 * function (to validate what actually arrived). The output type is carried as a phantom so the
 * client transport knows what each action returns without a second declaration.
 */
export interface ActionContract<I, O> {
  input: v.GenericSchema<unknown, I>
  /** Phantom: never read at runtime. */
  readonly output?: O
}

export type AreaContract = Record<string, ActionContract<any, any>>

export interface Area<N extends string, A extends AreaContract> {
  name: N
  actions: A
}

export function action<I, O>(input: v.GenericSchema<unknown, I>): ActionContract<I, O> {
  return { input }
}

export function area<N extends string, A extends AreaContract>(name: N, actions: A): Area<N, A> {
  return { name, actions }
}

export type InputOf<C> = C extends ActionContract<infer I, any> ? I : never
export type OutputOf<C> = C extends ActionContract<any, infer O> ? O : never

export interface ValidationIssue {
  path: string
  message: string
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] }

export function validate<I>(schema: v.GenericSchema<unknown, I>, input: unknown): Validated<I> {
  const result = v.safeParse(schema, input)
  if (result.success) return { ok: true, value: result.output }
  return {
    ok: false,
    issues: result.issues.map((issue) => ({
      path: (issue.path ?? []).map((p) => String(p.key)).join('.'),
      message: issue.message,
    })),
  }
}
