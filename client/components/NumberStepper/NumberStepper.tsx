import { Input, Text, View } from '@tarojs/components'
import './NumberStepper.scss'

/** Typed text as a number: '' and anything not a plain number stay NaN for the schema to name. */
export const parseTyped = (text: string) => (/^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : Number.NaN)

export interface StepBounds {
  min: number
  max: number
  /** What one tap adds; the typed value snaps to it first. */
  step: number
}

/** The value one tap in `direction` gives: snapped to the step, kept within the bounds. */
export function stepped(text: string, bounds: StepBounds, direction: 1 | -1): string {
  const n = parseTyped(text)
  const base = Number.isFinite(n) ? Math.round(n / bounds.step) * bounds.step : bounds.min
  return String(Math.min(bounds.max, Math.max(bounds.min, base + direction * bounds.step)))
}

/** A big square tap target; at a bound it greys out and ignores taps. */
function StepButton({ testId, name, off, onTap, children }: { testId: string; name: string; off: boolean; onTap: () => void; children: string }) {
  return (
    <View
      className={`number-stepper__step${off ? ' number-stepper__step--off' : ''}`}
      role='button'
      aria-label={name}
      aria-disabled={off}
      hoverClass={off ? 'none' : 'number-stepper__step--pressed'}
      data-testid={testId}
      data-off={String(off)}
      onClick={() => {
        if (!off) onTap()
      }}
    >
      {children}
    </View>
  )
}

export interface NumberStepperProps {
  /** Prefix of the test ids: `<testId>-minus`, `-input`, `-plus`. */
  testId: string
  /** What the number is (the field's title): read out for the input and both buttons. */
  label: string
  value: string
  bounds: StepBounds
  /** 'digit' lets the keyboard type a decimal point. */
  type?: 'number' | 'digit'
  unit?: string
  onChange: (text: string) => void
}

/**
 * －, the typed value, ＋: for people who find typing hard, every value within the bounds is a
 * few taps away, and typing still works. Used by the settings forms (年度要求, 心愿设置).
 */
export function NumberStepper({ testId, label, value, bounds, type = 'number', unit, onChange }: NumberStepperProps) {
  const n = parseTyped(value)
  return (
    <View className='number-stepper'>
      <StepButton testId={`${testId}-minus`} name={`减少${label}`} off={Number.isFinite(n) && n <= bounds.min} onTap={() => onChange(stepped(value, bounds, -1))}>
        －
      </StepButton>
      <Input
        className={`number-stepper__value${unit ? ' number-stepper__value--with-unit' : ''}`}
        data-testid={`${testId}-input`}
        type={type}
        maxlength={4}
        value={value}
        onInput={(e) => onChange(e.detail.value)}
        // h5: the inner <input> carries the name a screen reader reads (Taro passes nativeProps there).
        nativeProps={{ 'aria-label': unit ? `${label}（${unit}）` : label }}
      />
      {unit ? <Text className='number-stepper__unit'>{unit}</Text> : null}
      <StepButton testId={`${testId}-plus`} name={`增加${label}`} off={Number.isFinite(n) && n >= bounds.max} onTap={() => onChange(stepped(value, bounds, 1))}>
        ＋
      </StepButton>
    </View>
  )
}
