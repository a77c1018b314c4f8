import type { ExportAnswer } from '@domain/api/filtersOf'

/**
 * Browser: a temporary <a download> on the file's temporary URL. Under `npm start` the URL is the
 * local server's (same origin as the app), so the browser saves it under its name instead of
 * opening it; the link also carries the name for the tests (data-testid export-link).
 */
export async function openExportFile(file: ExportAnswer): Promise<void> {
  const link = document.createElement('a')
  link.href = file.url
  link.download = file.name
  link.rel = 'noopener'
  link.style.display = 'none'
  link.setAttribute('data-testid', 'export-link')
  document.body.appendChild(link)
  link.click()
  // Kept until the next export so a test (or a person with a blocked download) can still find it.
  for (const old of Array.from(document.querySelectorAll('a[data-testid="export-link"]'))) if (old !== link) old.remove()
}
