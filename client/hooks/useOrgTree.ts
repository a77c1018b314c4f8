import { useCallback, useEffect, useState } from 'react'
import type { Children, OrgNodeView } from '@domain/api'
import { createNode, listChildren, renameNode } from '@/services/org'
import { useRemote, type Remote } from './useRemote'

export interface OrgTree {
  /** From the admin's scope node down to the node shown; empty until the first answer. */
  trail: OrgNodeView[]
  /** The node shown and its children. */
  children: Remote<Children>
  /** Ids from the scope node to the node shown: the lineage the permission checks need. */
  lineage: string[]
  open: (node: OrgNodeView) => void
  /** Back up to the node at this index of the trail. */
  goTo: (index: number) => void
  add: (name: string) => Promise<OrgNodeView>
  rename: (node: OrgNodeView, name: string) => Promise<OrgNodeView>
}

/**
 * Browsing the tree from one node down (listChildren), one level at a time, with the way back.
 * Writes reload the level shown, so what is listed is what the database holds.
 */
export function useOrgTree(rootId: string | null): OrgTree {
  const [trail, setTrail] = useState<OrgNodeView[]>([])
  useEffect(() => setTrail([]), [rootId])
  const currentId = trail.length > 0 ? trail[trail.length - 1].id : rootId
  const children = useRemote(() => listChildren(currentId!), currentId)

  // The answer carries the node itself: the first one starts the trail, later ones refresh its name.
  const parent = children.data?.parent
  useEffect(() => {
    if (!parent) return
    setTrail((t) => {
      if (t.length === 0) return parent.id === rootId ? [parent] : t
      const last = t[t.length - 1]
      return last.id === parent.id && last.name !== parent.name ? [...t.slice(0, -1), parent] : t
    })
  }, [parent, rootId])

  const open = useCallback((node: OrgNodeView) => setTrail((t) => [...t, node]), [])
  const goTo = useCallback((index: number) => setTrail((t) => t.slice(0, index + 1)), [])

  const add = useCallback(
    async (name: string) => {
      const created = await createNode(currentId!, name)
      await children.reload()
      return created
    },
    [currentId, children.reload],
  )
  const rename = useCallback(
    async (node: OrgNodeView, name: string) => {
      const renamed = await renameNode(node.id, name)
      setTrail((t) => t.map((n) => (n.id === renamed.id ? renamed : n)))
      await children.reload()
      return renamed
    },
    [children.reload],
  )

  return { trail, children, lineage: trail.map((n) => n.id), open, goTo, add, rename }
}
