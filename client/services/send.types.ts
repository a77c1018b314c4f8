/** What goes over the wire: the action name plus the validated input, flattened. */
export type Payload = { action: string } & Record<string, unknown>

/**
 * One platform hop: deliver a payload to a backend area and resolve with whatever the backend
 * answered (an envelope, still unchecked). Rejects only when the backend could not be reached.
 * Implemented per platform in send.weapp.ts (cloud functions) and send.h5.ts (local HTTP).
 */
export type Send = (area: string, payload: Payload) => Promise<unknown>
