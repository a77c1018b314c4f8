import { Page } from '@/components/Page/Page'
import { WishOutbox } from '@/components/WishOutbox'

/** 消息: the local outbox of subscription messages (h5 only; in WeChat they arrive as service notices). */
export default function WishOutboxPage() {
  return (
    <Page className='page' data-testid='page-wish-outbox'>
      <WishOutbox />
    </Page>
  )
}
