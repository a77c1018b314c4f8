import type { BatchResult, InviteTarget, PendingItem, RegistrationCard, RegistrationOptions } from '@domain/api'
import { FREE_TIME_SLOTS, isLive, missingSteps, REGISTRATION_STATE_LABELS, SKILL_TAGS, type RegistrationState, type RegistrationVerb } from '@domain/registration'
import type { RecordedRequest, StubAnswer } from './fetchStub'
import { TINY_PNG_BASE64 } from './org'

export const COMMUNITIES = [
  { id: 'org-beimen', name: '北门社区', streetName: '龙城街道' },
  { id: 'org-chengnan', name: '城南社区', streetName: '龙城街道' },
]

export const UNITS = [
  { id: 'unit-water-bureau', name: '县水利局', kind: '机关' },
  { id: 'unit-water-co', name: '水务有限公司', kind: '企业' },
]

export const BUILDINGS: Record<string, RegistrationOptions['buildings']> = {
  'org-beimen': [
    { id: 'org-beimen-b1', name: '北门花园1栋', compoundName: '北门花园小区' },
    { id: 'org-beimen-b2', name: '北门花园2栋', compoundName: '北门花园小区' },
  ],
  'org-chengnan': [{ id: 'org-chengnan-b1', name: '城南雅苑1栋', compoundName: '城南雅苑小区' }],
}

export function registrationOptions(communityId?: string): RegistrationOptions {
  return {
    communities: COMMUNITIES,
    units: UNITS,
    buildings: communityId ? (BUILDINGS[communityId] ?? []) : [],
    skills: SKILL_TAGS,
    freeTime: FREE_TIME_SLOTS,
  }
}

/** What the owner of a registration may do in each state, as the function answers it (`can`), written out by hand. */
export const OWNER_CAN: Record<RegistrationState, RegistrationVerb[]> = {
  pending_unit: ['withdraw'],
  pending_community: ['withdraw'],
  registered: ['withdraw', 'move'],
  rejected: ['resubmit'],
  moved: [],
  withdrawn: [],
}

/** What the admin of the deciding side may do with a pending registration. */
export const ADMIN_CAN: Partial<Record<RegistrationState, RegistrationVerb[]>> = {
  pending_unit: ['confirmUnit', 'rejectUnit'],
  pending_community: ['confirmCommunity', 'rejectCommunity'],
}

export function card(state: RegistrationState = 'pending_unit', overrides: Partial<RegistrationCard> = {}): RegistrationCard {
  return {
    id: 'reg-1',
    state,
    can: OWNER_CAN[state],
    stateLabel: REGISTRATION_STATE_LABELS[state],
    name: '马小兵',
    phoneMasked: '139****5678',
    unit: { id: 'unit-water-bureau', name: '县水利局' },
    community: { id: 'org-beimen', name: '北门社区' },
    building: { id: 'org-beimen-b2', name: '北门花园2栋' },
    skills: ['水电维修'],
    skillNote: null,
    freeTime: ['周末白天'],
    missing: missingSteps(state),
    reason: null,
    qrPayload: 'LXREG:reg-1',
    history: [{ verb: 'submit', from: null, to: 'pending_unit', byName: '马小兵', at: '2026-11-22T02:30:00.000Z' }],
    earlier: [],
    createdAt: '2026-11-22T02:30:00.000Z',
    ...overrides,
  }
}

export function pendingItem(id: string, name: string, overrides: Partial<PendingItem> = {}): PendingItem {
  return {
    id,
    state: 'pending_unit',
    can: ADMIN_CAN[overrides.state ?? 'pending_unit'] ?? [],
    name,
    phone: '13912345678',
    unitName: '县水利局',
    communityName: '北门社区',
    buildingName: '北门花园2栋',
    skills: ['水电维修'],
    createdAt: '2026-11-22T02:30:00.000Z',
    ...overrides,
  }
}

const ok = (data: unknown): StubAnswer => ({ json: { code: 0, data } })
const fail = (code: string, message: string, status = 400): StubAnswer => ({ status, json: { code, message } })

/**
 * The `registration` cloud function as seen over fetch: enough state to walk register → myCard,
 * listPending → confirm/reject. Answers what the contract says; refuses what the real one would.
 */
export function registrationBackend(init: { card?: RegistrationCard | null; pending?: PendingItem[]; invites?: Record<string, InviteTarget> } = {}) {
  let mine: RegistrationCard | null = init.card ?? null
  let pending = [...(init.pending ?? [])]
  const invites = init.invites ?? { 'c:org-beimen': { kind: 'community', id: 'org-beimen', name: '北门社区' } }
  const handler = (req: RecordedRequest): StubAnswer => {
    const body = req.body as Record<string, unknown> & { action: string }
    switch (body.action) {
      case 'resolveInvite': {
        const target = invites[body.scene as string]
        return target ? ok(target) : fail('ORG.INVITE_EXPIRED', '这个邀请码已失效，请向社区或单位重新索取')
      }
      case 'options':
        return ok(registrationOptions(body.communityId as string | undefined))
      case 'register':
      case 'move':
      case 'resubmit': {
        const live = !!mine && isLive(mine.state)
        if (body.action === 'register' && live) {
          return fail('REGISTRATION.ALREADY_REGISTERED', '您已有一份有效的报到，如需更换社区或单位请使用「迁移」', 409)
        }
        if (body.action === 'move' && !mine?.can.includes('move')) return fail('REGISTRATION.NOT_FOUND', '您还没有有效的报到，请先报到', 404)
        if (body.action === 'move' && mine!.unit.id === body.unitId && mine!.community.id === body.communityId) {
          return fail('REGISTRATION.SAME_PLACE', '迁入的社区和工作单位与现在的相同，无需迁移')
        }
        if (body.action === 'resubmit' && (!mine?.can.includes('resubmit') || mine.id !== body.id)) {
          return fail('REGISTRATION.INVALID_TRANSITION', '当前状态不能进行这个操作')
        }
        const previous = mine
        const unit = UNITS.find((u) => u.id === body.unitId)!
        const community = COMMUNITIES.find((c) => c.id === body.communityId)!
        const building = (BUILDINGS[community.id] ?? []).find((b) => b.id === body.buildingId)
        mine = card('pending_unit', {
          name: body.name as string,
          // A move or resubmission may leave the phone out: the one on record stays.
          phoneMasked: typeof body.phone === 'string' ? `${body.phone.slice(0, 3)}****${body.phone.slice(7)}` : (previous?.phoneMasked ?? ''),
          unit: { id: unit.id, name: unit.name },
          community: { id: community.id, name: community.name },
          building: building ? { id: building.id, name: building.name } : null,
          skills: body.skills as string[],
          skillNote: (body.skillNote as string | undefined) ?? null,
          freeTime: body.freeTime as string[],
        })
        if (body.action === 'move' && previous) {
          const state = previous.unit.id === body.unitId ? 'pending_community' : 'pending_unit'
          mine = { ...mine, id: 'reg-2', state, can: OWNER_CAN[state], stateLabel: REGISTRATION_STATE_LABELS[state], missing: missingSteps(state), earlier: [
            { id: previous.id, unitName: previous.unit.name, communityName: previous.community.name, buildingName: previous.building?.name ?? null, history: previous.history },
          ] }
        }
        if (body.action === 'resubmit' && previous) mine = { ...mine, id: previous.id, history: [...previous.history, { verb: 'resubmit', from: 'rejected', to: 'pending_unit', byName: body.name as string, at: '2026-11-23T02:00:00.000Z' }] }
        return ok(mine)
      }
      case 'cardQr':
        return ok({ payload: `reg:${body.id as string}`, imageBase64: TINY_PNG_BASE64, contentType: 'image/png' })
      case 'myCard':
        return ok(mine)
      case 'withdraw':
        if (!mine) return fail('REGISTRATION.NOT_FOUND', '找不到这份报到记录', 404)
        mine = { ...mine, state: 'withdrawn', can: OWNER_CAN.withdrawn, stateLabel: '已撤回', missing: missingSteps('withdrawn') }
        return ok(mine)
      case 'listPending':
        return ok({ items: pending, total: pending.length })
      case 'confirmUnit':
      case 'confirmCommunity': {
        const result: BatchResult = { done: [], failed: [] }
        for (const id of body.ids as string[]) {
          if (pending.some((p) => p.id === id)) result.done.push(id)
          else result.failed.push({ id, code: 'REGISTRATION.CHANGED', message: '这份报到刚刚被其他人处理过，请刷新后再试' })
        }
        pending = pending.filter((p) => !result.done.includes(p.id))
        return ok(result)
      }
      case 'rejectUnit':
      case 'rejectCommunity': {
        const item = pending.find((p) => p.id === body.id)
        if (!item) return fail('REGISTRATION.NOT_FOUND', '找不到这份报到记录', 404)
        pending = pending.filter((p) => p.id !== body.id)
        return ok(card('rejected', { id: item.id, name: item.name, reason: body.reason as string }))
      }
      default:
        return fail('REQUEST.UNKNOWN_ACTION', '没有这个操作')
    }
  }
  return {
    handler,
    get card() {
      return mine
    },
    /** Someone else handles this one first (the next confirm of it fails). */
    takeAway(id: string) {
      pending = pending.filter((p) => p.id !== id)
    },
  }
}
