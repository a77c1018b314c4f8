import { useCallback, useEffect, useRef, useState } from 'react'
import { toApiError, type ApiError } from '@/services/ApiError'

export interface Remote<T> {
  loading: boolean
  error: ApiError | null
  data: T | null
  /** Ask again; the data already shown stays until the answer comes. */
  reload: () => Promise<void>
  /** Replace the data with what an action answered (e.g. the card after 撤回). */
  set: (data: T) => void
}

/**
 * One piece of page data from the backend: loads when `key` changes (and on reload), keeps
 * only the newest answer when calls overlap, and turns failures into the ApiError to show.
 * `key === null` means "nothing to load yet".
 */
export function useRemote<T>(load: () => Promise<T>, key: string | null): Remote<T> {
  const [state, setState] = useState<{ loading: boolean; error: ApiError | null; data: T | null }>({
    loading: key !== null,
    error: null,
    data: null,
  })
  const generation = useRef(0)
  const loadRef = useRef(load)
  loadRef.current = load

  const run = useCallback(async () => {
    const mine = ++generation.current
    setState((s) => ({ ...s, loading: true, error: null }))
    try {
      const data = await loadRef.current()
      if (mine === generation.current) setState({ loading: false, error: null, data })
    } catch (e) {
      if (mine === generation.current) setState((s) => ({ ...s, loading: false, error: toApiError(e) }))
    }
  }, [])

  useEffect(() => {
    if (key === null) {
      generation.current++
      setState({ loading: false, error: null, data: null })
      return
    }
    void run()
    return () => {
      // Answers for an old key (or after unmount) are dropped.
      generation.current++
    }
  }, [key, run])

  const set = useCallback((data: T) => {
    generation.current++
    setState({ loading: false, error: null, data })
  }, [])

  return { ...state, reload: run, set }
}
