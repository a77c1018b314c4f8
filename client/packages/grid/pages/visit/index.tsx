import { View } from '@tarojs/components'
import { Page } from '@/components/Page/Page'
import { VisitForm } from '@/components/VisitForm/VisitForm'
import { VisitQueueState } from '@/components/VisitForm/VisitQueue'
import { useVisitQueue } from '@/hooks/useHouseholds'
import { usePageParams } from '@/hooks/usePageParams'
import { photoStore } from '@/services/photoStore'
import { choosePhotos } from '@/services/upload'
import '../grid.scss'

/**
 * 入户走访: the record of one visit, saved on the phone the moment 保存 is pressed (with its key)
 * and sent whenever there is a network; the form stays open for the next door.
 */
export default function VisitPage() {
  const params = usePageParams()
  const { items, queue } = useVisitQueue()
  return (
    <Page className='page grid-page' data-testid='page-visit'>
      <View>
        <View className='visit-form visit-form--queue'>
          <VisitQueueState items={items} onRetry={() => void queue.flush()} onDiscard={queue.discard} />
        </View>
        <VisitForm
          householdId={params.householdId || null}
          householdLabel={params.label || '已选住户'}
          choosePhotos={choosePhotos}
          keepPhotos={(photos) => photoStore().keep(photos)}
          onRemovePhoto={(photo) => void photoStore().release([photo])}
          onSubmit={(visit, photos) => void queue.enqueue(visit, photos)}
        />
      </View>
    </Page>
  )
}
