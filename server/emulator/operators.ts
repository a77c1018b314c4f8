// MongoDB refuses an update whose operator does not fit the value it meets (`$inc` on a string,
// `$push` on a number, a field created inside a string), and then writes nothing of it. mingo
// applies such an operator as a silent no-op and the rest of the update anyway, so every update is
// checked here first, against the document it will change. The messages and code names are
// MongoDB's (src/mongo/db/update/*_node.cpp); CloudBase answers them as DATABASE_REQUEST_FAILED.
//
// Positional paths (`a.$.b`, `a.$[].b`, `a.$[x].b`) are not checked past the positional part.
import { type Doc, isPlainObject } from './codec'
import { updateRefused } from './errors'

/** Operators that create the fields on their path that do not exist yet. */
const CREATING = new Set(['$set', '$setOnInsert', '$inc', '$mul', '$min', '$max', '$push', '$addToSet', '$currentDate'])

const NUMERIC_BSON = new Set(['Int32', 'Double', 'Long', 'Decimal128'])

/** Throws MongoDB's refusal when an operator of `ops` cannot apply to `doc`; changes nothing. */
export function checkUpdate(doc: Doc, ops: Doc): void {
  for (const [op, fields] of Object.entries(ops)) {
    if (!isPlainObject(fields)) continue
    for (const [path, arg] of Object.entries(fields)) {
      if (op === '$inc' || op === '$mul') checkNumericArg(op, path, arg)
      checkPath(doc, op, path)
    }
  }
}

function checkNumericArg(op: string, path: string, arg: unknown): void {
  if (isNumeric(arg)) return
  const verb = op === '$inc' ? 'increment' : 'multiply'
  throw updateRefused('TypeMismatch', `Cannot ${verb} with non-numeric argument: {${element(path, arg)}}`)
}

function checkPath(doc: Doc, op: string, path: string): void {
  const parts = path.split('.')
  let cur: unknown = doc
  let name = ''
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]
    if (part.startsWith('$')) return
    let next: unknown
    if (Array.isArray(cur) && /^\d+$/.test(part)) next = cur[Number(part)]
    else if (isPlainObject(cur)) next = cur[part]
    else {
      // A string, number, null, date… or an array reached by a name: nothing can live inside it.
      // Operators that only remove ($unset, $pull, $pop) find nothing there and do nothing.
      if (CREATING.has(op)) throw updateRefused('PathNotViable', `Cannot create field '${part}' in element {${element(name, cur)}}`)
      return
    }
    if (i === parts.length - 1) return checkLeaf(doc, op, path, part, next)
    if (next === undefined) return
    cur = next
    name = part
  }
}

function checkLeaf(doc: Doc, op: string, path: string, field: string, v: unknown): void {
  if (v === undefined) return
  const type = typeName(v)
  switch (op) {
    case '$inc':
    case '$mul':
      if (!isNumeric(v)) throw updateRefused('TypeMismatch', `Cannot apply ${op} to a value of non-numeric type. {${idOf(doc)}} has the field '${field}' of non-numeric type ${type}`)
      return
    case '$push':
      if (!Array.isArray(v)) throw updateRefused('BadValue', `The field '${field}' must be an array but is of type ${type} in document {${idOf(doc)}}`)
      return
    case '$addToSet':
      if (!Array.isArray(v)) throw updateRefused('BadValue', `Cannot apply $addToSet to non-array field. Field named '${field}' has non-array type ${type}`)
      return
    case '$pull':
    case '$pullAll':
      if (!Array.isArray(v)) throw updateRefused('BadValue', `Cannot apply ${op} to a non-array value`)
      return
    case '$pop':
      if (!Array.isArray(v)) throw updateRefused('TypeMismatch', `Path '${path}' contains an element of non-array type '${type}'`)
      return
  }
}

function isNumeric(v: unknown): boolean {
  return typeof v === 'number' || (v !== null && typeof v === 'object' && NUMERIC_BSON.has((v as any)._bsontype))
}

const idOf = (doc: Doc) => (doc._id === undefined ? '' : element('_id', doc._id))

/** BSON type names, as MongoDB's messages spell them. */
export function typeName(v: unknown): string {
  if (v === null) return 'null'
  if (v === undefined) return 'missing'
  if (typeof v === 'string') return 'string'
  if (typeof v === 'boolean') return 'bool'
  if (typeof v === 'number') return Number.isInteger(v) ? (Math.abs(v) <= 2 ** 31 - 1 ? 'int' : 'long') : 'double'
  if (Array.isArray(v)) return 'array'
  if (v instanceof Date) return 'date'
  if (v instanceof RegExp) return 'regex'
  const bson = (v as any)._bsontype
  if (typeof bson === 'string') {
    const names: Record<string, string> = { ObjectId: 'objectId', ObjectID: 'objectId', Binary: 'binData', Decimal128: 'decimal', Long: 'long', Int32: 'int', Double: 'double', Timestamp: 'timestamp' }
    return names[bson] ?? bson
  }
  return 'object'
}

/** One element in MongoDB's shell-like notation: `name: "text"`, `n: 5`, `arr: [ 1, 2 ]`. */
function element(name: string, v: unknown): string {
  return `${name}: ${value(v)}`
}

function value(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v)
  if (v === null || typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (v === undefined) return 'undefined'
  if (v instanceof Date) return `new Date(${v.getTime()})`
  if (v instanceof RegExp) return String(v)
  if (Array.isArray(v)) return v.length ? `[ ${v.map(value).join(', ')} ]` : '[]'
  if (isPlainObject(v)) {
    const keys = Object.keys(v)
    return keys.length ? `{ ${keys.map((k) => element(k, v[k])).join(', ')} }` : '{}'
  }
  if ((v as any)._bsontype === 'ObjectId' || (v as any)._bsontype === 'ObjectID') return `ObjectId('${String(v)}')`
  return String(v)
}
