/**
 * The photos of a problem (the report's, the solution's): one to three JPG or PNG of at most 5 MB,
 * checked on what the device declared and again on what storage really holds (server/kit/photos.ts).
 */
import './errors'
import type { PhotoRules } from '../photos'

export const PROBLEM_PHOTO_RULES: PhotoRules = Object.freeze({
  max: 3,
  required: true,
  types: ['image/jpeg', 'image/png'],
  maxBytes: 5_000_000,
  bad: 'PROBLEM.BAD_PHOTO',
  missing: 'PROBLEM.PHOTO_REQUIRED',
})
