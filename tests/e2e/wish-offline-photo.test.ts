/**
 * A door photo survives a reload while the card waits for the network (h5: the bytes are kept in
 * IndexedDB by client/services/photoStore.h5.ts; before, the photo was a blob URL that died with
 * the page). 张敏 fills a card with a photo while offline, the page is reloaded with the backend
 * still unreachable (the card still waits, 待发送 1 条), then the network returns and the wish
 * arrives with the very photo she took.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { actAs, browserSuite, openRoute, shot } from './browser'

jest.setTimeout(300_000)

const suite = browserSuite()

/** The bytes the local emulator stored under a fileID (server/emulator/storage.ts: objects/<sha256(cloudPath)>.json names the blob). */
function storedBytes(dataDir: string, fileID: string): Buffer {
  const cloudPath = fileID.replace(/^cloud:\/\/[^/]+\//, '')
  const objects = path.join(dataDir, 'storage', 'objects')
  const record = JSON.parse(fs.readFileSync(path.join(objects, `${createHash('sha256').update(cloudPath).digest('hex')}.json`), 'utf8')) as { blob: string; contentType: string }
  expect(record.contentType).toBe('image/png')
  return fs.readFileSync(path.join(objects, record.blob))
}

const TITLE = '想要一副老花镜'
// A real 1×1 PNG: the function checks the stored file's type and size.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

test('a card with a photo taken offline survives a reload and arrives with its photo when the network returns', async () => {
  const { page, context } = suite.browser
  const fill = (testId: string, value: string) => page.getByTestId(testId).locator('input, textarea').fill(value)
  await openRoute(page, suite.app.url, '/pages/home/index')
  await actAs(page, 'demo-grid')
  await openRoute(page, suite.app.url, '/packages/wishes/pages/intake/index')
  const intake = page.getByTestId('page-wish-intake')
  await intake.getByTestId('intake-form').waitFor()

  await context.setOffline(true)
  await intake.getByTestId('intake-building').click()
  await page.locator('[data-testid="intake-building-sheet"] [data-testid="select-option"][data-value="org-beimen-b1"]').click()
  await fill('intake-beneficiaryName', '周桂兰')
  await intake.getByTestId('intake-category').locator('[data-testid="wish-chip"][data-value="孤寡老人"]').click()
  await fill('intake-title', TITLE)
  await fill('intake-details', '老人看不清药盒上的字，想要一副老花镜。')
  await fill('intake-estimatedValue', '60')
  const chooser = page.waitForEvent('filechooser')
  await intake.getByTestId('intake-add-photo').click()
  await (await chooser).setFiles({ name: 'door.png', mimeType: 'image/png', buffer: PNG })
  await intake.getByTestId('intake-photo').waitFor()
  await intake.locator('[data-testid="intake-consent"][data-value="verbal"]').click()
  await intake.getByTestId('intake-submit').click()
  await intake.locator('[data-testid="intake-item"][data-status="waiting"]').filter({ hasText: TITLE }).waitFor()
  const stored = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const req = indexedDB.open('lianxin-photos')
        req.onsuccess = () => {
          const count = req.result.transaction('photos').objectStore('photos').count()
          count.onsuccess = () => resolve(count.result)
          count.onerror = () => reject(count.error)
        }
        req.onerror = () => reject(req.error)
      }),
  )
  expect(stored).toBe(1)

  // Reload. The page itself needs the network to load (there is no service worker), so the
  // browser comes back online but the wishes backend and the upload stay unreachable.
  const blocked = ['**/api/wishes', '**/__local/upload**']
  for (const pattern of blocked) await page.route(pattern, (route) => route.abort('internetdisconnected'))
  await context.setOffline(false)
  await page.reload()
  await intake.getByTestId('intake-form').waitFor()
  await intake.getByTestId('intake-waiting').filter({ hasText: '待发送 1 条' }).waitFor()
  await intake.locator('[data-testid="intake-item"][data-status="waiting"]').filter({ hasText: TITLE }).waitFor()
  await shot(page, 'wish-offline-photo-reloaded.png')

  // The signal returns: the browser's online event sends the waiting card.
  for (const pattern of blocked) await page.unroute(pattern)
  await context.setOffline(true)
  await context.setOffline(false)
  const sent = intake.locator('[data-testid="intake-item"][data-status="sent"]').filter({ hasText: TITLE })
  await sent.waitFor({ timeout: 30_000 })
  await shot(page, 'wish-offline-photo-sent.png')
  await sent.click()
  const detail = page.getByTestId('page-wish-detail')
  await detail.getByTestId('wish-state').filter({ hasText: '待核实' }).waitFor()
  const id = (await detail.getAttribute('data-id'))!

  // The grid worker (staff) sees the door photos: exactly the bytes she took.
  const answer = await page.request.post(`${suite.app.url}/api/wishes`, { headers: { 'x-wx-openid': 'demo-grid' }, data: { action: 'get', id } })
  const body = (await answer.json()) as { code: number; data: { private: { photos: string[] } | null } }
  expect(body.code).toBe(0)
  expect(body.data.private?.photos).toHaveLength(1)
  expect(storedBytes(suite.app.dataDir, body.data.private!.photos[0]).equals(PNG)).toBe(true)

  // Uploaded: the device no longer holds the bytes.
  const left = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const req = indexedDB.open('lianxin-photos')
        req.onsuccess = () => {
          const count = req.result.transaction('photos').objectStore('photos').count()
          count.onsuccess = () => resolve(count.result)
          count.onerror = () => reject(count.error)
        }
        req.onerror = () => reject(req.error)
      }),
  )
  expect(left).toBe(0)
  expect(suite.problems).toEqual([])
})
