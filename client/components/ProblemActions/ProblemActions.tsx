import { useState } from 'react'
import { Image, Input, Text, Textarea, View } from '@tarojs/components'
import type { AssigneeKind, ProblemDetail, ProblemVerb } from '@domain/api/problems'
import { messageFor } from '@domain/errors'
import type { WishPhoto } from '@domain/wishes'
import { textOf } from '@/components/WishIntake/textOf'
import './ProblemActions.scss'

/** What a form asks the page to do; the page calls the service and shows the problem as it is now. */
export type ProblemAction =
  | { verb: 'holdMeeting'; attendees: string[]; decision: string }
  | { verb: 'assign'; assignee: { kind: AssigneeKind; id: string }; days: number }
  | { verb: 'solve'; note: string; photos: WishPhoto[] }
  | { verb: 'confirm' }
  | { verb: 'reopen' | 'dismiss'; reason: string }

export interface AssigneeOption {
  kind: AssigneeKind
  id: string
  name: string
}

/** The usual next step first, the way back last. */
const ORDER: readonly ProblemVerb[] = ['holdMeeting', 'assign', 'solve', 'confirm', 'reopen', 'dismiss']

export const VERB_LABELS: Record<ProblemVerb, string> = {
  holdMeeting: '记录现场议事',
  assign: '交办',
  solve: '提交解决情况',
  confirm: '确认已解决',
  reopen: '没解决，退回重办',
  dismiss: '不予处理',
}

const PRIMARY: ReadonlySet<ProblemVerb> = new Set(['holdMeeting', 'assign', 'solve', 'confirm'])
const KIND_LABELS: Record<AssigneeKind, string> = { community: '社区', unit: '结对单位', member: '党员' }
export const DEADLINE_DAYS = [3, 7, 15, 30] as const

/** `张敏、王秀英` or `张敏,王秀英`: the names, one each. */
export const splitNames = (text: string) =>
  text
    .split(/[，,、\s]+/)
    .map((s) => s.trim())
    .filter(Boolean)

function Button({ testId, children, onClick, kind = 'primary', disabled }: { testId: string; children: string; onClick: () => void; kind?: 'primary' | 'plain'; disabled?: boolean }) {
  return (
    <View
      className={`problem-actions__button problem-actions__button--${kind}${disabled ? ' problem-actions__button--busy' : ''}`}
      hoverClass='problem-actions__button--pressed'
      role='button'
      aria-disabled={disabled}
      data-testid={testId}
      onClick={() => {
        if (!disabled) onClick()
      }}
    >
      {children}
    </View>
  )
}

export interface ProblemActionsProps {
  problem: Pick<ProblemDetail, 'id' | 'can'>
  /** Performs the step; throws to keep the form open (the page shows why). */
  onAction: (action: ProblemAction) => Promise<void>
  /** The community admin's choices, asked when the assign form opens. */
  loadAssignees: () => Promise<AssigneeOption[]>
  /** Chooses and uploads a photo of the work done; answers none when the person cancelled. */
  pickPhotos: () => Promise<WishPhoto[]>
  error?: string | null
}

/** The steps this caller may take now: exactly what `can` allows, each with its own small form. */
export function ProblemActions({ problem, onAction, loadAssignees, pickPhotos, error }: ProblemActionsProps) {
  const verbs = ORDER.filter((v) => problem.can.includes(v))
  const [open, setOpen] = useState<ProblemVerb | null>(null)
  const [busy, setBusy] = useState(false)
  const [problemText, setProblemText] = useState<string | null>(null)
  const [text, setText] = useState('')
  const [names, setNames] = useState('')
  const [options, setOptions] = useState<AssigneeOption[] | null>(null)
  const [chosen, setChosen] = useState<string | null>(null)
  const [days, setDays] = useState<number>(7)
  const [photos, setPhotos] = useState<WishPhoto[]>([])

  const reset = () => {
    setOpen(null)
    setText('')
    setNames('')
    setChosen(null)
    setPhotos([])
    setProblemText(null)
  }

  const run = async (action: ProblemAction) => {
    setBusy(true)
    try {
      await onAction(action)
      reset()
    } catch {
      // The page shows why; the form stays as it was for another try.
    } finally {
      setBusy(false)
    }
  }

  const press = (verb: ProblemVerb) => {
    setProblemText(null)
    if (verb === 'confirm') return void run({ verb })
    setOpen(verb)
    if (verb === 'assign' && !options) {
      loadAssignees().then(setOptions, () => setProblemText('负责方列表加载失败，请返回后重试'))
    }
  }

  const addPhoto = async () => {
    setProblemText(null)
    try {
      const got = await pickPhotos()
      setPhotos((list) => [...list, ...got].slice(0, 3))
    } catch (e) {
      setProblemText(e instanceof Error ? e.message : '照片上传失败，请重试')
    }
  }

  const submit = () => {
    if (!open) return
    const fail = (code: Parameters<typeof messageFor>[0]) => setProblemText(messageFor(code))
    if (open === 'holdMeeting') {
      const attendees = splitNames(names)
      if (attendees.length === 0) return fail('PROBLEM.MEETING_ATTENDEES')
      if (text.trim().length < 2) return fail('PROBLEM.MEETING_DECISION')
      return void run({ verb: 'holdMeeting', attendees, decision: text.trim() })
    }
    if (open === 'assign') {
      const option = options?.find((o) => `${o.kind}:${o.id}` === chosen)
      if (!option) return fail('PROBLEM.NO_ASSIGNEE')
      return void run({ verb: 'assign', assignee: { kind: option.kind, id: option.id }, days })
    }
    if (open === 'solve') {
      if (photos.length === 0) return fail('PROBLEM.PHOTO_REQUIRED')
      return void run({ verb: 'solve', note: text.trim(), photos })
    }
    if (open === 'reopen' || open === 'dismiss') {
      if (text.trim().length < 2) return fail('PROBLEM.REASON_REQUIRED')
      return void run({ verb: open, reason: text.trim() })
    }
  }

  if (verbs.length === 0 && !error) return null
  return (
    <View className='problem-actions' data-testid='problem-actions' data-verbs={verbs.join(' ')}>
      {error && (
        <Text className='problem-actions__error' data-testid='problem-error'>
          {error}
        </Text>
      )}
      {!open &&
        verbs.map((v) => (
          <Button key={v} testId={`problem-${v}`} kind={PRIMARY.has(v) ? 'primary' : 'plain'} disabled={busy} onClick={() => press(v)}>
            {busy && v === 'confirm' ? '正在确认…' : VERB_LABELS[v]}
          </Button>
        ))}
      {open && (
        <View className='problem-actions__panel' data-testid='problem-form' data-verb={open}>
          {problemText && (
            <Text className='problem-actions__error' data-testid='problem-form-error'>
              {problemText}
            </Text>
          )}
          {open === 'holdMeeting' && (
            <>
              <Text className='problem-actions__label'>参加的人（用顿号或逗号隔开）</Text>
              <Input
                className='problem-actions__input'
                data-testid='problem-form-names'
                value={names}
                maxlength={200}
                placeholder='例如：张敏、孙丽、楼栋长'
                onInput={(e) => setNames(textOf(e))}
                nativeProps={{ 'aria-label': '参加现场议事的人' }}
              />
              <Text className='problem-actions__label'>现场议定的办法</Text>
            </>
          )}
          {open === 'assign' && (
            <>
              <Text className='problem-actions__label'>交给谁处理</Text>
              {!options && <Text className='problem-actions__hint'>正在加载…</Text>}
              <View className='problem-actions__chips' role='radiogroup' aria-label='负责方'>
                {(options ?? []).map((o) => {
                  const key = `${o.kind}:${o.id}`
                  const on = key === chosen
                  return (
                    <View
                      key={key}
                      className={`problem-actions__chip${on ? ' problem-actions__chip--on' : ''}`}
                      role='radio'
                      aria-checked={on}
                      data-testid='problem-assignee'
                      data-value={key}
                      data-selected={on ? 'true' : 'false'}
                      onClick={() => setChosen(key)}
                    >
                      {`${o.name}（${KIND_LABELS[o.kind]}）`}
                    </View>
                  )
                })}
              </View>
              <Text className='problem-actions__label'>办结期限</Text>
              <View className='problem-actions__chips' role='radiogroup' aria-label='办结期限'>
                {DEADLINE_DAYS.map((d) => (
                  <View
                    key={d}
                    className={`problem-actions__chip${d === days ? ' problem-actions__chip--on' : ''}`}
                    role='radio'
                    aria-checked={d === days}
                    data-testid='problem-deadline'
                    data-value={String(d)}
                    data-selected={d === days ? 'true' : 'false'}
                    onClick={() => setDays(d)}
                  >
                    {`${d}天内`}
                  </View>
                ))}
              </View>
            </>
          )}
          {open === 'solve' && (
            <>
              <Text className='problem-actions__label'>处理后的照片（必填）</Text>
              <View className='problem-actions__photos'>
                {photos.map((p) => (
                  <View key={p.fileId} className='problem-actions__photo' data-testid='problem-solve-photo'>
                    <Image className='problem-actions__photo-img' src={p.fileId} mode='aspectFill' nativeProps={{ alt: '处理后的照片' }} />
                  </View>
                ))}
                {photos.length < 3 && (
                  <View className='problem-actions__photo problem-actions__photo--add' role='button' data-testid='problem-solve-add-photo' onClick={() => void addPhoto()}>
                    ＋ 拍照
                  </View>
                )}
              </View>
              <Text className='problem-actions__label'>怎么解决的（选填）</Text>
            </>
          )}
          {(open === 'reopen' || open === 'dismiss') && <Text className='problem-actions__label'>原因（必填）</Text>}
          {open !== 'assign' && (
            <Textarea
              className='problem-actions__textarea'
              data-testid='problem-form-text'
              value={text}
              maxlength={open === 'reopen' || open === 'dismiss' ? 200 : 300}
              placeholder={open === 'holdMeeting' ? '例如：先围挡，请县水利局三天内更换井盖' : open === 'solve' ? '例如：已更换新井盖' : '请写明原因'}
              onInput={(e) => setText(textOf(e))}
            />
          )}
          <Button testId='problem-form-submit' disabled={busy} onClick={submit}>
            {busy ? '正在提交…' : `确认${VERB_LABELS[open].replace(/^记录/, '')}`}
          </Button>
          <Button testId='problem-form-cancel' kind='plain' onClick={reset}>
            返回
          </Button>
        </View>
      )}
    </View>
  )
}
