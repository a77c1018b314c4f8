/**
 * The .xlsx side of the import, with exceljs (bundled into this function only; the client never
 * loads it): the template workbook, and a workbook read into plain cell texts for
 * domain/imports.ts to validate.
 */
import ExcelJS from 'exceljs'
import { cleanCell, COLUMNS, NOTES_MARK, readSheet, SHEETS, sheetKeyOf, type ColumnDef, type ImportRowError, type ParsedWorkbook, type SheetKey, type SheetRow } from '../../../domain/imports'
import { DomainError } from '../../../domain/errors'
import { HOUSEHOLD_COLUMNS, HOUSEHOLD_SHEET, readHouseholdSheet } from '../../../domain/householdImport'

const SHEET_KEYS = Object.keys(SHEETS) as SheetKey[]

/** One sheet of a template: bold header row (required columns shaded), a grey notes row saying what each column takes. */
function addTemplateSheet(wb: ExcelJS.Workbook, name: string, cols: readonly ColumnDef[], textColumns: number[] = []) {
  const ws = wb.addWorksheet(name)
  ws.columns = cols.map((c) => ({ header: c.required ? `${c.header}` : c.header, width: c.width }))
  const head = ws.getRow(1)
  head.font = { bold: true, size: 12 }
  cols.forEach((c, i) => {
    if (c.required) head.getCell(i + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE9D9' } }
  })
  const notes = ws.addRow(cols.map((c, i) => (i === 0 ? `${NOTES_MARK}${c.note}` : c.note)))
  notes.font = { italic: true, color: { argb: 'FF808080' }, size: 10 }
  notes.alignment = { wrapText: true, vertical: 'top' }
  notes.height = 48
  // Phones typed as numbers lose nothing, but text keeps leading characters as typed.
  for (const c of textColumns) ws.getColumn(c).numFmt = '@'
  ws.views = [{ state: 'frozen', ySplit: 2 }]
}

/** One workbook with the three sheets (社区 / 单位 / 党员). */
export async function templateWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = '连心'
  for (const key of SHEET_KEYS) addTemplateSheet(wb, SHEETS[key], COLUMNS[key], key === 'members' ? [2] : [])
  const out = await wb.xlsx.writeBuffer()
  return Buffer.from(out as ArrayBuffer)
}

/** The community's households workbook: one 住户 sheet. */
export async function householdTemplateWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = '连心'
  // 门牌号 and 电话 as text: Excel would turn 102 or a phone into a number.
  addTemplateSheet(wb, HOUSEHOLD_SHEET, HOUSEHOLD_COLUMNS, [2, 4])
  const out = await wb.xlsx.writeBuffer()
  return Buffer.from(out as ArrayBuffer)
}

/** A cell as the person sees it: rich text joined, formulas by their result, numbers without exponent. */
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value
  if (v === null || v === undefined) return ''
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v)
  if (typeof v === 'string') return v
  try {
    return cell.text ?? ''
  } catch {
    return ''
  }
}

async function load(file: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer)
  } catch {
    throw new DomainError('IMPORT.BAD_FILE')
  }
  return wb
}

/** A sheet's cells as the person sees them, row by row (row 1 at index 0). */
function gridOf(ws: ExcelJS.Worksheet): string[][] {
  const grid: string[][] = []
  const width = Math.min(ws.columnCount || 0, 30)
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const line: string[] = []
    for (let c = 1; c <= width; c++) line.push(cellText(row.getCell(c)))
    grid[rowNumber - 1] = line
  })
  for (let i = 0; i < grid.length; i++) grid[i] ??= []
  return grid
}

/** Reads the 住户 sheet; IMPORT.BAD_FILE when it is not an xlsx or has no such sheet. */
export async function readHouseholdWorkbook(file: Buffer): Promise<{ rows: SheetRow[]; headerErrors: ImportRowError[] }> {
  const wb = await load(file)
  const ws = wb.worksheets.find((w) => cleanCell(w.name) === HOUSEHOLD_SHEET)
  if (!ws) throw new DomainError('IMPORT.BAD_FILE', `表格里没有「${HOUSEHOLD_SHEET}」工作表，请使用下载的住户模板`)
  const headerErrors: ImportRowError[] = []
  const rows = readHouseholdSheet(gridOf(ws), headerErrors)
  return { rows, headerErrors }
}

/** Reads the 社区 / 单位 / 党员 sheets (any order, others ignored); IMPORT.BAD_FILE when it is not an xlsx. */
export async function readWorkbook(file: Buffer): Promise<ParsedWorkbook> {
  const wb = await load(file)
  const headerErrors: ImportRowError[] = []
  const book: ParsedWorkbook = { communities: [], units: [], members: [], headerErrors }
  let found = 0
  wb.eachSheet((ws) => {
    const key = sheetKeyOf(ws.name)
    if (!key) return
    found++
    book[key] = readSheet(key, gridOf(ws), headerErrors)
  })
  if (found === 0) throw new DomainError('IMPORT.BAD_FILE', `表格里没有「${Object.values(SHEETS).join('」「')}」工作表，请使用下载的模板`)
  return book
}
