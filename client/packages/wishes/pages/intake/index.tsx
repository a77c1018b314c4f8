import { useMemo, useState } from 'react'
import { View } from '@tarojs/components'
import type { WhoAmI } from '@domain/api'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import type { SelectOption } from '@/components/SelectField/SelectField'
import { Page } from '@/components/Page/Page'
import { HouseholdPicker } from '@/components/HouseholdPicker/HouseholdPicker'
import { WishIntakeForm, type IntakeHousehold } from '@/components/WishIntake/WishIntakeForm'
import { useHousehold } from '@/hooks/useHouseholds'
import { usePageParams } from '@/hooks/usePageParams'
import { WishQueueList, type SentItem } from '@/components/WishIntake/WishQueueList'
import { useRemote } from '@/hooks/useRemote'
import { useWishCommunity } from '@/hooks/useWishes'
import { useWishQueue } from '@/hooks/useWishQueue'
import { useWhoAmI } from '@/hooks/useWhoAmI'
import { openPage } from '@/navigation'
import { listChildren } from '@/services/org'
import { photoStore } from '@/services/photoStore'
import { options } from '@/services/registration'
import { withSubscribe } from '@/services/subscribe'
import { choosePhotos } from '@/services/upload'

/** The buildings of every grid the person works: one listChildren per grid. */
async function gridBuildings(who: WhoAmI): Promise<SelectOption[]> {
  const grids = who.roles.filter((r) => r.kind === 'grid_worker' && r.scopeId).map((r) => r.scopeId!)
  const lists = await Promise.all(grids.map((g) => listChildren(g)))
  return lists.flatMap((l) => l.children.filter((c) => c.kind === 'building').map((c) => ({ id: c.id, name: c.name, group: l.parent.name })))
}

/**
 * The household from the page query (转为心愿 on a visit's need: `householdId`, `buildingId`,
 * `buildingName`, `door`, `visitId`, `need` (its index), `text`), with its residents once read.
 * Building and door come in the query so the card is prefilled even with no signal.
 */
export function householdFromQuery(params: Record<string, string>): IntakeHousehold | null {
  if (!params.buildingId || !params.door) return null
  const index = Number(params.need)
  return {
    buildingId: params.buildingId,
    buildingName: params.buildingName || '',
    door: params.door,
    ...(params.text ? { details: params.text } : {}),
    ...(params.visitId && Number.isInteger(index) && index >= 0 ? { followUp: { visitId: params.visitId, index } } : {}),
  }
}

function Form({ who }: { who: WhoAmI }) {
  const params = usePageParams()
  const isGridWorker = who.roles.some((r) => r.kind === 'grid_worker' && r.scopeId)
  const fromQuery = useMemo(() => householdFromQuery(params), [params.buildingId, params.door, params.visitId, params.need, params.text, params.buildingName])
  // Or a household picked from the grid's list (选择住户), instead of typing its building and door.
  const [picking, setPicking] = useState(false)
  const [picked, setPicked] = useState<{ id: string; household: IntakeHousehold } | null>(null)
  const chosen = picked?.household ?? fromQuery
  // The residents to choose the beneficiary from: read when there is a network; without, the name is typed.
  const detail = useHousehold(isGridWorker && chosen ? (picked?.id ?? params.householdId ?? null) : null)
  const household = useMemo<IntakeHousehold | null>(
    () => (chosen ? { ...chosen, ...(detail.data ? { residents: detail.data.residents.map((r) => ({ name: r.name, phone: r.phone })) } : {}) } : null),
    [chosen, detail.data],
  )
  const community = useWishCommunity()
  const buildings = useRemote(
    async () => (isGridWorker ? gridBuildings(who) : (await options(community.id!)).buildings.map((b) => ({ id: b.id, name: b.name, group: b.compoundName }))),
    isGridWorker ? `grid:${who.id}` : community.id ? `self:${community.id}` : null,
  )
  const { items, queue } = useWishQueue()
  // Cards still waiting from before (a reload, yesterday's round) show 已提交 too once they go.
  const [sent, setSent] = useState<SentItem[]>(() => queue.list().map((i) => ({ key: i.key, title: i.intake.title })))

  return (
    <View>
      <WishQueueList items={items} sent={sent} results={queue.results()} onOpen={(id) => openPage('wishDetail', { id })} onDiscard={queue.discard} onRetry={() => void queue.flush()} />
      {isGridWorker && !fromQuery && !picking && (
        <View className='wish-form__pick' data-testid='intake-pick-household' onClick={() => setPicking(true)}>
          {picked ? `已选 ${picked.household.buildingName} ${picked.household.door} · 换一户 ›` : '从住户名单选择住户 ›'}
        </View>
      )}
      {picking && (
        <HouseholdPicker
          onClose={() => setPicking(false)}
          onPick={(row) => {
            setPicked({ id: row.id, household: { buildingId: row.buildingId, buildingName: row.buildingName, door: row.door } })
            setPicking(false)
          }}
        />
      )}
      {buildings.data ? (
        <WishIntakeForm
          mode={isGridWorker ? 'household' : 'self'}
          buildings={buildings.data}
          selfName={isGridWorker ? undefined : who.displayName}
          household={isGridWorker ? household : null}
          choosePhotos={choosePhotos}
          keepPhotos={(photos) => photoStore().keep(photos)}
          onRemovePhoto={(photo) => void photoStore().release([photo])}
          onSubmit={(intake, photos) =>
            // Asked inside the tap, before the card is queued; a refusal still queues it.
            void withSubscribe(isGridWorker ? 'submit' : 'submitSelf', () => {
              const key = queue.enqueue(intake, photos)
              setSent((s) => [...s, { key, title: intake.title }])
            })
          }
        />
      ) : (
        <LoadPanel error={buildings.error ?? community.error} onRetry={() => void buildings.reload()} />
      )}
    </View>
  )
}

/**
 * 录入心愿: the grid worker's wish card at the door (a resident writes their own). Works with no
 * signal once open: the submission waits on the phone with its key and is sent when the network is back.
 */
export default function WishIntakePage() {
  const who = useWhoAmI()
  return (
    <Page className='page' data-testid='page-wish-intake'>
      {who.data ? <Form who={who.data} /> : <LoadPanel error={who.error} onRetry={() => void who.reload()} />}
    </Page>
  )
}
