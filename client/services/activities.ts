import type { ActivityCreateInput, ActivityListView, ActivitySettings, ActivityState } from '@domain/api/activities'
import { activitiesArea } from '@domain/api/activities'
import { areaCaller } from './transport'

const call = areaCaller(activitiesArea)

/** Activities (活动 · 签到 · 时长 · 服务证明): typed one-liners over the one transport. */

export const themes = (year: number, countyId?: string) => call('activities', 'themes', countyId ? { year, countyId } : { year })
export const setTheme = (input: { countyId: string; year: number; month: number; title: string; description: string }) => call('activities', 'setTheme', input)
export const getActivitySettings = (countyId?: string) => call('activities', 'getSettings', countyId ? { countyId } : {})
export const setActivitySettings = (countyId: string, version: number, settings: ActivitySettings) => call('activities', 'setSettings', { countyId, version, settings })
export const organiserOptions = () => call('activities', 'organiserOptions', {})
export const createActivity = (input: ActivityCreateInput) => call('activities', 'create', input)
export const transitionActivity = (id: string, verb: 'publish' | 'closeSignup' | 'hold' | 'cancel', reason?: string) =>
  call('activities', 'transition', reason === undefined ? { id, verb } : { id, verb, reason })
export const listActivities = (view: ActivityListView, state?: ActivityState) => call('activities', 'list', state ? { view, state } : { view })
export const getActivity = (id: string) => call('activities', 'get', { id })
export const signUp = (id: string) => call('activities', 'signUp', { id })
export const withdraw = (id: string) => call('activities', 'withdraw', { id })
export const checkInCode = (id: string) => call('activities', 'checkInCode', { id })
export const checkIn = (id: string, code: string) => call('activities', 'checkIn', { id, code })
export const checkOut = (id: string, code: string) => call('activities', 'checkOut', { id, code })
export const scanCard = (id: string, payload: string) => call('activities', 'scanCard', { id, payload })
export const hoursList = (id: string) => call('activities', 'hoursList', { id })
export const adjustHours = (id: string, userId: string, reason: string, hours?: number) =>
  call('activities', 'adjust', hours === undefined ? { id, userId, reason } : { id, userId, reason, hours })
export const bookHours = (id: string) => call('activities', 'book', { id })
export const myHours = () => call('activities', 'myHours', {})
export const issueCertificate = () => call('activities', 'issueCertificate', {})
export const verifyCertificate = (number: string) => call('activities', 'verifyCertificate', { number })
