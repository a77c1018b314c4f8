import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { HouseholdRow as Row } from '@domain/api/households'
import { HouseholdRow } from '@/components/HouseholdRow/HouseholdRow'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { useHouseholdList, useHouseholdPlaces } from '@/hooks/useHouseholds'
import './HouseholdPicker.scss'

/**
 * Pick a household of the places the person works (their grid, its buildings) instead of typing
 * its building and door again: the same masked rows as 网格居民, a page at a time.
 */
export function HouseholdPicker({ onPick, onClose }: { onPick: (row: Row) => void; onClose: () => void }) {
  const places = useHouseholdPlaces()
  const [placeId, setPlaceId] = useState<string | null>(null)
  useEffect(() => {
    if (!placeId && places.data?.places[0]) setPlaceId(places.data.places[0].id)
  }, [placeId, places.data])
  const list = useHouseholdList(placeId, false)
  return (
    <View className='household-picker' data-testid='household-picker'>
      <View className='household-picker__head'>
        <Text className='household-picker__title'>选择住户</Text>
        <View className='household-picker__close' data-testid='household-picker-close' onClick={onClose}>
          不选了
        </View>
      </View>
      {places.data && (
        <View className='household-picker__chips'>
          {places.data.places.map((p) => (
            <View key={p.id} className={`household-picker__chip${p.id === placeId ? ' household-picker__chip--on' : ''}`} data-testid='household-picker-place' data-id={p.id} onClick={() => setPlaceId(p.id)}>
              {p.name}
            </View>
          ))}
        </View>
      )}
      {list.data ? (
        list.data.items.length === 0 ? (
          <Text className='household-picker__empty'>这里还没有登记住户。</Text>
        ) : (
          <View>
            {list.data.items.map((row) => (
              <HouseholdRow key={row.id} row={row} onOpen={() => onPick(row)} />
            ))}
            {list.data.nextOffset !== null && (
              <View className='household-picker__more' data-testid='household-picker-more' onClick={() => void list.loadMore()}>
                {list.loadingMore ? '正在加载…' : '显示更多'}
              </View>
            )}
          </View>
        )
      ) : (
        <LoadPanel error={places.error ?? list.error} onRetry={() => void (places.error ? places.reload() : list.reload())} />
      )}
    </View>
  )
}
