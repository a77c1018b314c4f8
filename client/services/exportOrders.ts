import { orderExportsArea } from '@domain/api/exportsOrders'
import type { ExportAnswer } from '@domain/api/filtersOf'
import type { InputOf } from '@domain/api/contract'
import { areaCaller } from './transport'
import { openExportFile } from './exportFile'

const call = areaCaller(orderExportsArea)

type Actions = typeof orderExportsArea.actions

/** 导出 Excel of the 服务 tab's order lists (exports.ts for the others; this one keeps the main package small). */
export async function exportOrders<L extends keyof Actions & string>(list: L, filters: InputOf<Actions[L]>): Promise<ExportAnswer> {
  const answer = await call('exports', list, filters)
  await openExportFile(answer)
  return answer
}
