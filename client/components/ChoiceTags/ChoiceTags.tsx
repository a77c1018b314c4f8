import { View } from '@tarojs/components'
import './ChoiceTags.scss'

export interface ChoiceTagsProps {
  options: readonly string[]
  selected: readonly string[]
  onChange: (next: string[]) => void
  /** At most this many may be on; further taps on an unselected tag do nothing. */
  max?: number
  testId?: string
}

/** Big toggle tags (特长, 空闲时间): tap to turn on, tap again to turn off. */
export function ChoiceTags({ options, selected, onChange, max, testId = 'choice-tags' }: ChoiceTagsProps) {
  const toggle = (option: string) => {
    if (selected.includes(option)) onChange(selected.filter((s) => s !== option))
    else if (max === undefined || selected.length < max) onChange(options.filter((o) => o === option || selected.includes(o)))
  }
  return (
    <View className='choice-tags' data-testid={testId}>
      {options.map((option) => {
        const on = selected.includes(option)
        return (
          <View
            key={option}
            className={`choice-tags__tag${on ? ' choice-tags__tag--on' : ''}`}
            data-testid='choice-tag'
            data-value={option}
            data-selected={on ? 'true' : 'false'}
            onClick={() => toggle(option)}
          >
            {on ? `✓ ${option}` : option}
          </View>
        )
      })}
    </View>
  )
}
