import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import './SelectField.scss'

export interface SelectOption {
  id: string
  name: string
  /** Options with the same group are listed under one heading (e.g. 小区 for 楼栋). */
  group?: string
  /** A second line, e.g. the street of a community. */
  hint?: string
}

export interface SelectFieldProps {
  label: string
  placeholder: string
  options: readonly SelectOption[]
  value: string | undefined
  onChange: (id: string | undefined) => void
  /** Offers 「不选」 so the value can be cleared. */
  optional?: boolean
  disabled?: boolean
  /** Shown instead of the list when there is nothing to choose. */
  emptyText?: string
  error?: string
  testId: string
}

/**
 * A field that opens a full list of large options, one tap to choose. Used instead of the
 * platform's scrolling wheel picker, which is small and fiddly for older hands.
 */
export function SelectField(props: SelectFieldProps) {
  const { label, placeholder, options, value, onChange, optional, disabled, emptyText, error, testId } = props
  const [open, setOpen] = useState(false)
  const chosen = options.find((o) => o.id === value)

  const pick = (id: string | undefined) => {
    setOpen(false)
    if (id !== value) onChange(id)
  }

  const groups: { name: string; options: SelectOption[] }[] = []
  for (const o of options) {
    const name = o.group ?? ''
    const g = groups.find((x) => x.name === name)
    if (g) g.options.push(o)
    else groups.push({ name, options: [o] })
  }

  return (
    <View className='select-field'>
      <Text className='select-field__label'>{label}</Text>
      <View
        className={`select-field__box${disabled ? ' select-field__box--disabled' : ''}${error ? ' select-field__box--error' : ''}`}
        data-testid={testId}
        data-value={value ?? ''}
        onClick={() => {
          if (!disabled) setOpen(true)
        }}
      >
        <Text className={chosen ? 'select-field__value' : 'select-field__placeholder'}>{chosen ? chosen.name : placeholder}</Text>
        <Text className='select-field__arrow'>›</Text>
      </View>
      {error && (
        <Text className='select-field__error' data-testid={`${testId}-error`}>
          {error}
        </Text>
      )}

      {open && (
        <View className='select-field__sheet' data-testid={`${testId}-sheet`}>
          <View className='select-field__panel'>
            <Text className='select-field__title'>请选择{label}</Text>
            {options.length === 0 && <Text className='select-field__note'>{emptyText ?? '暂无可选项'}</Text>}
            {optional && options.length > 0 && (
              <View className='select-field__option select-field__option--plain' data-testid='select-option' data-value='' onClick={() => pick(undefined)}>
                不选
              </View>
            )}
            {groups.map((g) => (
              <View key={g.name} className='select-field__group'>
                {g.name && <Text className='select-field__group-name'>{g.name}</Text>}
                {g.options.map((o) => (
                  <View
                    key={o.id}
                    className={`select-field__option${o.id === value ? ' select-field__option--chosen' : ''}`}
                    data-testid='select-option'
                    data-value={o.id}
                    onClick={() => pick(o.id)}
                  >
                    <Text className='select-field__option-name'>{o.name}</Text>
                    {o.hint && <Text className='select-field__option-hint'>{o.hint}</Text>}
                  </View>
                ))}
              </View>
            ))}
            <View className='select-field__cancel' data-testid={`${testId}-cancel`} onClick={() => setOpen(false)}>
              取消
            </View>
          </View>
        </View>
      )}
    </View>
  )
}
