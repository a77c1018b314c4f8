/**
 * One .xlsx export from rows that arrive page by page: written with exceljs's streaming writer to
 * a temporary file (each row is committed as it comes, so memory holds a page, not the sheet),
 * uploaded to cloud storage from a read stream, answered with the file's id and a temporary URL.
 * Used by the `exports` function and by any function that offers a table as a download.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import ExcelJS from 'exceljs'
import { cloud } from './cloud'
import type { ActionContext } from './area'

export type XlsxCell = string | number | boolean | Date | null

export interface XlsxColumn {
  header: string
  /** Width in characters; a CJK character counts about two. */
  width?: number
  /** Excel number format, e.g. '0.0' for hours or '@' to keep a phone number as text. */
  numFmt?: string
}

export interface XlsxExport {
  /** The file name the person sees (without or with `.xlsx`). */
  name: string
  /** The worksheet's name (at most 31 characters; cut when longer). */
  sheet: string
  columns: XlsxColumn[]
  /** Rows as cell arrays in column order; read lazily, a page at a time. */
  rows: AsyncIterable<XlsxCell[]> | Iterable<XlsxCell[]>
  /** Storage folder; the file lands at `<folder>/<yyyymmdd>/<random>.xlsx`. Default `exports`. */
  folder?: string
  /** How long the temporary URL works, in seconds. Default 1 hour. */
  maxAgeS?: number
}

export interface XlsxExported {
  fileId: string
  /** A temporary download URL (getTempFileURL). */
  url: string
  /** Data rows written (the header row not counted). */
  rows: number
  /** The file name, ending in `.xlsx`. */
  name: string
  bytes: number
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const DEFAULT_MAX_AGE_S = 3600
/** Excel's own limit per worksheet, header included. */
export const XLSX_MAX_ROWS = 1_048_575

/** Characters Excel refuses in a sheet name: \ / ? * [ ] : */
function sheetName(name: string): string {
  return (name.replace(/[\\/?*[\]:]/g, ' ').trim() || 'Sheet1').slice(0, 31)
}

/** A name a person can save as is: no path separators or characters Windows refuses. */
export function fileNameOf(name: string): string {
  const base = name.replace(/\.xlsx$/i, '').replace(/[\\/:*?"<>|\u0000-\u001f]/g, ' ').trim() || '导出'
  return `${base.slice(0, 80)}.xlsx`
}

/** Writes the workbook to a temporary file and answers its path and row count. */
export async function writeXlsxFile(file: string, spec: Pick<XlsxExport, 'sheet' | 'columns' | 'rows'>): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false })
  wb.creator = '连心'
  const ws = wb.addWorksheet(sheetName(spec.sheet), { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.columns = spec.columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width ?? 14, style: c.numFmt ? { numFmt: c.numFmt } : {} }))
  ws.getRow(1).font = { bold: true }
  ws.getRow(1).commit()
  let n = 0
  for await (const cells of spec.rows as AsyncIterable<XlsxCell[]>) {
    if (n >= XLSX_MAX_ROWS) throw new Error(`more than ${XLSX_MAX_ROWS} rows in one sheet`)
    ws.addRow(cells.map((c) => (c === null ? '' : c))).commit()
    n++
  }
  ws.commit()
  await wb.commit()
  return n
}

/**
 * The export of `spec.rows` as an uploaded .xlsx: temp file, upload from a read stream, temp URL.
 * The temp file is removed whatever happens. `ctx` gives the clock for the storage folder.
 */
export async function writeXlsxExport(ctx: Pick<ActionContext, 'now'>, spec: XlsxExport): Promise<XlsxExported> {
  const name = fileNameOf(spec.name)
  const tmp = path.join(os.tmpdir(), `lianxin-export-${process.pid}-${randomBytes(6).toString('hex')}.xlsx`)
  try {
    const rows = await writeXlsxFile(tmp, spec)
    const bytes = fs.statSync(tmp).size
    const day = ctx.now.toISOString().slice(0, 10).replace(/-/g, '')
    // A random name: the temp URL is the only way in, and nobody can guess another export's path.
    const cloudPath = `${spec.folder ?? 'exports'}/${day}/${randomBytes(12).toString('hex')}.xlsx`
    const uploaded = (await cloud.uploadFile({ cloudPath, fileContent: fs.createReadStream(tmp) as never })) as { fileID: string }
    const answer = (await cloud.getTempFileURL({ fileList: [{ fileID: uploaded.fileID, maxAge: spec.maxAgeS ?? DEFAULT_MAX_AGE_S }] })) as {
      fileList: { fileID: string; tempFileURL: string; status: number }[]
    }
    const url = answer.fileList[0]?.tempFileURL
    if (!url) throw new Error(`no temporary URL for ${uploaded.fileID}`)
    return { fileId: uploaded.fileID, url, rows, name, bytes }
  } finally {
    fs.rmSync(tmp, { force: true })
  }
}
